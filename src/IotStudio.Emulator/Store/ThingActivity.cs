using System.Globalization;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>The action requests and events of one Thing, each list in id (= creation, ULIDs being monotonic)
/// order. They live and die with the Thing. Use under the owning <see cref="SpaceData.Sync"/> lock.</summary>
public sealed class ThingActivity
{
    public List<ActionRecord> Actions { get; } = [];

    public List<EventRecord> Events { get; } = [];

    /// <summary>The record with this id and name, or null.</summary>
    public static T Find<T>(List<T> items, string id, string name) where T : class, IActivityRecord
    {
        int i = Pager.LowerBound(items, x => x.Id, id, inclusive: true);
        return i < items.Count && items[i].Id == id && items[i].Name == name ? items[i] : null;
    }

    public static void Remove<T>(List<T> items, T item) where T : class, IActivityRecord
    {
        int i = Pager.LowerBound(items, x => x.Id, item.Id, inclusive: true);
        if (i < items.Count && ReferenceEquals(items[i], item))
        {
            items.RemoveAt(i);
        }
    }

    /// <summary>The form the live service has been seen to use for action and event times:
    /// <c>2022-06-02 15:37:46+0000</c> (space separator, whole seconds, offset without a colon).</summary>
    public static string Timestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd HH:mm:ss'+0000'", CultureInfo.InvariantCulture);

    /// <summary><c>{thing-id-prefix}{uid}/{kind}/{name}/{id}</c>: the item's own URL.</summary>
    public static string Href(string thingIdPrefix, string uid, string kind, string name, string id) =>
        $"{thingIdPrefix}{uid}/{kind}/{Uri.EscapeDataString(name)}/{id}";
}
