using System.Collections.Specialized;
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
        private readonly IotStudioClient _client;
        internal EventsApi(IotStudioClient client) { _client = client; }

        private static string Named(string name) => Validate.AffordanceName(name, "event");
        private static string EventId(string id) => Validate.Ulid(id, "event id");

        /// <summary>
        /// Records an event: <c>POST .../events/{name}</c> with <c>{"name": {"data": data}}</c>, or <c>{"name": {}}</c>
        /// when <paramref name="data"/> is null.
        /// </summary>
        [ApiOperation("CreateEvent", "CreateEventFromCategory")]
        public Task<ThingEvent> CreateAsync(ThingPath thing, string name, object data, CancellationToken ct)
        {
            var fields = new OrderedDictionary();
            if (data != null) fields["data"] = data;
            var body = new OrderedDictionary { { Named(name), fields } };
            return _client.SendAsync(new ApiRequest("POST", thing.Path("events", name)).WithJson(body), e => ThingEvent.FromJson(e, thing.Space, thing.ThingId), ct);
        }

        /// <summary>Lists every event of a Thing lazily, page by page.</summary>
        [ApiOperation("ListEvents", "ListEventsFromCategory")]
        public CursorPager<ThingEvent> List(ThingPath thing, int? pageSize = null, long? maxItems = null) =>
            new CursorPager<ThingEvent>(_client, new ApiRequest("GET", thing.Path("events")), e => ThingEvent.FromJson(e, thing.Space, thing.ThingId), pageSize, maxItems);

        /// <summary>Lists the occurrences of one event lazily, page by page.</summary>
        [ApiOperation("ListEventsByName", "ListEventsByNameFromCategory")]
        public CursorPager<ThingEvent> ListByName(ThingPath thing, string name, int? pageSize = null, long? maxItems = null) =>
            new CursorPager<ThingEvent>(_client, new ApiRequest("GET", thing.Path("events", Named(name))), e => ThingEvent.FromJson(e, thing.Space, thing.ThingId), pageSize, maxItems);

        /// <summary>Reads one event occurrence.</summary>
        [ApiOperation("GetEvent", "GetEventFromCategory")]
        public Task<ThingEvent> GetAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", thing.Path("events", Named(name), EventId(id))), e => ThingEvent.FromJson(e, thing.Space, thing.ThingId), ct);

        /// <summary>Deletes one event occurrence.</summary>
        [ApiOperation("DeleteEvent", "DeleteEventCategory")]
        public Task DeleteAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", thing.Path("events", Named(name), EventId(id))), ct);
    }
}
