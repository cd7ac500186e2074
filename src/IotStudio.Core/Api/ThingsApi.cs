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
    /// <summary>Filters of a Thing list; every one is optional.</summary>
    public sealed class ThingQuery
    {
        /// <summary>List inside this Category (the category-scoped path).</summary>
        public string Category { get; set; }
        /// <summary>With <see cref="Category"/>: list the Things NOT in it (<c>in_category=false</c>).</summary>
        public bool NotInCategory { get; set; }
        /// <summary><c>title</c>.</summary>
        public string Title { get; set; }
        /// <summary><c>@type</c>.</summary>
        public string Type { get; set; }
        /// <summary><c>model</c>.</summary>
        public string Model { get; set; }
        /// <summary><c>version</c>.</summary>
        public long? ModelVersion { get; set; }
        /// <summary><c>thingID[]</c>, repeated.</summary>
        public IList<string> ThingIds { get; set; }
        /// <summary><c>category[]</c>, repeated: Things in any of these.</summary>
        public IList<string> InCategories { get; set; }
        /// <summary><c>sort</c> fields such as <c>+title</c>, <c>-created</c>; joined with commas.</summary>
        public IList<string> Sort { get; set; }
        /// <summary>Property conditions: name → "op:value" or a plain value (eq).</summary>
        public IDictionary PropertyFilter { get; set; }
        /// <summary><c>links.rel</c>.</summary>
        public string LinkRel { get; set; }
        /// <summary><c>links.href</c>.</summary>
        public string LinkHref { get; set; }
        /// <summary>Raw extra query parameters, sent as given.</summary>
        public IList<KeyValuePair<string, string>> Extra { get; set; }

        internal void Apply(ApiRequest r, bool forDelete = false)
        {
            r.AddQuery("title", Title).AddQuery("@type", Type).AddQuery("model", Model).AddQuery("version", ModelVersion);
            r.AddQueryArray("thingID[]", ThingIds).AddQueryArray("category[]", InCategories);
            if (!forDelete && Category != null && NotInCategory) r.AddQuery("in_category", false);
            if (Sort != null && Sort.Count > 0) r.AddQuery("sort", string.Join(",", Sort.Select(NormalizeSort)));
            if (PropertyFilter != null)
                foreach (DictionaryEntry kv in PropertyFilter)
                {
                    var key = "property:" + Convert.ToString(kv.Key, CultureInfo.InvariantCulture);
                    // Several conditions on one property are one key each: property:t=gt:20&property:t=lt:30.
                    if (kv.Value is IEnumerable many && !(kv.Value is string))
                        foreach (var v in many) r.AddQuery(key, FilterValue(v));
                    else r.AddQuery(key, FilterValue(kv.Value));
                }
            r.AddQuery("links.rel", LinkRel).AddQuery("links.href", LinkHref);
            if (Extra != null) foreach (var kv in Extra) r.AddQuery(kv.Key, kv.Value);
        }

        /// <summary>True when this query, sent as a bulk delete, would carry at least one real filter.</summary>
        public bool IsDeleteFilter()
        {
            var probe = new ApiRequest("DELETE", "/");
            Apply(probe, forDelete: true);
            return HasDeleteFilter(probe);
        }

        /// <summary>True when a request carries at least one real filter of the bulk delete (nulls and paging keys do not count).</summary>
        internal static bool HasDeleteFilter(ApiRequest request) =>
            request.Query.Any(kv => !string.IsNullOrEmpty(kv.Value) && IsDeleteFilterKey(kv.Key));

        /// <summary>The query keys the bulk delete filters on; the service ignores any other.</summary>
        public static bool IsDeleteFilterKey(string key) =>
            key == "@type" || key == "thingID[]" || key == "category[]" || (key != null && key.StartsWith("property:", StringComparison.Ordinal));

        private static string NormalizeSort(string field)
        {
            field = (field ?? "").Trim();
            if (field.Length == 0) throw new ArgumentException("A sort field is empty.", "Sort");
            return field[0] == '+' || field[0] == '-' ? field : "+" + field;
        }

        private static string FilterValue(object v)
        {
            switch (v)
            {
                case null: return "eq:null";
                case bool b: return b ? "true" : "false";
                case string s: return s;
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return v.ToString();
            }
        }
    }

    /// <summary>The Things operations, plain and category-scoped.</summary>
    public sealed class ThingsApi
    {
        private readonly IotStudioClient _client;
        internal ThingsApi(IotStudioClient client) { _client = client; }

        internal static string Collection(string space, string category) => category == null
            ? ApiRequest.Path("spaces", Validate.Space(space), "things")
            : ApiRequest.Path("spaces", Validate.Space(space), "categories", Validate.Name(category, "Category"), "things");

        internal static string Item(string space, string category, string uid, params string[] more) =>
            Collection(space, category) + ApiRequest.Path(new[] { Validate.Ulid(uid, "Thing id") }.Concat(more).ToArray());

        /// <summary>Lists Things lazily, page by page.</summary>
        public CursorPager<Thing> List(string space, ThingQuery query, int pageSize = CursorPager<Thing>.DefaultPageSize, long? maxItems = null)
        {
            query = query ?? new ThingQuery();
            var request = new ApiRequest("GET", Collection(space, query.Category));
            query.Apply(request);
            return new CursorPager<Thing>(_client, request, e => Thing.FromJson(e, space), pageSize, maxItems);
        }

        /// <summary>Reads one Thing (from the Category's path when <paramref name="category"/> is given).</summary>
        public Task<Thing> GetAsync(string space, string uid, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", Item(space, category, uid)), e => Thing.FromJson(e, space), ct);

        /// <summary>Creates a Thing from a Thing Description body.</summary>
        public Task<Thing> CreateAsync(string space, IDictionary body, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("POST", Collection(space, category)).WithJson(body ?? new Dictionary<string, object>()), e => Thing.FromJson(e, space), ct);

        /// <summary>Replaces a Thing's whole description (PUT).</summary>
        public Task<Thing> UpdateAsync(string space, string uid, IDictionary body, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("PUT", Item(space, category, uid)).WithJson(body), e => Thing.FromJson(e, space), ct);

        /// <summary>Deletes one Thing.</summary>
        public Task DeleteAsync(string space, string uid, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", Item(space, category, uid)), ct);

        /// <summary>Deletes every Thing matching the filter; refuses an empty filter. Returns the deleted uids.</summary>
        public Task<string[]> DeleteWhereAsync(string space, ThingQuery filter, CancellationToken ct)
        {
            var unsupported = filter?.Extra?.Select(kv => kv.Key).Where(k => !ThingQuery.IsDeleteFilterKey(k)).ToList();
            if (unsupported != null && unsupported.Count > 0)
                throw new ArgumentException($"Deleting Things by filter supports only @type, thingID[], category[] and property:<name>; the service would ignore '{string.Join("', '", unsupported)}' and delete more than asked.", nameof(filter));
            var request = new ApiRequest("DELETE", Collection(space, null));
            filter?.Apply(request, forDelete: true);
            if (filter == null || !ThingQuery.HasDeleteFilter(request))
                throw new ArgumentException("Deleting Things by filter needs at least one filter (type, Thing ids, categories or property conditions); an empty filter would delete every Thing in the space.", nameof(filter));
            return _client.SendAsync(request, e => JsonRead.StringArray(e) ?? Array.Empty<string>(), ct);
        }
    }
}
