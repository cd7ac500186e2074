using System;
using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Runs a script block with a connection as the runspace default, then disconnects (revoking the token) even
    /// when the script block fails: PowerShell's counterpart of the Python client's <c>with</c> block.
    /// </summary>
    [Cmdlet(VerbsOther.Use, "IotStudioConnection", DefaultParameterSetName = ClientCredentialSet)]
    [OutputType(typeof(PSObject))]
    public sealed class UseIotStudioConnectionCommand : ConnectCommandBase
    {
        private const string ExistingSet = "InputObject";

        /// <summary>The script to run; the connection is also passed as its first argument.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public ScriptBlock ScriptBlock { get; set; }

        /// <summary>An open connection to use and then close.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExistingSet)]
        [ValidateNotNull]
        public IotStudioConnection InputObject { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var connection = ParameterSetName == ExistingSet ? InputObject : Open();
            var previous = ConnectionStore.Default;
            ConnectionStore.Default = connection;
            try
            {
                // InvokeScript runs in the caller's session state, so the block sees the caller's variables.
                var output = SessionState.InvokeCommand.InvokeScript(SessionState, ScriptBlock, connection);
                foreach (var item in output) WriteObject(item);
            }
            finally
            {
                ConnectionStore.Default = ReferenceEquals(previous, connection) ? null : previous;
                CloseConnection(connection);
            }
        }
    }
}
