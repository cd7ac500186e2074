using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Changes a Model's description; what you do not give is kept.</summary>
    [Cmdlet(VerbsCommon.Set, "IotModel", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpUris.Cmdlets + "Set-IotModel.md")]
    [OutputType(typeof(ThingModel))]
    public sealed class SetIotModelCommand : IotStudioSpaceCmdlet
    {
        /// <summary>The Model to change.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string Name { get; set; }

        /// <summary>A Model from Get-IotModel, sent back as it is apart from the changes given.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ThingModel InputObject { get; set; }

        /// <summary>New description.</summary>
        [Parameter]
        public string Description { get; set; }

        /// <summary>Write the updated Model.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            if (InputObject?.Space != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Space))) space = InputObject.Space;
            var name = InputObject?.Name ?? Name;
            if (!ShouldProcess($"{name} in space {space}", Strings.ShouldUpdateModel)) return;
            ForItem(name, () =>
            {
                // PUT replaces the whole Model: start from the current state so nothing not given is lost.
                var current = InputObject ?? Run(ct => connection.Client.Models.GetAsync(space, name, ct));
                var description = MyInvocation.BoundParameters.ContainsKey(nameof(Description)) ? Description : current.Description;
                var updated = Run(ct => connection.Client.Models.UpdateAsync(space, name, description, PlainValue.Map(current.AdditionalProperties), ct));
                if (PassThru) WriteObject(updated);
            });
        }
    }
}
