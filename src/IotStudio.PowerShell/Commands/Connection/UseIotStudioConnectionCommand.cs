using System;
using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Runs a script block with a connection as the runspace default, then disconnects (revoking the token) even
    /// when the script block fails: PowerShell's counterpart of the Python client's <c>with</c> block.
    /// </summary>
    [Cmdlet(VerbsOther.Use, "IotStudioConnection", DefaultParameterSetName = ParameterSets.ClientCredential, HelpUri = HelpUris.Cmdlets + "Use-IotStudioConnection.md")]
    [OutputType(typeof(PSObject))]
    public sealed class UseIotStudioConnectionCommand : ConnectCommandBase
    {
        private static readonly ScriptBlock Relay = ScriptBlock.Create(@"
param($__iotBlock, $__iotConnection, $__iotCmdlet)
& $__iotBlock $__iotConnection 2>&1 | ForEach-Object {
    if ($_ -is [System.Management.Automation.ErrorRecord]) { $__iotCmdlet.WriteError($_) } else { $__iotCmdlet.WriteObject($_) }
}");

        /// <summary>The script to run; the connection is also passed as its first argument.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public ScriptBlock ScriptBlock { get; set; }

        /// <summary>An open connection to use and then close.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject)]
        [LiveConnection]
        [ValidateNotNull]
        public IotStudioConnection InputObject { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var connection = ParameterSetName == ParameterSets.InputObject ? InputObject : Open();
            var previous = ConnectionStore.Default;
            ConnectionStore.Default = connection;
            try
            {
                // The relay runs in the caller's session state (the block sees the caller's variables) and hands each
                // output item and error to this cmdlet as it comes, so output streams and a downstream stop ends the block.
                // The block's non-terminating errors are re-written by this cmdlet, so its -ErrorAction and -ErrorVariable apply.
                SessionState.InvokeCommand.InvokeScript(SessionState, Relay, ScriptBlock, connection, this);
            }
            finally
            {
                ConnectionStore.Default = ReferenceEquals(previous, connection) ? null : previous;
                CloseConnection(connection);
            }
        }
    }
}
