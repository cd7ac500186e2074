using System;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>A Thing's action requests (plain and category-scoped): request, list, read, update, delete, and wait for an end.</summary>
    public sealed class ActionsApi
    {
        /// <summary>The first pause between two reads of <see cref="WaitAsync"/>; it doubles after each read.</summary>
        public static readonly TimeSpan DefaultFirstPollInterval = TimeSpan.FromSeconds(0.25);
        /// <summary>The longest pause between two reads of <see cref="WaitAsync"/>.</summary>
        public static readonly TimeSpan DefaultMaxPollInterval = TimeSpan.FromSeconds(5);

        private readonly InteractionRequests<ThingAction> _actions;
        internal ActionsApi(IotStudioClient client) { _actions = new InteractionRequests<ThingAction>(client, "action", ThingAction.FromJson); }

        /// <summary>
        /// Requests an action: <c>POST .../actions/{name}</c> with <c>{"name": {"input": input}}</c>, or
        /// <c>{"name": {}}</c> when <paramref name="input"/> is null. The answer is the new request, normally <c>pending</c>.
        /// </summary>
        [ApiOperation("CreateAction", "CreateActionFromCategory")]
        public Task<ThingAction> CreateAsync(ThingPath thing, string name, object input, CancellationToken ct) =>
            _actions.CreateAsync(thing, name, "input", input, ct);

        /// <summary>Lists every action request of a Thing lazily, page by page.</summary>
        [ApiOperation("ListActions", "ListActionsFromCategory")]
        public CursorPager<ThingAction> List(ThingPath thing, int? pageSize = null, long? maxItems = null) =>
            _actions.List(thing, pageSize, maxItems);

        /// <summary>Lists the requests of one action lazily, page by page.</summary>
        [ApiOperation("ListActionsByName", "ListActionsByNameFromCategory")]
        public CursorPager<ThingAction> ListByName(ThingPath thing, string name, int? pageSize = null, long? maxItems = null) =>
            _actions.ListByName(thing, name, pageSize, maxItems);

        /// <summary>Reads one action request.</summary>
        [ApiOperation("GetAction", "GetActionFromCategory")]
        public Task<ThingAction> GetAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _actions.GetAsync(thing, name, id, ct);

        /// <summary>
        /// Reports progress or the end of a request, as a device or back end does: <c>PUT .../actions/{name}/{id}</c> with
        /// <c>{"name": {"status": status, "output": output}}</c>; a null status or output is left out, and at least one is needed.
        /// </summary>
        [ApiOperation("UpdateAction", "UpdateActionFromCategory")]
        public Task<ThingAction> UpdateAsync(ThingPath thing, string name, string id, string status, object output, CancellationToken ct)
        {
            if (status == null && output == null) throw new ArgumentException("Give a status, an output or both to update an action.", nameof(status));
            if (status != null && status.Trim().Length == 0) throw new ArgumentException("The action status is blank.", nameof(status));
            var fields = new OrderedDictionary();
            if (status != null) fields["status"] = status;
            if (output != null) fields["output"] = output;
            return _actions.UpdateAsync(thing, name, id, fields, ct);
        }

        /// <summary>Deletes one action request.</summary>
        [ApiOperation("DeleteAction", "DeleteActionCategory")]
        public Task DeleteAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _actions.DeleteAsync(thing, name, id, ct);

        /// <summary>
        /// Reads an action request until its status is final (<see cref="ThingAction.IsFinal"/>) or <paramref name="timeout"/>
        /// has passed, pausing <paramref name="firstInterval"/> (default 0.25 s) after the first read and twice as long after
        /// each further one, up to <paramref name="maxInterval"/> (default 5 s); the last pause is cut short so that the last
        /// read happens at the deadline. Returns the last request read: not final means the time ran out. Cancelling
        /// <paramref name="ct"/> ends a pause or a read at once.
        /// </summary>
        public async Task<ThingAction> WaitAsync(ThingPath thing, string name, string id, TimeSpan timeout, CancellationToken ct,
            TimeSpan? firstInterval = null, TimeSpan? maxInterval = null)
        {
            if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The time-out cannot be negative.");
            var pause = firstInterval ?? DefaultFirstPollInterval;
            var cap = maxInterval ?? DefaultMaxPollInterval;
            if (pause <= TimeSpan.Zero || cap < pause) throw new ArgumentOutOfRangeException(nameof(firstInterval), "The poll intervals must be positive, the first no longer than the longest.");
            _actions.Named(name);
            _actions.ItemId(id);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var action = await GetAsync(thing, name, id, ct).ConfigureAwait(false);
                var left = timeout - clock.Elapsed;
                if (action.IsFinal || left <= TimeSpan.Zero) return action;
                await Task.Delay(pause < left ? pause : left, ct).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, cap.Ticks));
            }
        }
    }
}
