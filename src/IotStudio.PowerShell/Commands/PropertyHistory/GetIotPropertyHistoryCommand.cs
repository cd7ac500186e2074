using System;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Gets a Thing's properties history, streamed page by page: one object per value, or with -Group one per time.
    /// The time range is -From/-To or the API's text (-At), checked before any request.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IotPropertyHistory", DefaultParameterSetName = ParameterSets.Range, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotPropertyHistory.md")]
    [OutputType(typeof(PropertyHistoryValue), typeof(PropertyHistoryGroup))]
    public sealed class GetIotPropertyHistoryCommand : ThingChildCmdlet
    {
        /// <summary>Only these properties; default: all.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PropertyNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>Values recorded at or after this time (a time without an offset is local time).</summary>
        [Parameter(ParameterSetName = ParameterSets.Range)]
        public DateTimeOffset From { get; set; }

        /// <summary>Values recorded at or before this time (a time without an offset is local time).</summary>
        [Parameter(ParameterSetName = ParameterSets.Range)]
        public DateTimeOffset To { get; set; }

        /// <summary>The time as the API writes it: a date-time, 'from|to', or the short forms '2022|2023', '2022-12|2023-03', '2023-05-15|2023-05-30' (UTC).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.At)]
        [ValidateNotNullOrEmpty]
        public string At { get; set; }

        /// <summary>Write one object per time, holding every value recorded then, instead of one per value.</summary>
        [Parameter]
        public SwitchParameter Group { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter]
        [ValidateRange(1, CursorPager<PropertyHistoryValue>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<PropertyHistoryValue>.DefaultPageSize;

        private HistoryRange _range;
        private string[] _names;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _names = Name?.Distinct(StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
            try
            {
                _range = At != null
                    ? HistoryRange.Parse(At)
                    : HistoryRange.Between(Bound(nameof(From)) ? From : (DateTimeOffset?)null, Bound(nameof(To)) ? To : (DateTimeOffset?)null);
            }
            catch (ArgumentException ex)
            {
                ThrowItemError(ex, At ?? (object)$"{From:O}|{To:O}");
            }
        }

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            var history = connection.Client.PropertyHistory;
            ForItem(ThingId, () =>
            {
                if (Group) StreamPages(cap => history.List(thing, _range, _names, group: true, GivenPageSize, cap));
                else if (_names.Length == 1) StreamPages(cap => PropertyHistoryApi.Flatten(history.ListOne(thing, _names[0], _range, GivenPageSize, cap)));
                else StreamPages(cap => PropertyHistoryApi.Flatten(history.List(thing, _range, _names, group: false, GivenPageSize, cap)));
            });
        }
    }
}
