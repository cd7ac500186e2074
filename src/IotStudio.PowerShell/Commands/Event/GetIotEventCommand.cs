using System.Management.Automation;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets a Thing's events: all of them or one event's (streamed page by page), or one by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IotEvent", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotEvent.md")]
    [OutputType(typeof(ThingEvent))]
    public sealed class GetIotEventCommand : ThingChildCmdlet
    {
        private const string ListSet = "List";
        private const string NameSet = "ByName";
        private const string IdSet = "ById";

        /// <summary>Only the occurrences of this event.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.EventNameCompleter))]
        public string Name { get; set; }

        /// <summary>The id (ULID) of one occurrence of the event named by -Name.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = NameSet)]
        [ValidateRange(1, CursorPager<ThingEvent>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<ThingEvent>.DefaultPageSize;

        private ulong _byIdSeen, _byIdWritten;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            switch (ParameterSetName)
            {
                case IdSet:
                    // -Skip and -First count across every id in the pipeline; no request once -First is met.
                    if (_byIdWritten >= PagingParameters.First) return;
                    ForItem(Id, () =>
                    {
                        var item = Run(ct => connection.Client.Events.GetAsync(thing, Name, Id, ct));
                        if (_byIdSeen++ < PagingParameters.Skip) return;
                        WriteObject(item);
                        _byIdWritten++;
                    });
                    break;
                case NameSet:
                    ForItem($"{ThingId}/{Name}", () => StreamPages(cap => connection.Client.Events.ListByName(thing, Name, GivenPageSize, cap)));
                    break;
                default:
                    ForItem(ThingId, () => StreamPages(cap => connection.Client.Events.List(thing, GivenPageSize, cap)));
                    break;
            }
        }
    }
}
