using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates a connection without touching the runspace's default; pass it with -Connection.</summary>
    [Cmdlet(VerbsCommon.New, "IotStudioConnection", DefaultParameterSetName = ParameterSets.ClientCredential, HelpUri = HelpUris.Cmdlets + "New-IotStudioConnection.md")]
    [OutputType(typeof(IotStudioConnection))]
    public sealed class NewIotStudioConnectionCommand : ConnectCommandBase
    {
        /// <inheritdoc />
        protected override void EndProcessing() => WriteObject(Open());
    }
}
