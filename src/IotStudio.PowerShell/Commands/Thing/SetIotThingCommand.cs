using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Changes a Thing through a full PUT. By id, the Thing is read first and only the fields given change;
    /// with -InputObject, the object (as changed in the pipeline) is sent back whole. Unknown fields are kept.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "IotThing", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject, HelpUri = HelpUris.Cmdlets + "Set-IotThing.md")]
    [OutputType(typeof(Thing))]
    public sealed class SetIotThingCommand : ThingFieldsCmdlet, IThrottledCmdlet
    {
        /// <summary>The Thing's id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Uid")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ThingIdCompleter))]
        public string ThingId { get; set; }

        /// <summary>A Thing from Get-IotThing, possibly changed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Thing InputObject { get; set; }

        /// <summary>Use the Category's path (the Thing must be in it).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string Category { get; set; }

        /// <summary>Write the updated Thing.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var id = InputObject?.Uid ?? ThingId;
            SendUpdate<Thing>(id, InputObject?.Space, Strings.ShouldUpdateThing, PassThru, (client, space) =>
            {
                // Values edited in the pipeline arrive wrapped in PSObjects: make them plain (here, on the pipeline thread) before they go to JSON.
                var given = InputObject == null ? null : PlainValue.Map(InputObject.ToUpdateBody(includeCategories: true));
                var fields = BoundFields();
                var path = new ThingPath(space, id, Category);
                var things = client.Things;
                return async ct =>
                {
                    var document = given ?? PlainValue.Map((await things.GetAsync(path, ct).ConfigureAwait(false)).ToUpdateBody(includeCategories: true));
                    return await things.UpdateAsync(path, document, fields, ct).ConfigureAwait(false);
                };
            });
        }
    }
}
