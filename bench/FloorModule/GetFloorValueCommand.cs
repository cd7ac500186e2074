using System.Management.Automation;

namespace FloorModule
{
    /// <summary>The one cmdlet of the benchmark's baseline module: writes 1.</summary>
    [Cmdlet(VerbsCommon.Get, "FloorValue")]
    [OutputType(typeof(int))]
    public sealed class GetFloorValueCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(1);
    }
}
