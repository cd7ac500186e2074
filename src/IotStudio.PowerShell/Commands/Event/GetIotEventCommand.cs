using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets a Thing's events: all of them or one event's (streamed page by page), or one by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IotEvent", DefaultParameterSetName = ParameterSets.List, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotEvent.md")]
    [OutputType(typeof(ThingEvent))]
    public sealed class GetIotEventCommand : GetInteractionCmdlet
    {
        /// <summary>Only the occurrences of this event.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.ByName, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.EventNameCompleter))]
        public override string Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() => Process(
            (client, thing, ct) => client.Events.GetAsync(thing, Name, Id, ct),
            (client, thing, cap) => client.Events.List(thing, GivenPageSize, cap),
            (client, thing, cap) => client.Events.ListByName(thing, Name, GivenPageSize, cap));
    }
}
