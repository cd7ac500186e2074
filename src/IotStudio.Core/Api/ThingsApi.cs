using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
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
        public CursorPager<Thing> List(string space, ThingQuery query, int? pageSize = null, long? maxItems = null)
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

        /// <summary>
        /// Creates a Thing from a Thing Description (<paramref name="document"/>, API-shaped, may be null) with
        /// <paramref name="fields"/> written over it. On a Category's path the Thing joins that Category.
        /// </summary>
        [ApiOperation("CreateThing", "CreateThingFromCategory")]
        public Task<Thing> CreateAsync(string space, IDictionary document, ThingFields fields, string category, CancellationToken ct)
        {
            var body = Copy(document);
            body.Remove("uid");
            body.Remove("id");
            fields?.ApplyTo(body);
            // The category-scoped schema has no categories field: the path says which Category.
            if (!string.IsNullOrEmpty(category)) body.Remove("categories");
            return _client.SendAsync(new ApiRequest("POST", ThingPath.Collection(space, category)).WithJson(body), e => Thing.FromJson(e, space), ct);
        }

        /// <summary>
        /// Replaces a Thing's whole description (PUT): <paramref name="document"/> (its current one, API-shaped, as
        /// <see cref="Thing.ToUpdateBody"/> gives it) with <paramref name="changes"/> written over it.
        /// </summary>
        [ApiOperation("UpdateThing", "UpdateThingFromCategory")]
        public Task<Thing> UpdateAsync(ThingPath thing, IDictionary document, ThingFields changes, CancellationToken ct)
        {
            var body = Copy(document);
            if (thing.IsScoped) body.Remove("categories");
            changes?.ApplyTo(body);
            return _client.SendAsync(new ApiRequest("PUT", thing.Path()).WithJson(body), e => Thing.FromJson(e, thing.Space), ct);
        }

        private static OrderedDictionary Copy(IDictionary document)
        {
            var body = new OrderedDictionary();
            if (document != null) foreach (DictionaryEntry kv in document) body[Convert.ToString(kv.Key, CultureInfo.InvariantCulture)] = kv.Value;
            return body;
        }

        /// <summary>Deletes one Thing.</summary>
        [ApiOperation("DeleteThing", "DeleteThingFromCategory")]
        public Task DeleteAsync(ThingPath thing, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", thing.Path()), ct);

        /// <summary>Deletes every Thing matching the filter; refuses an empty filter. Returns the deleted uids.</summary>
        [ApiOperation("DeleteThings", "DeleteThingsFromCategory")]
        public Task<string[]> DeleteWhereAsync(string space, ThingQuery filter, CancellationToken ct)
        {
            var unsupported = filter?.UnsupportedDeleteKeys();
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
