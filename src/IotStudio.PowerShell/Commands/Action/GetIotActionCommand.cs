using System;
using System.Linq;
using System.Management.Automation;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets a Thing's action requests: all of them or one action's (streamed page by page), or one by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IotAction", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotAction.md")]
    [OutputType(typeof(ThingAction))]
    public sealed class GetIotActionCommand : ThingChildCmdlet
    {
        private const string ListSet = "List";
        private const string NameSet = "ByName";
        private const string IdSet = "ById";

        /// <summary>Only the requests of this action.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ActionNameCompleter))]
        public string Name { get; set; }

        /// <summary>The id (ULID) of one request of the action named by -Name.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        /// <summary>Only requests with one of these statuses, such as pending (compared without case, in the module).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string[] Status { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = NameSet)]
        [ValidateRange(1, CursorPager<ThingAction>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<ThingAction>.DefaultPageSize;

        private ulong _byIdSeen, _byIdWritten;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            Predicate<ThingAction> filter = null;
            if (Status != null) filter = a => Status.Any(s => string.Equals(s, a.Status, StringComparison.OrdinalIgnoreCase));
            switch (ParameterSetName)
            {
                case IdSet:
                    // -Skip and -First count across every id in the pipeline; no request once -First is met.
                    if (_byIdWritten >= PagingParameters.First) return;
                    ForItem(Id, () =>
                    {
                        var item = Run(ct => connection.Client.Actions.GetAsync(thing, Name, Id, ct));
                        if (_byIdSeen++ < PagingParameters.Skip) return;
                        WriteObject(item);
                        _byIdWritten++;
                    });
                    break;
                case NameSet:
                    ForItem($"{ThingId}/{Name}", () => StreamPages(cap => connection.Client.Actions.ListByName(thing, Name, GivenPageSize, cap), filter));
                    break;
                default:
                    ForItem(ThingId, () => StreamPages(cap => connection.Client.Actions.List(thing, GivenPageSize, cap), filter));
                    break;
            }
        }
    }
}
