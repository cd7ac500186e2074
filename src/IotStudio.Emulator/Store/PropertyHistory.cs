using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>A Thing's properties history: values by time (UTC, whole milliseconds) and property name, in time order
/// and, at one time, in ordinal name order. At most one value per property and millisecond. Not thread-safe: use under
/// the owning <see cref="SpaceData.Sync"/> lock.</summary>
public sealed class PropertyHistory
{
    private readonly SortedDictionary<long, SortedDictionary<string, JsonNode>> _points = new();

    /// <summary>Values held.</summary>
    public int Count { get; private set; }

    /// <summary>A time as the history keeps it: UTC ticks cut to whole milliseconds.</summary>
    public static long Truncate(DateTimeOffset at) => at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond);

    /// <summary>RFC 3339 UTC with milliseconds, as history answers write <c>at</c>.</summary>
    public static string Format(long ticks) => JsonOut.Timestamp(new DateTime(ticks, DateTimeKind.Utc));

    /// <summary>Records property updates: a value already there for the same property and millisecond is replaced.</summary>
    public void Record(long ticks, JsonObject values)
    {
        foreach (var kv in values)
        {
            Put(ticks, kv.Key, kv.Value?.DeepClone());
        }
    }

    /// <summary>True when the property has a value at that time.</summary>
    public bool Has(long ticks, string name) => _points.TryGetValue(ticks, out var p) && p.ContainsKey(name);

    /// <summary>Adds a value (the caller has checked that there is none yet).</summary>
    public void Add(long ticks, string name, JsonNode value) => Put(ticks, name, value);

    /// <summary>Values in <paramref name="at"/> (all when null) of the named properties (all when none), in order.</summary>
    public List<HistoryValue> Values(HistoryAt at, IReadOnlySet<string> names)
    {
        var list = new List<HistoryValue>();
        foreach (var (ticks, point) in Points(at))
        {
            foreach (var (name, value) in point)
            {
                if (names.Count == 0 || names.Contains(name))
                {
                    list.Add(new HistoryValue(ticks, name, value));
                }
            }
        }
        return list;
    }

    /// <summary>Deletes the values in <paramref name="at"/> of the named properties (all when none); answers how many.</summary>
    public int Remove(HistoryAt at, IReadOnlySet<string> names)
    {
        var removed = Values(at, names);
        foreach (var v in removed)
        {
            var point = _points[v.Ticks];
            point.Remove(v.Name);
            if (point.Count == 0)
            {
                _points.Remove(v.Ticks);
            }
        }
        Count -= removed.Count;
        return removed.Count;
    }

    /// <summary>The paging key of a value: time, then name, both in an order that ordinal string comparison keeps.</summary>
    public static string Key(HistoryValue v) => Key(v.Ticks) + "." + Hex(v.Name);

    /// <summary>The paging key of a time.</summary>
    public static string Key(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private IEnumerable<(long, SortedDictionary<string, JsonNode>)> Points(HistoryAt at)
    {
        foreach (var (ticks, point) in _points)
        {
            if (at != null && ticks > at.To)
            {
                yield break;
            }
            if (at == null || at.Contains(ticks))
            {
                yield return (ticks, point);
            }
        }
    }

    private void Put(long ticks, string name, JsonNode value)
    {
        if (!_points.TryGetValue(ticks, out var point))
        {
            point = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
            _points.Add(ticks, point);
        }
        if (!point.ContainsKey(name))
        {
            Count++;
        }
        point[name] = value;
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
