using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>A Thing's properties history: one list of values sorted by time (UTC, whole milliseconds), then ordinal
/// property name, at most one value per property and millisecond. A list of small structs keeps a seeded space of many
/// Things with long histories light; values mostly arrive in time order, so adding is usually an append. Not
/// thread-safe: use under the owning <see cref="SpaceData.Sync"/> lock.</summary>
public sealed class PropertyHistory
{
    private readonly List<HistoryValue> _values = [];

    /// <summary>Values held.</summary>
    public int Count => _values.Count;

    /// <summary>A time as the history keeps it: UTC ticks cut to whole milliseconds.</summary>
    public static long Truncate(DateTimeOffset at) => at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond);

    /// <summary>RFC 3339 UTC with milliseconds, as history answers write <c>at</c>.</summary>
    public static string Format(long ticks) => JsonOut.Timestamp(new DateTime(ticks, DateTimeKind.Utc));

    /// <summary>Records property updates (the nodes are kept, not copied: pass nodes no one else changes). A value
    /// already there for the same property and millisecond is replaced.</summary>
    public void Record(long ticks, JsonObject values)
    {
        foreach (var kv in values)
        {
            Put(ticks, kv.Key, kv.Value);
        }
    }

    /// <summary>True when the property has a value at that time.</summary>
    public bool Has(long ticks, string name)
    {
        int i = LowerBound(ticks, name);
        return i < _values.Count && _values[i].Ticks == ticks && _values[i].Name == name;
    }

    /// <summary>Adds a value (the caller has checked that there is none yet).</summary>
    public void Add(long ticks, string name, JsonNode value) => Put(ticks, name, value);

    /// <summary>Values in <paramref name="at"/> (all when null) of the named properties (all when none), in order.</summary>
    public List<HistoryValue> Values(HistoryAt at, IReadOnlySet<string> names)
    {
        var list = new List<HistoryValue>();
        for (int i = at == null ? 0 : LowerBound(at.From, null); i < _values.Count; i++)
        {
            var v = _values[i];
            if (at != null && v.Ticks > at.To)
            {
                break;
            }
            if (names.Count == 0 || names.Contains(v.Name))
            {
                list.Add(v);
            }
        }
        return list;
    }

    /// <summary>Deletes the values in <paramref name="at"/> of the named properties (all when none); answers how many.</summary>
    public int Remove(HistoryAt at, IReadOnlySet<string> names) =>
        _values.RemoveAll(v => at.Contains(v.Ticks) && (names.Count == 0 || names.Contains(v.Name)));

    /// <summary>The paging key of a value: time, then name, both in an order that ordinal string comparison keeps.</summary>
    public static string Key(HistoryValue v) => Key(v.Ticks) + "." + Hex(v.Name);

    /// <summary>The paging key of a time.</summary>
    public static string Key(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private void Put(long ticks, string name, JsonNode value)
    {
        var item = new HistoryValue(ticks, name, value);
        if (_values.Count == 0 || Compare(_values[^1], ticks, name) < 0)
        {
            _values.Add(item);
            return;
        }
        int i = LowerBound(ticks, name);
        if (i < _values.Count && _values[i].Ticks == ticks && _values[i].Name == name)
        {
            _values[i] = item;
        }
        else
        {
            _values.Insert(i, item);
        }
    }

    /// <summary>The first index whose value is at or after (ticks, name); a null name is before every name.</summary>
    private int LowerBound(long ticks, string name)
    {
        int lo = 0, hi = _values.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(_values[mid], ticks, name) < 0)
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

    private static int Compare(HistoryValue v, long ticks, string name)
    {
        if (v.Ticks != ticks)
        {
            return v.Ticks.CompareTo(ticks);
        }
        return name == null ? 1 : string.CompareOrdinal(v.Name, name);
    }

    // UTF-16 code units as four hex digits each: ordinal order of the hex text is ordinal order of the name.
    private static string Hex(string name)
    {
        var sb = new StringBuilder(name.Length * 4);
        foreach (char c in name)
        {
            sb.Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
