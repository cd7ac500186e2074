using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Deletes the values of a Thing's properties history in a time range (-From/-To or -At; the API refuses a delete
    /// without one), of all properties or of -Name only; or the piped values (Timestamp and Name) one by one. The API
    /// answers without a count: -PassThru lists the values first and writes them once they are deleted.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "IotPropertyHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = ParameterSets.Until, HelpUri = HelpUris.Cmdlets + "Remove-IotPropertyHistory.md")]
    [OutputType(typeof(PropertyHistoryValue))]
    public sealed class RemoveIotPropertyHistoryCommand : ThingChildCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Only these properties' values; default: every property's.</summary>
        [Parameter(Position = 1, ParameterSetName = ParameterSets.Range)]
        [Parameter(Position = 1, ParameterSetName = ParameterSets.Until)]
        [Parameter(Position = 1, ParameterSetName = ParameterSets.At)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Timestamp, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PropertyNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>Values recorded at or after this time (a time without an offset is local time).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Range)]
        public DateTimeOffset From { get; set; }

        /// <summary>Values recorded at or before this time (a time without an offset is local time).</summary>
        [Parameter(ParameterSetName = ParameterSets.Range)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Until)]
        public DateTimeOffset To { get; set; }

        /// <summary>The time as the API writes it: a date-time, 'from|to', or the short forms '2022|2023', '2022-12|2023-03', '2023-05-15|2023-05-30' (UTC).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.At)]
        [ValidateNotNullOrEmpty]
        public string At { get; set; }

        /// <summary>The one time whose value of -Name is deleted (bound from a piped history value).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Timestamp, ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset Timestamp { get; set; }

        /// <summary>List the values in the range first, and write them once they are deleted.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private HistoryRange _range;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case ParameterSets.At: _range = HistoryRange.Parse(At); break;
                    case ParameterSets.Range: _range = HistoryRange.Between(From, MyInvocation.BoundParameters.ContainsKey(nameof(To)) ? To : (DateTimeOffset?)null); break;
                    case ParameterSets.Until: _range = HistoryRange.Between(null, To); break;
                }
            }
            catch (ArgumentException ex)
            {
                ThrowItemError(ex, At ?? (object)$"{From:O}|{To:O}");
            }
        }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            var history = connection.Client.PropertyHistory;
            var range = ParameterSetName == ParameterSets.Timestamp ? HistoryRange.At(Timestamp) : _range;
            var names = Name?.Distinct(StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
            var what = names.Length == 0 ? Strings.HistoryAllProperties : string.Join(", ", names);
            if (!ShouldProcess(ThingInSpace(thing.Space),
                string.Format(CultureInfo.CurrentCulture, Strings.ShouldRemoveHistory, what, range))) return;

            ForItem(ParameterSetName == ParameterSets.Timestamp ? (object)$"{ThingId}/{what}@{ApiTime.Format(Timestamp)}" : ThingId, () =>
            {
                var (passThru, thingId) = (PassThru.IsPresent, ThingId);
                Send(thingId, thing.Space + "/" + thing.ThingId, async ct =>
                {
                    List<PropertyHistoryValue> removed = null;
                    if (passThru)
                    {
                        var pager = names.Length == 1
                            ? PropertyHistoryApi.Flatten(history.ListOne(thing, names[0], range, Paging.CursorPager<PropertyHistoryGroup>.MaxPageSize))
                            : PropertyHistoryApi.Flatten(history.List(thing, range, names, group: false, Paging.CursorPager<PropertyHistoryGroup>.MaxPageSize));
                        removed = new List<PropertyHistoryValue>();
                        while (pager.HasMore) removed.AddRange(await pager.NextPageAsync(ct).ConfigureAwait(false));
                    }
                    if (names.Length == 1) await history.DeleteOneAsync(thing, names[0], range, ct).ConfigureAwait(false);
                    else await history.DeleteAsync(thing, range, names, ct).ConfigureAwait(false);
                    return removed;
                }, removed =>
                {
                    if (removed == null)
                    {
                        WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RemovedHistoryUncounted, what, range, thingId));
                        return;
                    }
                    WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RemovedHistory, removed.Count, what, range, thingId));
                    foreach (var value in removed) WriteObject(value);
                });
            });
        }
    }
}
