using System.Text.Json;

namespace IotStudio.Emulator.Infrastructure;

public static class Pager
{
    /// <summary>Pages over a fixed, already ordered list with offset cursors.</summary>
    public static Page<T> ByOffset<T>(IReadOnlyList<T> items, PageRequest req)
    {
        int start, end;
        var c = req.Cursor;
        if (c == null)
        {
            start = 0;
            end = Math.Min(items.Count, req.Limit);
        }
        else if (!c.Previous)
        {
            start = Math.Min(c.Offset, items.Count);
            end = (int)Math.Min(items.Count, (long)start + req.Limit);
        }
        else
        {
            end = Math.Min(c.Offset, items.Count);
            start = Math.Max(0, end - req.Limit);
        }
        var list = new List<T>(end - start);
        for (int i = start; i < end; i++)
        {
            list.Add(items[i]);
        }
        return new Page<T>
        {
            Items = list,
            Next = end < items.Count ? req.Encode(false, end, null) : "",
            Previous = start > 0 ? req.Encode(true, start, null) : "",
        };
    }

    /// <summary>Keyset paging over a list sorted by an ordinal string key (ULIDs), applying a filter.
    /// Robust against inserts and deletes between pages.</summary>
    public static Page<T> ByKey<T>(IReadOnlyList<T> sorted, Func<T, string> key, Func<T, bool> match, PageRequest req)
    {
        var items = new List<T>(Math.Min(req.Limit, 1024));
        var c = req.Cursor;
        if (c == null || !c.Previous)
        {
            int i = c?.Key == null ? 0 : LowerBound(sorted, key, c.Key, inclusive: false);
            int startBoundary = i;
            for (; i < sorted.Count && items.Count < req.Limit; i++)
            {
                if (match(sorted[i]))
                {
                    items.Add(sorted[i]);
                }
            }
            bool more = AnyForward(sorted, match, i);
            int before = items.Count > 0 ? LowerBound(sorted, key, key(items[0]), inclusive: true) : startBoundary;
            bool anyBefore = AnyBackward(sorted, match, before - 1);
            return new Page<T>
            {
                Items = items,
                Next = more ? req.Encode(false, 0, key(items[^1])) : "",
                Previous = anyBefore ? req.Encode(true, 0, items.Count > 0 ? key(items[0]) : c?.Key) : "",
            };
        }
        else
        {
            int end = c.Key == null ? 0 : LowerBound(sorted, key, c.Key, inclusive: true);
            int i = end - 1;
            for (; i >= 0 && items.Count < req.Limit; i--)
            {
                if (match(sorted[i]))
                {
                    items.Add(sorted[i]);
                }
            }
            items.Reverse();
            bool anyBefore = AnyBackward(sorted, match, i);
            int after = items.Count > 0 ? LowerBound(sorted, key, key(items[^1]), inclusive: false) : end;
            bool more = AnyForward(sorted, match, after);
            string nextKey = items.Count > 0 ? key(items[^1]) : (end > 0 ? key(sorted[end - 1]) : null);
            return new Page<T>
            {
                Items = items,
                Next = more ? req.Encode(false, 0, nextKey) : "",
                Previous = anyBefore ? req.Encode(true, 0, key(items[0])) : "",
            };
        }
    }

    private static bool AnyForward<T>(IReadOnlyList<T> sorted, Func<T, bool> match, int from)
    {
        for (int i = Math.Max(from, 0); i < sorted.Count; i++)
        {
            if (match(sorted[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AnyBackward<T>(IReadOnlyList<T> sorted, Func<T, bool> match, int from)
    {
        for (int i = Math.Min(from, sorted.Count - 1); i >= 0; i--)
        {
            if (match(sorted[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>First index whose key is &gt;= k (inclusive) or &gt; k (exclusive).</summary>
    public static int LowerBound<T>(IReadOnlyList<T> sorted, Func<T, string> key, string k, bool inclusive)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            int cmp = string.CompareOrdinal(key(sorted[mid]), k);
            if (cmp < 0 || (!inclusive && cmp == 0))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Writes <c>{"data":[items...],"paging":{...}}</c> from pre-serialised items.</summary>
    public static byte[] ListBody(IReadOnlyList<byte[]> items, string next, string previous)
    {
        int size = 64 + next.Length + previous.Length;
        foreach (var item in items)
        {
            size += item.Length + 1;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(size);
        using (var w = new Utf8JsonWriter(buffer, JsonOut.WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            w.WriteStartArray();
            foreach (var item in items)
            {
                w.WriteRawValue(item, skipInputValidation: true);
            }
            w.WriteEndArray();
            w.WritePropertyName("paging");
            w.WriteStartObject();
            w.WriteString("next_cursor", next);
            w.WriteString("previous_cursor", previous);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
