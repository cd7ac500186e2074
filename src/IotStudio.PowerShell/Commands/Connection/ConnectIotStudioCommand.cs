using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Connects to IoT Studio and makes the connection this runspace's default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "IotStudio", DefaultParameterSetName = ParameterSets.ClientCredential, HelpUri = HelpUris.Cmdlets + "Connect-IotStudio.md")]
    [OutputType(typeof(IotStudioConnection))]
    public sealed class ConnectIotStudioCommand : ConnectCommandBase
    {
        /// <summary>Write the connection to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var connection = Open();
            // A replaced default stays open: the caller may still hold it (-PassThru) and use it with -Connection.
            ConnectionStore.Default = connection;
            if (PassThru) WriteObject(connection);
        }
    }
}
