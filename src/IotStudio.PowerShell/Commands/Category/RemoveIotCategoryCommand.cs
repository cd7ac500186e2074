using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes Categories.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotCategory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotCategory.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotCategoryCommand : IotStudioSpaceCmdlet, ISupportsForce, IThrottledCmdlet
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
                if (!ShouldProcess($"{name} in space {space}", Strings.ShouldRemoveCategory)) continue;
                var categories = connection.Client.Categories;
                Send(name, space + "/" + name, ct => categories.DeleteAsync(space, name, ct));
            }
        }
    }
}
