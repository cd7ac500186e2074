using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Changes a Category's description or model; what you do not give is kept.</summary>
    [Cmdlet(VerbsCommon.Set, "IotCategory", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpUris.Cmdlets + "Set-IotCategory.md")]
    [OutputType(typeof(Category))]
    public sealed class SetIotCategoryCommand : IotStudioSpaceCmdlet, IThrottledCmdlet
    {
        /// <summary>The Category to change.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName, ValueFromPipelineByPropertyName = true)]
        [Alias("CategoryName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string Name { get; set; }

        /// <summary>A Category from Get-IotCategory, sent back as it is apart from the changes given.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Category InputObject { get; set; }

        /// <summary>New description.</summary>
        [Parameter]
        public string Description { get; set; }

        /// <summary>New Model name.</summary>
        [Parameter]
        [ModelName]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string Model { get; set; }

        /// <summary>New Model version.</summary>
        [Parameter]
        public long? ModelVersion { get; set; }

        /// <summary>Unbind the Category from its Model.</summary>
        [Parameter]
        public SwitchParameter ClearModel { get; set; }

        /// <summary>Write the updated Category.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var name = InputObject?.Name ?? Name;
            SendUpdate<Category>(name, InputObject?.Space, Strings.ShouldUpdateCategory, PassThru, (client, space) =>
            {
                var input = InputObject;
                var givenExtra = input == null ? null : PlainValue.Map(input.AdditionalProperties);
                var (descriptionGiven, givenDescription, modelName, modelVersion, clear) =
                    (MyInvocation.BoundParameters.ContainsKey(nameof(Description)), Description, Model, ModelVersion, ClearModel.IsPresent);
                var categories = client.Categories;
                return async ct =>
                {
                    // PUT replaces the description and model: start from the current state so nothing not given is lost.
                    var current = input ?? await categories.GetAsync(space, name, ct).ConfigureAwait(false);
                    var description = descriptionGiven ? givenDescription : current.Description;
                    var model = current.Model;
                    if (modelName != null) model = new ModelDescription { Name = modelName, Version = modelVersion };
                    else if (modelVersion.HasValue && model != null) model = new ModelDescription { Name = model.Name, Version = modelVersion };
                    var extra = input != null ? givenExtra : PlainValue.Map(current.AdditionalProperties);
                    return await categories.UpdateAsync(space, name, description, clear ? null : model, clear, extra, ct).ConfigureAwait(false);
                };
            });
        }
    }
}
