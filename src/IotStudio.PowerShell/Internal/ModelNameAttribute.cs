using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Turns what reaches a -Model parameter (a string on every cmdlet) into the Model's name: a Model or version from the
    /// module gives its own name, a Category, a Thing or their Model reference gives the name of the Model they are bound
    /// to, and @{ name = ...; version = ... } its name, so piping them never sends a Thing id or a type name as a Model name.
    /// </summary>
    internal sealed class ModelNameAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject p ? p.BaseObject : inputData;
            switch (value)
            {
                case ThingModel m: return m.Name;
                case ThingModelVersion v: return v.Model;
                case ModelDescription d: return d.Name;
                case Category c: return c.Model?.Name;
                case Thing t: return t.Model?.Name;
                case System.Collections.IDictionary _:
                case PSCustomObject _:
                    // @{ name = 'm'; version = 2 }, or the model of a Thing read with ConvertFrom-Json.
                    return ModelArgument.From(inputData)?.Name;
                default: return inputData;
            }
        }
    }
}
