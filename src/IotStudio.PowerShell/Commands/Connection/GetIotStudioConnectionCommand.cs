using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets this runspace's default connection (nothing when not connected).</summary>
    [Cmdlet(VerbsCommon.Get, "IotStudioConnection", HelpUri = HelpUris.Cmdlets + "Get-IotStudioConnection.md")]
    [OutputType(typeof(IotStudioConnection))]
    public sealed class GetIotStudioConnectionCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var connection = ConnectionStore.Default;
            if (connection != null) WriteObject(connection);
        }
    }
}
