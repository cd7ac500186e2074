using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell
{
    /// <summary>Reads a -Model argument: a name, a model object from another Thing or Category, or @{ name; version }.</summary>
    internal static class ModelArgument
    {
        public static ModelDescription From(object value)
        {
            // A PSCustomObject such as @{ name = 'm'; version = 2 } read from JSON or CSV becomes a plain dictionary first.
            return ModelDescription.From(PlainValue.From(value));
        }
    }
}
