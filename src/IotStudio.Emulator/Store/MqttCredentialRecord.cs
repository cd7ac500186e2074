using System.Text.Json;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>The MQTT credentials of one Category or one Thing. They live and die with their owner. Use under the
/// owning <see cref="SpaceData.Sync"/> lock.</summary>
public sealed class MqttCredentialRecord
{
    /// <summary>What a read shows instead of the password.</summary>
    public const string Mask = "********";

    public string Id { get; init; }

    public DateTime Created { get; init; }

    public bool Enabled { get; set; } = true;

    public string Username { get; set; }

    public string Password { get; set; }

    public string Description { get; set; }

    /// <summary>A Category's credentials only.</summary>
    public string CollectionName { get; set; }

    /// <summary>The answer body. <paramref name="password"/> is what to show in the password field (the mask, or the
    /// password a create or update has just set). <paramref name="topicRoot"/> adds the Thing's topic ACL.</summary>
    public byte[] Json(string password, bool category, string topicRoot) => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("created", JsonOut.Timestamp(Created));
        w.WriteBoolean("enabled", Enabled);
        w.WriteString("username", Username);
        w.WriteString("password", password);
        w.WriteString("description", Description ?? "");
        if (category)
        {
            w.WriteString("collection_name", CollectionName ?? "");
        }
        if (topicRoot != null)
        {
            w.WriteStartObject("topics");
            w.WriteStartObject("acl");
            foreach (var list in new[] { "publish", "subscribe" })
            {
                w.WriteStartArray(list);
                w.WriteStartObject();
                w.WriteString("pattern", topicRoot + "/#");
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });
}
