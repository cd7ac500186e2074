using System;
using System.Linq;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets a Thing's action requests: all of them or one action's (streamed page by page), or one by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IotAction", DefaultParameterSetName = ParameterSets.List, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotAction.md")]
    [OutputType(typeof(ThingAction))]
    public sealed class GetIotActionCommand : GetInteractionCmdlet
    {
        /// <summary>Only the requests of this action.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.ByName, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ActionNameCompleter))]
        public override string Name { get; set; }

        /// <summary>Only requests with one of these statuses, such as pending (compared without case, in the module).</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        [Parameter(ParameterSetName = ParameterSets.ByName)]
        [ValidateNotNullOrEmpty]
        public string[] Status { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() => Process(
            (client, thing, ct) => client.Actions.GetAsync(thing, Name, Id, ct),
            (client, thing, cap) => client.Actions.List(thing, GivenPageSize, cap),
            (client, thing, cap) => client.Actions.ListByName(thing, Name, GivenPageSize, cap),
            StatusFilter());

        private Predicate<ThingAction> StatusFilter() =>
            Status == null ? null : a => Status.Any(s => string.Equals(s, a.Status, StringComparison.OrdinalIgnoreCase));
    }
}
