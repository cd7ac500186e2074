using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>One event occurrence: its data and when it was recorded.</summary>
public sealed class EventRecord(string id, string name, JsonNode data, DateTime timestamp) : IActivityRecord
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public JsonNode Data { get; } = data;

    public DateTime Timestamp { get; } = timestamp;

    /// <summary><c>{"name": {data, timestamp, href}}</c>.</summary>
    public byte[] Json(string thingIdPrefix, string uid) => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName(Name);
        w.WriteStartObject();
        w.WritePropertyName("data");
        JsonOut.WriteNode(w, Data);
        w.WriteString("timestamp", ThingActivity.Timestamp(Timestamp));
        w.WriteString("href", ThingActivity.Href(thingIdPrefix, uid, "events", Name, Id));
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
