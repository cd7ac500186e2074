using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IotStudio.Emulator.Infrastructure;

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
