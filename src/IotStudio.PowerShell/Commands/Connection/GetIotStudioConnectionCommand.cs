using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets this runspace's default connection (nothing when not connected), or with -ListAvailable every open connection of the runspace.</summary>
    [Cmdlet(VerbsCommon.Get, "IotStudioConnection", HelpUri = HelpUris.Cmdlets + "Get-IotStudioConnection.md")]
    [OutputType(typeof(IotStudioConnection))]
    public sealed class GetIotStudioConnectionCommand : PSCmdlet
    {
        /// <summary>Every open connection made in this runspace (Connect-, New- and Use-IotStudioConnection), oldest first.</summary>
        [Parameter]
        public SwitchParameter ListAvailable { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ListAvailable)
            {
                foreach (var c in ConnectionStore.Available()) WriteObject(c);
                return;
            }
            var connection = ConnectionStore.Default;
            if (connection == null) return;
            Loading.DisplayData.EnsureLoaded(this);
            WriteObject(connection);
        }
    }
}
