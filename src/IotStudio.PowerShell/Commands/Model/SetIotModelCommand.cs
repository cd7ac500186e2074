using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Changes a Model's description; what you do not give is kept.</summary>
    [Cmdlet(VerbsCommon.Set, "IotModel", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpUris.Cmdlets + "Set-IotModel.md")]
    [OutputType(typeof(ThingModel))]
    public sealed class SetIotModelCommand : IotStudioSpaceCmdlet, IThrottledCmdlet
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

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var name = InputObject?.Name ?? Name;
            SendUpdate<ThingModel>(name, InputObject?.Space, Strings.ShouldUpdateModel, PassThru, (client, space) =>
            {
                var input = InputObject;
                var givenExtra = input == null ? null : PlainValue.Map(input.AdditionalProperties);
                var (descriptionGiven, givenDescription) = (MyInvocation.BoundParameters.ContainsKey(nameof(Description)), Description);
                var models = client.Models;
                return async ct =>
                {
                    // PUT replaces the whole Model: start from the current state so nothing not given is lost.
                    var current = input ?? await models.GetAsync(space, name, ct).ConfigureAwait(false);
                    var description = descriptionGiven ? givenDescription : current.Description;
                    var extra = input != null ? givenExtra : PlainValue.Map(current.AdditionalProperties);
                    return await models.UpdateAsync(space, name, description, extra, ct).ConfigureAwait(false);
                };
            });
        }
    }
}
