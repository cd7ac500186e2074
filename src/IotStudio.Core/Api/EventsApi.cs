using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>A Thing's events (plain and category-scoped): record, list, read, delete.</summary>
    public sealed class EventsApi
    {
        private readonly InteractionRequests<ThingEvent> _events;
        internal EventsApi(IotStudioClient client) { _events = new InteractionRequests<ThingEvent>(client, "event", ThingEvent.FromJson); }

        /// <summary>
        /// Records an event: <c>POST .../events/{name}</c> with <c>{"name": {"data": data}}</c>, or <c>{"name": {}}</c>
        /// when <paramref name="data"/> is null.
        /// </summary>
        [ApiOperation("CreateEvent", "CreateEventFromCategory")]
        public Task<ThingEvent> CreateAsync(ThingPath thing, string name, object data, CancellationToken ct) =>
            _events.CreateAsync(thing, name, "data", data, ct);

        /// <summary>Lists every event of a Thing lazily, page by page.</summary>
        [ApiOperation("ListEvents", "ListEventsFromCategory")]
        public CursorPager<ThingEvent> List(ThingPath thing, int? pageSize = null, long? maxItems = null) =>
            _events.List(thing, pageSize, maxItems);

        /// <summary>Lists the occurrences of one event lazily, page by page.</summary>
        [ApiOperation("ListEventsByName", "ListEventsByNameFromCategory")]
        public CursorPager<ThingEvent> ListByName(ThingPath thing, string name, int? pageSize = null, long? maxItems = null) =>
            _events.ListByName(thing, name, pageSize, maxItems);

        /// <summary>Reads one event occurrence.</summary>
        [ApiOperation("GetEvent", "GetEventFromCategory")]
        public Task<ThingEvent> GetAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _events.GetAsync(thing, name, id, ct);

        /// <summary>Deletes one event occurrence.</summary>
        [ApiOperation("DeleteEvent", "DeleteEventCategory")]
        public Task DeleteAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _events.DeleteAsync(thing, name, id, ct);
    }
}
