using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes Categories.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotCategory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotCategory.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotCategoryCommand : IotStudioSpaceCmdlet, ISupportsForce
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The Categories to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CategoryName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string[] Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            foreach (var name in Name)
            {
                if (!ShouldProcess($"{name} in space {space}", Strings.ShouldRemoveCategory)) continue;
                ForItem(name, () => Run(ct => connection.Client.Categories.DeleteAsync(space, name, ct)));
            }
        }
    }
}
