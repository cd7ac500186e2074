using System.Collections.Concurrent;

namespace IotStudio.Emulator.Store;

/// <summary>All spaces (created on first use). Thread-safe.</summary>
public sealed class EmulatorStore
{
    private readonly ConcurrentDictionary<string, SpaceData> _spaces = new(StringComparer.Ordinal);

    /// <summary>Public base URL used in Thing ids; set once at start-up, before requests are served.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    /// <summary>The time query cursors expire by (tests move it forward).</summary>
    public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

    public SpaceData Space(string name) => _spaces.GetOrAdd(name, n => new SpaceData(n, BaseUrl));

    public void Reset() => _spaces.Clear();

    /// <summary>Adds (or replaces) a whole space, as a state import builds it.</summary>
    public void Put(SpaceData space) => _spaces[space.Name] = space;

    /// <summary>Every space, in name order (a snapshot of the list; lock each one to read it).</summary>
    public IReadOnlyList<SpaceData> Spaces() => _spaces.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
}
