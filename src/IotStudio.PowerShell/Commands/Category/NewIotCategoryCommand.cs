using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates a Category.</summary>
    [Cmdlet(VerbsCommon.New, "IotCategory", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotCategory.md")]
    [OutputType(typeof(Category))]
    public sealed class NewIotCategoryCommand : NewNamedResourceCmdlet
    {
        /// <summary>The new Category's name: 1 to 26 letters, digits, '_', ':' or '-'.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CategoryName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>Free text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Description { get; set; }

        /// <summary>The Model the Category binds to: its name (a Model, or another Category's model, gives its name; the version is -ModelVersion).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ModelName]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string Model { get; set; }

        /// <summary>The Model version.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public long? ModelVersion { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            Create<Category>(Name, Strings.ShouldCreateCategory, (client, space) =>
            {
                var model = ModelArgument.From(Model);
                if (model != null && ModelVersion.HasValue) model.Version = ModelVersion;
                var (name, description, extra) = (Name, Description, PlainValue.Map(AdditionalProperties));
                var categories = client.Categories;
                return ct => categories.CreateAsync(space, name, description, model, extra, ct);
            });
        }
    }
}
