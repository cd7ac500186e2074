using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes Models, with their versions.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotModel.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotModelCommand : IotStudioSpaceCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The Models to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            foreach (var name in Name)
            {
                if (!ShouldProcess($"{name} in space {space}", Strings.ShouldRemoveModel)) continue;
                var models = connection.Client.Models;
                Send(name, space + "/" + name, ct => models.DeleteAsync(space, name, ct));
            }
        }
    }
}
