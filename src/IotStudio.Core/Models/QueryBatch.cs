using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>One batch of a query cursor: its results as plain values, whether more follow, and the cursor to ask.</summary>
    public sealed class QueryBatch
    {
        /// <summary>The results (API field <c>result</c>): ordered dictionaries, lists, strings, numbers, booleans or null.</summary>
        public IReadOnlyList<object> Items { get; set; } = Array.Empty<object>();
        /// <summary>True when the cursor holds more results (<c>hasMore</c>).</summary>
        public bool HasMore { get; set; }
        /// <summary>The cursor to ask for the next batch (<c>id</c>); null when there is none.</summary>
        public string CursorId { get; set; }
        /// <summary>Every result of the query (<c>count</c>), when the request asked for it.</summary>
        public long? Count { get; set; }
        /// <summary>Whether the service answered from its query cache (<c>cached</c>).</summary>
        public bool? Cached { get; set; }
        /// <summary>What the update or delete of the request did (<c>then</c>), or null.</summary>
        public QueryThenResult Then { get; set; }
        /// <summary>Other fields (<c>extra</c>, <c>code</c>, unknown ones), kept as they came.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        /// <summary>Reads <c>{error, code, result, hasMore, id, count, cached, extra, then}</c>.</summary>
        internal static QueryBatch FromJson(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a query cursor answer must be an object");
            var batch = new QueryBatch();
            var hasResult = false;
            foreach (var p in e.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "result":
                        if (v.ValueKind != JsonValueKind.Array) throw new FormatException("'result' must be an array");
                        var items = new List<object>(v.GetArrayLength());
                        foreach (var item in v.EnumerateArray()) items.Add(JsonClr.ToClr(item));
                        batch.Items = items;
                        hasResult = true;
                        break;
                    case "hasMore": batch.HasMore = v.ValueKind == JsonValueKind.True; break;
                    case "id": batch.CursorId = JsonRead.String(v); break;
                    case "count": batch.Count = JsonRead.Long(v); break;
                    case "cached": batch.Cached = v.ValueKind == JsonValueKind.True ? true : v.ValueKind == JsonValueKind.False ? false : (bool?)null; break;
                    case "then": if (v.ValueKind != JsonValueKind.Null) batch.Then = QueryThenResult.FromJson(v); break;
                    case "error":
                        if (v.ValueKind == JsonValueKind.True) throw new FormatException("the answer says error: true");
                        break;
                    default: batch.AdditionalProperties[p.Name] = JsonClr.ToClr(v); break;
                }
            }
            if (!hasResult && batch.HasMore) throw new FormatException("the answer has no 'result' array");
            if (batch.HasMore && string.IsNullOrEmpty(batch.CursorId)) throw new FormatException("'hasMore' is true but the answer has no cursor 'id' to read the next batch from");
            return batch;
        }
    }
}
