using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>The Things operations, plain and category-scoped.</summary>
    public sealed partial class ThingsApi
    {
        private readonly IotStudioClient _client;
        internal ThingsApi(IotStudioClient client) { _client = client; }

        /// <summary>Lists Things lazily, page by page.</summary>
        [ApiOperation("ListThings", "ListThingsFromCategory")]
        public CursorPager<Thing> List(string space, ThingQuery query, int pageSize = CursorPager<Thing>.DefaultPageSize, long? maxItems = null)
        {
            query = query ?? new ThingQuery();
            var request = new ApiRequest("GET", ThingPath.Collection(space, query.Category));
            query.Apply(request);
            return new CursorPager<Thing>(_client, request, e => Thing.FromJson(e, space), pageSize, maxItems);
        }

        /// <summary>Reads one Thing (from the Category's path when the path has one).</summary>
        [ApiOperation("GetThing", "GetThingFromCategory")]
        public Task<Thing> GetAsync(ThingPath thing, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", thing.Path()), e => Thing.FromJson(e, thing.Space), ct);

        /// <summary>Creates a Thing from a Thing Description body.</summary>
        [ApiOperation("CreateThing", "CreateThingFromCategory")]
        public Task<Thing> CreateAsync(string space, IDictionary body, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("POST", ThingPath.Collection(space, category)).WithJson(body ?? new Dictionary<string, object>()), e => Thing.FromJson(e, space), ct);

        /// <summary>Replaces a Thing's whole description (PUT).</summary>
        [ApiOperation("UpdateThing", "UpdateThingFromCategory")]
        public Task<Thing> UpdateAsync(ThingPath thing, IDictionary body, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("PUT", thing.Path()).WithJson(body), e => Thing.FromJson(e, thing.Space), ct);

        /// <summary>Deletes one Thing.</summary>
        [ApiOperation("DeleteThing", "DeleteThingFromCategory")]
        public Task DeleteAsync(ThingPath thing, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", thing.Path()), ct);

        /// <summary>Deletes every Thing matching the filter; refuses an empty filter. Returns the deleted uids.</summary>
        [ApiOperation("DeleteThings", "DeleteThingsFromCategory")]
        public Task<string[]> DeleteWhereAsync(string space, ThingQuery filter, CancellationToken ct)
        {
            var unsupported = filter?.Extra?.Select(kv => kv.Key).Where(k => !ThingQuery.IsDeleteFilterKey(k)).ToList();
            if (unsupported != null && unsupported.Count > 0)
                throw new ArgumentException($"Deleting Things by filter supports only @type, thingID[], category[] and property:<name>; the service would ignore '{string.Join("', '", unsupported)}' and delete more than asked.", nameof(filter));
            var request = new ApiRequest("DELETE", ThingPath.Collection(space, filter?.Category));
            filter?.Apply(request, forDelete: true);
            if (filter == null || !ThingQuery.HasDeleteFilter(request))
                throw new ArgumentException("Deleting Things by filter needs at least one filter (type, Thing ids, categories or property conditions); an empty filter would delete every Thing in the space.", nameof(filter));
            return _client.SendAsync(request, e => JsonRead.StringArray(e) ?? Array.Empty<string>(), ct);
        }
    }
}
