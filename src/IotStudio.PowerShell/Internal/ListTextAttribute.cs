using System.Management.Automation;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// On a string[] parameter that a CSV column can fill: one string with commas ("a, b", as ConvertTo-IotFlatThing
    /// writes Type and Categories) is several values, and an empty one is none.
    /// </summary>
    internal sealed class ListTextAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject p ? p.BaseObject : inputData;
            return value is string text && (text.Length == 0 || text.IndexOf(',') >= 0) ? FlatThing.Split(text) : inputData;
        }
    }
}
