using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Revokes the token and closes a connection (default: the runspace's).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "IotStudio", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "Disconnect-IotStudio.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectIotStudioCommand : IotStudioCmdlet
    {
        /// <summary>The connection to close; default: the runspace's.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [LiveConnection]
        [ValidateNotNull]
        public IotStudioConnection InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var connection = InputObject ?? Connection ?? ConnectionStore.Default;
            if (connection == null)
            {
                ThrowTerminatingError(new ErrorRecord(new System.InvalidOperationException(Strings.NotConnected), "NotConnected", ErrorCategory.ConnectionError, null));
                return;
            }
            if (!ShouldProcess(connection.ToString(), Strings.ShouldDisconnect)) return;
            try
            {
                CloseConnection(connection);
            }
            finally
            {
                if (ReferenceEquals(ConnectionStore.Default, connection)) ConnectionStore.Default = null;
            }
        }
    }
}
