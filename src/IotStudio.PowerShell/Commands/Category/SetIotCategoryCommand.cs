using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Changes a Category's description or model; what you do not give is kept.</summary>
    [Cmdlet(VerbsCommon.Set, "IotCategory", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpUris.Cmdlets + "Set-IotCategory.md")]
    [OutputType(typeof(Category))]
    public sealed class SetIotCategoryCommand : IotStudioSpaceCmdlet
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

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            if (InputObject?.Space != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Space))) space = InputObject.Space;
            var name = InputObject?.Name ?? Name;
            if (!ShouldProcess($"{name} in space {space}", Strings.ShouldUpdateCategory)) return;
            ForItem(name, () =>
            {
                // PUT replaces the description and model: start from the current state so nothing not given is lost.
                var current = InputObject ?? Run(ct => connection.Client.Categories.GetAsync(space, name, ct));
                var description = MyInvocation.BoundParameters.ContainsKey(nameof(Description)) ? Description : current.Description;
                var model = current.Model;
                if (Model != null) model = new ModelDescription { Name = Model, Version = ModelVersion };
                else if (ModelVersion.HasValue && model != null) model = new ModelDescription { Name = model.Name, Version = ModelVersion };
                var updated = Run(ct => connection.Client.Categories.UpdateAsync(space, name, description, ClearModel ? null : model, ClearModel, PlainValue.Map(current.AdditionalProperties), ct));
                if (PassThru) WriteObject(updated);
            });
        }
    }
}
