using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>One action request. Created <c>pending</c>; an update sets the status and output, and a final
/// status (completed, failed, cancelled, canceled) sets <c>timeCompleted</c>.</summary>
public sealed class ActionRecord(string id, string name, JsonNode input, DateTime requested) : IActivityRecord
{
    private static readonly HashSet<string> FinalStatuses = new(StringComparer.OrdinalIgnoreCase) { "completed", "failed", "cancelled", "canceled" };

    public string Id { get; } = id;

    public string Name { get; } = name;

    public JsonNode Input { get; } = input;

    public string Status { get; private set; } = "pending";

    public JsonNode Output { get; private set; }

    public bool HasOutput { get; private set; }

    public DateTime TimeRequested { get; } = requested;

    public DateTime? TimeCompleted { get; private set; }

    public void SetStatus(string status, DateTime now)
    {
        Status = status;
        if (!FinalStatuses.Contains(status))
        {
            TimeCompleted = null;
        }
        else
        {
            TimeCompleted ??= now;
        }
    }

    public void SetOutput(JsonNode output)
    {
        Output = output;
        HasOutput = true;
    }

    /// <summary><c>{"name": {input, status, timeRequested, timeCompleted?, output?, href}}</c>.</summary>
    public byte[] Json(string thingIdPrefix, string uid) => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName(Name);
        w.WriteStartObject();
        w.WritePropertyName("input");
        JsonOut.WriteNode(w, Input);
        w.WriteString("status", Status);
        w.WriteString("timeRequested", ThingActivity.Timestamp(TimeRequested));
        if (TimeCompleted is DateTime done)
        {
            w.WriteString("timeCompleted", ThingActivity.Timestamp(done));
        }
        if (HasOutput)
        {
            w.WritePropertyName("output");
            JsonOut.WriteNode(w, Output);
        }
        w.WriteString("href", ThingActivity.Href(thingIdPrefix, uid, "actions", Name, Id));
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
