using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes Models, with their versions.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotModel.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotModelCommand : RemoveNamedResourceCmdlet
    {
        /// <summary>The Models to delete.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string[] Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() =>
            Remove(Name, Strings.ShouldRemoveModel, (client, space, name, ct) => client.Models.DeleteAsync(space, name, ct));
    }
}
