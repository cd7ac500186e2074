using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>
    /// A Thing's properties history (plain and category-scoped): list values in a time range, upload values, delete a
    /// time range. Lists are read as <see cref="PropertyHistoryGroup"/> items (<c>{at, properties}</c>);
    /// <see cref="Flatten"/> turns them into one <see cref="PropertyHistoryValue"/> per value.
    /// </summary>
    public sealed class PropertyHistoryApi
    {
        /// <summary>The most entries one upload request carries (the API sets no limit; this keeps a request small).</summary>
        public const int MaxBatchSize = 100;

        private readonly IotStudioClient _client;
        internal PropertyHistoryApi(IotStudioClient client) { _client = client; }

        private static string Named(string name)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("The property name is empty.", "Name");
            return name;
        }

        private static string[] Names(IEnumerable<string> names)
        {
            var list = names?.ToArray() ?? Array.Empty<string>();
            foreach (var n in list) Named(n);
            return list;
        }

        /// <summary>
        /// Lists history items lazily, page by page: <c>GET .../properties-history</c> with <c>at</c> (all time when
        /// null), one <c>property_name[]</c> per name (all properties when none), and <c>group=true</c> for one item per
        /// timestamp holding every property recorded then (otherwise one item per value).
        /// </summary>
        [ApiOperation("ListPropertiesHistoryValues", "ListCategoryPropertiesHistoryValues")]
        public CursorPager<PropertyHistoryGroup> List(ThingPath thing, HistoryRange range = null, IEnumerable<string> names = null, bool group = false,
            int? pageSize = null, long? maxItems = null)
        {
            var request = new ApiRequest("GET", thing.Path("properties-history"))
                .AddQueryValue("at", range)
                .AddQueryArray("property_name[]", Names(names));
            if (group) request.AddQuery("group", true);
            return new CursorPager<PropertyHistoryGroup>(_client, request, e => PropertyHistoryGroup.FromJson(e, thing.Space, thing.ThingId), pageSize, maxItems);
        }

        /// <summary>Lists one property's history lazily, page by page: <c>GET .../properties-history/{name}</c> with <c>at</c>.</summary>
        [ApiOperation("ListPropertyHistoryValues", "ListCategoryPropertyHistoryValues")]
        public CursorPager<PropertyHistoryGroup> ListOne(ThingPath thing, string name, HistoryRange range = null,
            int? pageSize = null, long? maxItems = null)
        {
            var request = new ApiRequest("GET", thing.Path("properties-history", Named(name))).AddQueryValue("at", range);
            return new CursorPager<PropertyHistoryGroup>(_client, request, e => PropertyHistoryGroup.FromJson(e, thing.Space, thing.ThingId), pageSize, maxItems);
        }

        /// <summary>One <see cref="PropertyHistoryValue"/> per value of the items <paramref name="pager"/> reads.</summary>
        public static IPager<PropertyHistoryValue> Flatten(IPager<PropertyHistoryGroup> pager) =>
            new FlatPager<PropertyHistoryGroup, PropertyHistoryValue>(pager, g => g.ToValues());

        /// <summary>
        /// Uploads entries with one <c>POST .../properties-history</c> (an array of <c>{at, properties}</c>); answers the
        /// values stored. A value already recorded at an entry's time answers 409 (<see cref="IotStudioApiException"/>).
        /// </summary>
        [ApiOperation("CreatePropertiesHistoryValues", "CreateCategoryPropertiesHistoryValues")]
        public Task<IReadOnlyList<PropertyHistoryValue>> CreateAsync(ThingPath thing, IReadOnlyList<PropertyHistoryGroup> entries, CancellationToken ct)
        {
            var request = new ApiRequest("POST", thing.Path("properties-history")).WithJson(Body(entries, null));
            return _client.SendAsync(request, e => Stored(e, thing), ct);
        }

        /// <summary>
        /// Uploads entries that each hold only property <paramref name="name"/>, with one
        /// <c>POST .../properties-history/{name}</c>; answers the values stored.
        /// </summary>
        [ApiOperation("CreatePropertyHistoryValues", "CreateCategoryPropertyHistoryValues")]
        public Task<IReadOnlyList<PropertyHistoryValue>> CreateOneAsync(ThingPath thing, string name, IReadOnlyList<PropertyHistoryGroup> entries, CancellationToken ct)
        {
            var request = new ApiRequest("POST", thing.Path("properties-history", Named(name))).WithJson(Body(entries, name));
            return _client.SendAsync(request, e => Stored(e, thing), ct);
        }

        /// <summary>
        /// Deletes the values recorded in <paramref name="range"/> (required: the API refuses a delete without <c>at</c>),
        /// of the named properties only when names are given: <c>DELETE .../properties-history?at=...&amp;property_name[]=...</c>.
        /// The API answers 204 and says nothing about what it removed.
        /// </summary>
        [ApiOperation("DeletePropertiesHistoryValues", "DeleteCategoryPropertiesHistoryValues")]
        public Task DeleteAsync(ThingPath thing, HistoryRange range, IEnumerable<string> names, CancellationToken ct)
        {
            var request = new ApiRequest("DELETE", thing.Path("properties-history"))
                .AddQueryValue("at", Required(range))
                .AddQueryArray("property_name[]", Names(names));
            return _client.SendAsync(request, ct);
        }

        /// <summary>Deletes one property's values recorded in <paramref name="range"/> (required): <c>DELETE .../properties-history/{name}?at=...</c>.</summary>
        [ApiOperation("DeletePropertyHistoryValues", "DeleteCategoryPropertyHistoryValues")]
        public Task DeleteOneAsync(ThingPath thing, string name, HistoryRange range, CancellationToken ct)
        {
            var request = new ApiRequest("DELETE", thing.Path("properties-history", Named(name))).AddQueryValue("at", Required(range));
            return _client.SendAsync(request, ct);
        }

        private static HistoryRange Required(HistoryRange range) =>
            range ?? throw new ArgumentException("Deleting history needs a time range: the API refuses a delete without 'at'.", "At");

        /// <summary>Checks an entry before it is queued or sent: a time, at least one value, names that are not empty.</summary>
        internal static void Check(PropertyHistoryGroup entry, string onlyName)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (entry.Timestamp == default) throw new ArgumentException("A history entry has no timestamp.", "Timestamp");
            if (entry.Values == null || entry.Values.Count == 0)
                throw new ArgumentException($"The history entry at {ApiTime.Format(entry.Timestamp)} has no property values.", "Values");
            foreach (DictionaryEntry kv in entry.Values)
            {
                var key = kv.Key as string;
                if (string.IsNullOrEmpty(key)) throw new ArgumentException($"The history entry at {ApiTime.Format(entry.Timestamp)} has a value without a property name.", "Values");
                if (onlyName != null && key != onlyName)
                    throw new ArgumentException($"The history entry at {ApiTime.Format(entry.Timestamp)} holds '{key}', not only '{onlyName}'.", "Values");
            }
        }

        private static List<OrderedDictionary> Body(IReadOnlyList<PropertyHistoryGroup> entries, string onlyName)
        {
            if (entries == null || entries.Count == 0) throw new ArgumentException("No history entries were given.", nameof(entries));
            var body = new List<OrderedDictionary>(entries.Count);
            foreach (var entry in entries)
            {
                Check(entry, onlyName);
                body.Add(new OrderedDictionary { { "at", ApiTime.Format(entry.Timestamp) }, { "properties", entry.Values } });
            }
            return body;
        }

        private static IReadOnlyList<PropertyHistoryValue> Stored(JsonElement e, ThingPath thing)
        {
            // The YAML answers an array; a single object is read too.
            var values = new List<PropertyHistoryValue>();
            if (e.ValueKind == JsonValueKind.Array)
                foreach (var item in e.EnumerateArray()) values.AddRange(PropertyHistoryGroup.FromJson(item, thing.Space, thing.ThingId).ToValues());
            else if (e.ValueKind == JsonValueKind.Object)
                values.AddRange(PropertyHistoryGroup.FromJson(e, thing.Space, thing.ThingId).ToValues());
            else throw new FormatException("a history upload must answer an array of {at, properties}");
            return values;
        }
    }
}
