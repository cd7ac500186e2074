using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IotStudio.Http;

namespace IotStudio.Api
{
    /// <summary>Filters of a Thing list (and of the bulk delete); every one is optional. The query keys are written here only.</summary>
    public sealed class ThingQuery
    {
        /// <summary>The most Thing ids one list request carries in <c>thingID[]</c>.</summary>
        public const int MaxIdsPerRequest = 100;

        /// <summary>The fields a Thing list sorts by (<c>sort=+title,-created</c>): the values of the <c>sort</c> parameter in api/anythingdb.openapi.yaml, without their '+' or '-'.</summary>
        public static IReadOnlyList<string> SortFields { get; } = new[] { "title", "created", "modified", "uid", "description" };

        /// <summary>The operators of a property condition (<c>property:&lt;name&gt;=&lt;op&gt;:&lt;value&gt;</c>); a value without one means eq.</summary>
        public static IReadOnlyList<string> PropertyOperators { get; } = new[] { "eq", "neq", "gt", "gte", "lt", "lte", "contains" };

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
        /// <summary>Property conditions: name → "op:value" or a plain value (eq); a list gives several conditions.</summary>
        public IDictionary PropertyFilter { get; set; }
        /// <summary><c>links.rel</c>.</summary>
        public string LinkRel { get; set; }
        /// <summary><c>links.href</c>.</summary>
        public string LinkHref { get; set; }
        /// <summary>Raw extra query parameters: key → value, or a list of values (the key repeats).</summary>
        public IDictionary Extra { get; set; }

        /// <summary>One query per batch of at most <see cref="MaxIdsPerRequest"/> ids (invalid ids are the caller's to report).</summary>
        public static IEnumerable<IReadOnlyList<string>> IdBatches(IEnumerable<string> ids)
        {
            var batch = new List<string>(MaxIdsPerRequest);
            foreach (var id in ids.Where(Validate.IsUlid).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                batch.Add(id);
                if (batch.Count == MaxIdsPerRequest)
                {
                    yield return batch;
                    batch = new List<string>(MaxIdsPerRequest);
                }
            }
            if (batch.Count > 0) yield return batch;
        }

        internal void Apply(ApiRequest r, bool forDelete = false)
        {
            r.AddQuery("title", Title).AddQuery("@type", Type).AddQuery("model", Model).AddQuery("version", ModelVersion);
            r.AddQueryArray("thingID[]", ThingIds).AddQueryArray("category[]", InCategories);
            if (!forDelete && Category != null && NotInCategory) r.AddQuery("in_category", false);
            if (Sort != null && Sort.Count > 0) r.AddQuery("sort", string.Join(",", Sort.Select(NormalizeSort)));
            if (PropertyFilter != null)
                foreach (DictionaryEntry kv in PropertyFilter)
                {
                    var key = "property:" + QueryValue.Format(kv.Key);
                    // Several conditions on one property are one key each: property:t=gt:20&property:t=lt:30.
                    if (kv.Value is IEnumerable many && !(kv.Value is string))
                        foreach (var v in many) r.AddQuery(key, FilterValue(v));
                    else r.AddQuery(key, FilterValue(kv.Value));
                }
            r.AddQuery("links.rel", LinkRel).AddQuery("links.href", LinkHref);
            r.AddQueryMap(Extra);
        }

        /// <summary>True when this query, sent as a bulk delete, would carry at least one real filter.</summary>
        public bool IsDeleteFilter()
        {
            var probe = new ApiRequest("DELETE", "/");
            Apply(probe, forDelete: true);
            return HasDeleteFilter(probe);
        }

        /// <summary>The keys of <see cref="Extra"/> that the bulk delete would ignore (so it would delete more than asked).</summary>
        public IReadOnlyList<string> UnsupportedDeleteKeys() =>
            Extra == null ? Array.Empty<string>() : Extra.Keys.Cast<object>().Select(QueryValue.Format).Where(k => !IsDeleteFilterKey(k)).ToList();

        /// <summary>The filter as a person reads it, in the API's own terms: <c>@type=Sensor and property:temp=gt:20</c>.</summary>
        public string Describe()
        {
            var probe = new ApiRequest("GET", "/");
            Apply(probe, forDelete: true);
            return string.Join(" and ", probe.Query.Select(kv => kv.Key + "=" + kv.Value));
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
            if (!IsSortField(field)) throw new ArgumentException($"'{field}' is not a sort field: use {string.Join(", ", SortFields)}, each optionally after '+' or '-'.", "Sort");
            return field[0] == '+' || field[0] == '-' ? field : "+" + field;
        }

        private static bool IsSortField(string field)
        {
            var name = field.Length > 0 && (field[0] == '+' || field[0] == '-') ? field.Substring(1) : field;
            return SortFields.Contains(name, StringComparer.Ordinal);
        }

        /// <summary>The sort fields that the service would refuse: not one of <see cref="SortFields"/> after an optional '+' or '-'.</summary>
        public static IReadOnlyList<string> UnknownSortFields(IEnumerable<string> sort) =>
            sort == null ? Array.Empty<string>() : sort.Select(f => (f ?? "").Trim()).Where(f => !IsSortField(f)).ToList();

        /// <summary>
        /// The operator a property condition names when it is not one of <see cref="PropertyOperators"/>, else null. A
        /// condition text <c>word:rest</c> whose word is letters only is read as an operator (<c>greater:3</c> is a mistake,
        /// not the text "greater:3"); text with a colon elsewhere (<c>12:30</c>, <c>a-b:c</c>) is a plain eq value. To match
        /// such text literally, write <c>eq:greater:3</c>.
        /// </summary>
        public static string UnknownOperator(object condition)
        {
            if (!(condition is string text)) return null;
            var colon = text.IndexOf(':');
            if (colon <= 0) return null;
            var word = text.Substring(0, colon);
            foreach (var c in word)
                if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) return null;
            return PropertyOperators.Contains(word, StringComparer.Ordinal) ? null : word;
        }

        /// <summary>Each property condition of <paramref name="filter"/> whose operator is unknown, as (property, condition, operator).</summary>
        public static IReadOnlyList<(string Property, string Condition, string Operator)> UnknownOperators(IDictionary filter)
        {
            var found = new List<(string, string, string)>();
            if (filter == null) return found;
            foreach (DictionaryEntry kv in filter)
            {
                var conditions = kv.Value is IEnumerable many && !(kv.Value is string) ? many.Cast<object>() : new[] { kv.Value };
                foreach (var c in conditions)
                {
                    var op = UnknownOperator(c);
                    if (op != null) found.Add((QueryValue.Format(kv.Key), (string)c, op));
                }
            }
            return found;
        }

        // A null condition asks for a property that is null; everything else is written like any query value.
        private static string FilterValue(object v)
        {
            var op = UnknownOperator(v);
            if (op != null) throw new ArgumentException($"'{v}' names the operator '{op}', which is not one of {string.Join(", ", PropertyOperators)}; write eq:{v} to match the text itself.", "PropertyFilter");
            return v == null ? "eq:null" : QueryValue.Format(v);
        }
    }
}
