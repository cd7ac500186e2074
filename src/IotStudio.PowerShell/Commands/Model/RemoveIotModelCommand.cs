using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes Models, with their versions.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotModel.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotModelCommand : IotStudioSpaceCmdlet, ISupportsForce
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

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            foreach (var name in Name)
            {
                if (!ShouldProcess($"{name} in space {space}", Strings.ShouldRemoveModel)) continue;
                ForItem(name, () => Run(ct => connection.Client.Models.DeleteAsync(space, name, ct)));
            }
        }
    }
}
