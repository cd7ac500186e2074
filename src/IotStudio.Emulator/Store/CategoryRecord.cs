using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

public sealed class CategoryRecord
{
    public string Name { get; init; }

    public string Description { get; set; }

    /// <summary>Null or <c>{name, version?}</c>.</summary>
    public JsonObject Model { get; set; }

    public DateTime Created { get; init; }

    public DateTime Modified { get; set; }

    /// <summary>The Category's own MQTT credentials, or null.</summary>
    public MqttCredentialRecord Mqtt { get; set; }

    public byte[] Json() => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", Name);
        w.WriteString("description", Description ?? "");
        w.WritePropertyName("model");
        JsonOut.WriteNode(w, Model);
        w.WriteString("created", JsonOut.Timestamp(Created));
        w.WriteString("modified", JsonOut.Timestamp(Modified));
        w.WriteEndObject();
    });
}
