using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IotStudio.Emulator.Infrastructure;

/// <summary>A decoded cursor: which direction, and the page boundary (an offset or a key).</summary>
public sealed class Cursor
{
    public bool Previous { get; init; }

    public int Offset { get; init; }

    public string Key { get; init; }
}

/// <summary>One list request's paging input: limit, optional cursor, and the hash of the query it belongs to.</summary>
public sealed class PageRequest
{
    public int Limit { get; init; }

    public Cursor Cursor { get; init; }

    public string Hash { get; init; }

    /// <summary>Reads <c>limit</c>, <c>next_cursor</c>, <c>previous_cursor</c>; 400 on anything invalid,
    /// including a cursor minted for a different query (other path, filters or sort).</summary>
    public static PageRequest Parse(HttpContext ctx, EmulatorOptions options, string hash)
    {
        var q = ctx.Request.Query;
        int limit = options.DefaultPageSize;
        if (q.TryGetValue("limit", out var limitValues))
        {
            if (limitValues.Count != 1
                || !int.TryParse(limitValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit < 1 || limit > options.MaxPageSize)
            {
                throw ApiErrors.BadRequest(
                    $"limit must be an integer between 1 and {options.MaxPageSize}",
                    ApiErrors.Details("limit", limitValues.ToString()));
            }
        }

        string next = Single(q, "next_cursor");
        string previous = Single(q, "previous_cursor");
        if (!string.IsNullOrEmpty(next) && !string.IsNullOrEmpty(previous))
        {
            throw ApiErrors.BadRequest("next_cursor and previous_cursor cannot be used together");
        }

        Cursor cursor = null;
        if (!string.IsNullOrEmpty(next))
        {
            cursor = Decode(next, previous: false, hash, "next_cursor");
        }
        else if (!string.IsNullOrEmpty(previous))
        {
            cursor = Decode(previous, previous: true, hash, "previous_cursor");
        }
        return new PageRequest { Limit = limit, Cursor = cursor, Hash = hash };
    }

    private static string Single(IQueryCollection q, string name)
    {
        if (!q.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count != 1)
        {
            throw ApiErrors.BadRequest($"{name} given more than once");
        }
        return values[0];
    }

    public string Encode(bool previous, int offset, string key)
    {
        string text = string.Join('|', "v1", previous ? "p" : "n", offset.ToString(CultureInfo.InvariantCulture), key ?? "", Hash);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    private static Cursor Decode(string text, bool previous, string hash, string parameter)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length == 5 && parts[0] == "v1" && parts[1] == (previous ? "p" : "n")
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int offset)
                && parts[4] == hash)
            {
                return new Cursor { Previous = previous, Offset = offset, Key = parts[3].Length == 0 ? null : parts[3] };
            }
        }
        catch (FormatException)
        {
            // fall through
        }
        throw ApiErrors.BadRequest("invalid cursor", ApiErrors.Details("parameter", parameter));
    }

    /// <summary>Stable short hash of a list query (scope = resource path; parts = the filters and sort as sent).</summary>
    public static string HashOf(string scope, IEnumerable<string> parts)
    {
        var sb = new StringBuilder(scope);
        foreach (var p in parts)
        {
            sb.Append('\u001f').Append(p);
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(digest, 0, 8);
    }
}

public sealed class Page<T>
{
    public List<T> Items { get; init; }

    public string Next { get; init; } = "";

    public string Previous { get; init; } = "";
}

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
