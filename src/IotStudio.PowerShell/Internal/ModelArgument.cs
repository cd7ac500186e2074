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
            value = value is PSObject p ? p.BaseObject : value;
            switch (value)
            {
                case null: return null;
                case ModelDescription m: return new ModelDescription { Name = m.Name, Version = m.Version };
                case IDictionary d:
                    var name = d["name"] as string ?? d["Name"] as string;
                    var version = d["version"] ?? d["Version"];
                    if (string.IsNullOrEmpty(name)) return null;
                    return new ModelDescription { Name = name, Version = version == null ? (long?)null : Convert.ToInt64(version, CultureInfo.InvariantCulture) };
                default:
                    var text = Convert.ToString(value, CultureInfo.InvariantCulture);
                    return string.IsNullOrEmpty(text) ? null : new ModelDescription { Name = text };
            }
        }
    }
}
