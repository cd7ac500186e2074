using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>All data of one space. Every access goes through <see cref="Sync"/>.
/// Things are kept in uid (= insertion, ULIDs being monotonic) order.</summary>
public sealed class SpaceData
{
    private const int SortedCacheSize = 8;
    private readonly Dictionary<string, (long Version, ThingRecord[] Items)> _sorted = new(StringComparer.Ordinal);

    public SpaceData(string name, string baseUrl)
    {
        Name = name;
        ThingIdPrefix = $"{baseUrl}/spaces/{Uri.EscapeDataString(name)}/things/";
    }

    public object Sync { get; } = new();

    public string Name { get; }

    /// <summary><c>{base-url}/spaces/{space}/things/</c>, the prefix of every Thing <c>id</c>.</summary>
    public string ThingIdPrefix { get; }

    public List<CategoryRecord> CategoryList { get; } = [];

    public Dictionary<string, CategoryRecord> Categories { get; } = new(StringComparer.Ordinal);

    /// <summary>Models in ordinal name order (lists page over it by name).</summary>
    public List<ModelRecord> ModelList { get; } = [];

    public Dictionary<string, ModelRecord> Models { get; } = new(StringComparer.Ordinal);

    public List<ThingRecord> Things { get; } = [];

    public Dictionary<string, ThingRecord> ThingsById { get; } = new(StringComparer.Ordinal);

    /// <summary>Open query cursors by id (expired ones are dropped when next looked at).</summary>
    public Dictionary<string, QueryCursor> Cursors { get; } = new(StringComparer.Ordinal);

    /// <summary>Bumped on every change of any Thing (invalidates sorted views).</summary>
    public long Version { get; private set; }

    public void Changed() => Version++;

    /// <summary>Creates a Thing with a fresh ULID (generated under the lock, so the list stays ordered).</summary>
    public ThingRecord AddThing(JsonObject body, string[] categories, DateTime now)
    {
        var t = new ThingRecord(Ulid.NewUlid(), body, categories, now);
        Things.Add(t);
        ThingsById[t.Uid] = t;
        Version++;
        return t;
    }

    /// <summary>Appends pre-built records (seeding). Their uids must be newer than any existing one.</summary>
    public void AddThings(IReadOnlyList<ThingRecord> records)
    {
        Things.AddRange(records);
        foreach (var t in records)
        {
            ThingsById[t.Uid] = t;
        }
        Version++;
    }

    public void RemoveThing(ThingRecord t)
    {
        int i = Pager.LowerBound(Things, x => x.Uid, t.Uid, inclusive: true);
        if (i < Things.Count && ReferenceEquals(Things[i], t))
        {
            Things.RemoveAt(i);
        }
        ThingsById.Remove(t.Uid);
        Version++;
    }

    /// <summary>Removes all Things matching; returns their uids in uid order.</summary>
    public List<string> RemoveThings(Func<ThingRecord, bool> match)
    {
        var removed = new List<string>();
        Things.RemoveAll(t =>
        {
            if (!match(t))
            {
                return false;
            }
            removed.Add(t.Uid);
            ThingsById.Remove(t.Uid);
            return true;
        });
        if (removed.Count > 0)
        {
            Version++;
        }
        return removed;
    }

    public ThingRecord FindThing(string uid) => ThingsById.GetValueOrDefault(uid);

    /// <summary>Adds a Category (<see cref="CategoryList"/> in creation order; lists sort by name when they answer).</summary>
    public void AddCategory(CategoryRecord c)
    {
        CategoryList.Add(c);
        Categories[c.Name] = c;
    }

    public void RemoveCategory(CategoryRecord c)
    {
        CategoryList.Remove(c);
        Categories.Remove(c.Name);
    }

    /// <summary>Adds a Model where its name sorts, keeping <see cref="ModelList"/> in name order.</summary>
    public void AddModel(ModelRecord m)
    {
        ModelList.Insert(Pager.LowerBound(ModelList, x => x.Name, m.Name, inclusive: true), m);
        Models[m.Name] = m;
    }

    public void RemoveModel(ModelRecord m)
    {
        ModelList.Remove(m);
        Models.Remove(m.Name);
    }

    /// <summary>A filtered+sorted snapshot for a query hash, rebuilt only when Things changed.</summary>
    public ThingRecord[] Sorted(string hash, Func<ThingRecord[]> build)
    {
        if (_sorted.TryGetValue(hash, out var hit) && hit.Version == Version)
        {
            return hit.Items;
        }
        var items = build();
        if (_sorted.Count >= SortedCacheSize)
        {
            _sorted.Clear();
        }
        _sorted[hash] = (Version, items);
        return items;
    }
}
