using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Sets property values of a Thing: one with -Name/-Value, or several at once with -Values.</summary>
    [Cmdlet(VerbsCommon.Set, "IotProperty", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Single, HelpUri = HelpUris.Cmdlets + "Set-IotProperty.md")]
    [OutputType(typeof(PropertyValue))]
    public sealed class SetIotPropertyCommand : ThingChildCmdlet, IThrottledCmdlet
    {
        /// <summary>The most property values one request carries when values piped for one Thing are sent together.</summary>
        internal const int BatchSize = 100;

        private PropertyBatch _batch;

        /// <summary>The property to set.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.Single, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PropertyNameCompleter))]
        public string Name { get; set; }

        /// <summary>Its new value: number, string, boolean, $null, array or hashtable.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ParameterSets.Single, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public object Value { get; set; }

        /// <summary>Several values at once: @{ setpoint = 21; mode = 'eco' }.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Map)]
        [ValidateNotNull]
        public Hashtable Values { get; set; }

        /// <summary>Keep these values out of the properties history (update_history=false).</summary>
        [Parameter]
        public SwitchParameter NoHistory { get; set; }

        /// <summary>Write the values the service stored.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Send a -Value that comes from the pipeline as text (a CSV cell) as a string, instead of reading "3.5", "true", "null" or JSON text as that value.</summary>
        [Parameter]
        public SwitchParameter AsString { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        private bool _valueOnCommandLine;

        /// <inheritdoc />
        protected override void BeginProcessing() => _valueOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Value));

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            var space = thing.Space;
            var map = ParameterSetName == ParameterSets.Map;
            if (map && Values.Count == 0) ThrowItemError(new PSArgumentException(Strings.ValuesEmpty), ThingId);
            var what = map ? string.Join(", ", Values.Keys.Cast<object>().Select(k => k.ToString())) : Name;
            if (!ShouldProcess(ThingInSpace(space), string.Format(CultureInfo.CurrentCulture, Strings.ShouldSetProperty, what))) return;
            var target = map ? (object)ThingId : $"{ThingId}/{Name}";
            PropertyItem item;
            try
            {
                item = map ? new PropertyItem(target, null, PlainValue.Map(Values)) : new PropertyItem(target, Name, new OrderedDictionary { { Name, SingleValue() } });
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                CloseBatch();
                WriteItemError(ex, target);
                return;
            }
            var history = !NoHistory;
            var properties = connection.Client.Properties;
            var key = thing.Space + "/" + thing.ThingId;
            if (ThrottleLimitInEffect <= 1)
            {
                Send(target, key, ct => item.SendAsync(properties, thing, history, ct), Emit);
                return;
            }
            // Values piped for the same Thing one after another go out together (see PropertyBatch); all writes to
            // one Thing are sent one after the other, in input order.
            if (_batch != null && _batch.TryAdd(thing, history, item)) return;
            CloseBatch();
            var batch = _batch = new PropertyBatch(thing, history, item);
            Send(target, key, ct => batch.SendAsync(properties, ct), WriteOutcomes);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            CloseBatch();
            base.EndProcessing();
        }

        private void CloseBatch()
        {
            _batch?.Close();
            _batch = null;
        }

        // A value from the pipeline is text when it comes from Import-Csv and the like: read it as JSON text (see
        // PlainValue.FromText). A value given on the command line, or from the module's own objects, is already typed.
        private object SingleValue()
        {
            var fromText = !_valueOnCommandLine && !AsString && PipelineInput.ModuleType(PipelineInput.Current(this)) == null;
            return fromText ? PlainValue.FromText(Value) : PlainValue.From(Value);
        }

        private void Emit(PropertyValues stored)
        {
            if (PassThru) foreach (var row in stored.ToRows()) WriteObject(row);
        }

        // Each item of a batch gets its own output (the values it set, as stored) or its own error, in input order.
        private void WriteOutcomes(PropertyOutcome[] outcomes)
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.Error != null)
                {
                    WriteItemError(outcome.Error, outcome.Item.Target);
                    continue;
                }
                if (!PassThru) continue;
                foreach (var row in outcome.Stored.ToRows())
                    if (outcome.Item.Values.Contains(row.Name)) WriteObject(row);
            }
        }

        /// <summary>One piped item: -Name/-Value (one value, sent to .../properties/{name}) or -Values.</summary>
        private sealed class PropertyItem
        {
            public PropertyItem(object target, string name, OrderedDictionary values)
            {
                Target = target;
                Name = name;
                Values = values;
            }

            public object Target { get; }
            public string Name { get; }
            public OrderedDictionary Values { get; }

            public Task<PropertyValues> SendAsync(PropertiesApi api, ThingPath thing, bool history, CancellationToken ct) => Name != null
                ? api.SetOneAsync(thing, Name, Values[Name], history, ct)
                : api.SetAsync(thing, Values, history, ct);
        }

        private sealed class PropertyOutcome
        {
            public PropertyOutcome(PropertyItem item, PropertyValues stored, Exception error)
            {
                Item = item;
                Stored = stored;
                Error = error;
            }

            public PropertyItem Item { get; }
            public PropertyValues Stored { get; }
            public Exception Error { get; }
        }

        /// <summary>
        /// Values piped for one Thing one after another, sent as one PUT .../properties. The batch takes items until its
        /// request starts: when an item for another Thing arrives, at the end of the input, at <see cref="BatchSize"/>
        /// values, or <see cref="OpenFor"/> after it opened, so that a slow pipeline never holds a value back for long.
        /// A value that repeats a name in the batch starts a new one (it is sent after it, as it came).
        /// </summary>
        private sealed class PropertyBatch
        {
            private static readonly TimeSpan OpenFor = TimeSpan.FromMilliseconds(20);

            private readonly object _sync = new object();
            private readonly List<PropertyItem> _items = new List<PropertyItem>();
            private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
            private readonly TaskCompletionSource<bool> _closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly ThingPath _thing;
            private readonly bool _history;
            private bool _taken;

            public PropertyBatch(ThingPath thing, bool history, PropertyItem first)
            {
                _thing = thing;
                _history = history;
                _items.Add(first);
                foreach (string name in first.Values.Keys) _names.Add(name);
            }

            /// <summary>Adds an item for the same Thing (same path, same history flag) unless the request has started.</summary>
            public bool TryAdd(ThingPath thing, bool history, PropertyItem item)
            {
                if (history != _history || thing.Space != _thing.Space || thing.ThingId != _thing.ThingId || thing.Category != _thing.Category) return false;
                lock (_sync)
                {
                    if (_taken || _names.Count + item.Values.Count > BatchSize) return false;
                    foreach (string name in item.Values.Keys) if (_names.Contains(name)) return false;
                    foreach (string name in item.Values.Keys) _names.Add(name);
                    _items.Add(item);
                    return true;
                }
            }

            /// <summary>No more items: the request may start.</summary>
            public void Close() => _closed.TrySetResult(true);

            public async Task<PropertyOutcome[]> SendAsync(PropertiesApi api, CancellationToken ct)
            {
                if (!_closed.Task.IsCompleted) await Task.WhenAny(_closed.Task, Task.Delay(OpenFor, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                PropertyItem[] items;
                lock (_sync)
                {
                    _taken = true;
                    items = _items.ToArray();
                }
                // Alone, an item's failure is the request's, so the window sees it (and -ErrorAction Stop acts at once).
                if (items.Length == 1) return new[] { new PropertyOutcome(items[0], await items[0].SendAsync(api, _thing, _history, ct).ConfigureAwait(false), null) };
                var merged = new OrderedDictionary();
                foreach (var item in items)
                    foreach (DictionaryEntry kv in item.Values) merged[kv.Key] = kv.Value;
                try
                {
                    var stored = await api.SetAsync(_thing, merged, _history, ct).ConfigureAwait(false);
                    return items.Select(i => new PropertyOutcome(i, stored, null)).ToArray();
                }
                catch (IotStudioApiException ex) when (ex.StatusCode == 400)
                {
                    // One refused value fails the whole request: each item again on its own, so only that one fails.
                    var outcomes = new PropertyOutcome[items.Length];
                    for (var i = 0; i < items.Length; i++) outcomes[i] = await SendOneAsync(api, items[i], ct).ConfigureAwait(false);
                    return outcomes;
                }
                catch (Exception ex) when (IsItemFailure(ex))
                {
                    return items.Select(i => new PropertyOutcome(i, null, ex)).ToArray();
                }
            }

            private async Task<PropertyOutcome> SendOneAsync(PropertiesApi api, PropertyItem item, CancellationToken ct)
            {
                try
                {
                    return new PropertyOutcome(item, await item.SendAsync(api, _thing, _history, ct).ConfigureAwait(false), null);
                }
                catch (Exception ex) when (IsItemFailure(ex))
                {
                    return new PropertyOutcome(item, null, ex);
                }
            }
        }
    }
}
