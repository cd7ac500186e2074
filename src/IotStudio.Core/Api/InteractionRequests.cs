using System;
using System.Collections.Specialized;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>
    /// The requests that actions and events share, for one kind of a Thing's items under <c>.../{kind}s/{name}/{id}</c>:
    /// the name and id checks, the single-key body <c>{"name": {fields}}</c>, and list, read and delete.
    /// <see cref="ActionsApi"/> and <see cref="EventsApi"/> own the operations and send them through this.
    /// </summary>
    internal sealed class InteractionRequests<T>
    {
        private readonly IotStudioClient _client;
        private readonly string _kind;
        private readonly string _segment;
        private readonly Func<JsonElement, string, string, T> _read;

        /// <summary>Requests for <paramref name="kind"/> ("action" or "event") items, read by <paramref name="read"/> (JSON, space, Thing id).</summary>
        internal InteractionRequests(IotStudioClient client, string kind, Func<JsonElement, string, string, T> read)
        {
            _client = client;
            _kind = kind;
            _segment = kind + "s";
            _read = read;
        }

        /// <summary>The name, or ArgumentException when it cannot be an action or event name.</summary>
        public string Named(string name) => Validate.AffordanceName(name, _kind);

        /// <summary>The item id, or ArgumentException when it is not a ULID.</summary>
        public string ItemId(string id) => Validate.Ulid(id, _kind + " id");

        /// <summary><c>POST .../{name}</c> with <c>{"name": {field: value}}</c>, or <c>{"name": {}}</c> when <paramref name="value"/> is null.</summary>
        public Task<T> CreateAsync(ThingPath thing, string name, string field, object value, CancellationToken ct)
        {
            var fields = new OrderedDictionary();
            if (value != null) fields[field] = value;
            var body = new OrderedDictionary { { Named(name), fields } };
            return _client.SendAsync(new ApiRequest("POST", thing.Path(_segment, name)).WithJson(body), Reader(thing), ct);
        }

        /// <summary><c>PUT .../{name}/{id}</c> with <c>{"name": fields}</c>.</summary>
        public Task<T> UpdateAsync(ThingPath thing, string name, string id, OrderedDictionary fields, CancellationToken ct)
        {
            var body = new OrderedDictionary { { Named(name), fields } };
            return _client.SendAsync(new ApiRequest("PUT", thing.Path(_segment, name, ItemId(id))).WithJson(body), Reader(thing), ct);
        }

        /// <summary>Every item of the Thing, lazily, page by page.</summary>
        public CursorPager<T> List(ThingPath thing, int? pageSize, long? maxItems) =>
            Pager(thing, thing.Path(_segment), pageSize, maxItems);

        /// <summary>The items of one name, lazily, page by page.</summary>
        public CursorPager<T> ListByName(ThingPath thing, string name, int? pageSize, long? maxItems) =>
            Pager(thing, thing.Path(_segment, Named(name)), pageSize, maxItems);

        /// <summary>Reads one item.</summary>
        public Task<T> GetAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", thing.Path(_segment, Named(name), ItemId(id))), Reader(thing), ct);

        /// <summary>Deletes one item.</summary>
        public Task DeleteAsync(ThingPath thing, string name, string id, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", thing.Path(_segment, Named(name), ItemId(id))), ct);

        private CursorPager<T> Pager(ThingPath thing, string path, int? pageSize, long? maxItems) =>
            new CursorPager<T>(_client, new ApiRequest("GET", path), Reader(thing), pageSize, maxItems);

        private Func<JsonElement, T> Reader(ThingPath thing) => e => _read(e, thing.Space, thing.ThingId);
    }
}
