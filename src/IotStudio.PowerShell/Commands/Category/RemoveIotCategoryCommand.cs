using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes Categories.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotCategory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotCategory.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotCategoryCommand : RemoveNamedResourceCmdlet
    {
        /// <summary>The Categories to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CategoryName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string[] Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() =>
            Remove(Name, Strings.ShouldRemoveCategory, (client, space, name, ct) => client.Categories.DeleteAsync(space, name, ct));
    }
}
