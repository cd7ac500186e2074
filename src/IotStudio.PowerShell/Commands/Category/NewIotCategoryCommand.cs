using System.Collections;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates a Category.</summary>
    [Cmdlet(VerbsCommon.New, "IotCategory", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotCategory.md")]
    [OutputType(typeof(Category))]
    public sealed class NewIotCategoryCommand : IotStudioSpaceCmdlet, IThrottledCmdlet
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

        /// <summary>Other body fields, sent as given.</summary>
        [Parameter]
        public Hashtable AdditionalProperties { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            if (!ShouldProcess($"{Name} in space {space}", Strings.ShouldCreateCategory)) return;
            ForItem(Name, () =>
            {
                var model = ModelArgument.From(Model);
                if (model != null && ModelVersion.HasValue) model.Version = ModelVersion;
                var (name, description, extra) = (Name, Description, PlainValue.Map(AdditionalProperties));
                var categories = connection.Client.Categories;
                Send(name, space + "/" + name, ct => categories.CreateAsync(space, name, description, model, extra, ct), WriteObject);
            });
        }
    }
}
