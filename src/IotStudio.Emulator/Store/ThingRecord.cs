using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>One stored Thing. <see cref="Body"/> holds every field the client sent (known or not) except the
/// server-managed ones (uid, id, categories, client_id, created, modified). Not thread-safe: use under the
/// owning <see cref="SpaceData.Sync"/> lock.</summary>
public sealed class ThingRecord
{
    /// <summary>Fields written when the body lacks them, with their default JSON.</summary>
    // A stored Thing always shows these fields, as the service's documents do (so a JSON Patch can replace them).
    private static readonly (string Name, byte[] Json)[] Defaults =
    [
        ("title", "\"\""u8.ToArray()),
        ("description", "\"\""u8.ToArray()),
        ("status", "{}"u8.ToArray()),
        ("properties", "{}"u8.ToArray()),
        ("actions", "{}"u8.ToArray()),
        ("events", "{}"u8.ToArray()),
        ("links", "[]"u8.ToArray()),
    ];

    private byte[] _full;
    private byte[] _scoped;
    private ThingActivity _activity;

    public ThingRecord(string uid, JsonObject body, string[] categories, DateTime created)
    {
        Uid = uid;
        Categories = categories;
        Created = created;
        Modified = created;
        SetBody(body);
    }

    public string Uid { get; }

    public JsonObject Body { get; private set; }

    public string[] Categories { get; private set; }

    public DateTime Created { get; }

    /// <summary>The Thing's OAuth2 client id, null until its secret is first reset (then shown as <c>client_id</c>).</summary>
    public string ClientId { get; private set; }

    public DateTime Modified { get; private set; }

    /// <summary>Cached <c>title</c> (null when absent), for filters and sorting.</summary>
    public string Title { get; private set; }

    /// <summary>Cached <c>description</c> (null when absent), for sorting.</summary>
    public string Description { get; private set; }

    private PropertyHistory _history;

    /// <summary>Its properties history, created on first use (many Things have none).</summary>
    public PropertyHistory History => _history ??= new PropertyHistory();

    /// <summary>True when it has a history object already (reading one need not create it).</summary>
    public bool HasHistory => _history != null;

    public JsonObject Status => Body["status"] as JsonObject;

    /// <summary>Its action requests and events, created on first use (most Things have none).</summary>
    public ThingActivity Activity => _activity ??= new ThingActivity();

    /// <summary>The Thing's MQTT credentials, or null.</summary>
    public MqttCredentialRecord Mqtt { get; set; }
    /// <summary>True once the Thing has had an action request or an event (reading it does not create one).</summary>
    public bool HasActivity => _activity != null;

    public bool InCategory(string name) => Array.IndexOf(Categories, name) >= 0;

    public void SetBody(JsonObject body)
    {
        Body = body;
        Title = StringOf(body, "title");
        Description = StringOf(body, "description");
        Invalidate();
    }

    public void SetCategories(string[] categories)
    {
        Categories = categories;
        Invalidate();
    }

    public void SetClientId(string clientId)
    {
        ClientId = clientId;
        Invalidate();
    }

    public void Touch(DateTime modified)
    {
        Modified = modified;
        Invalidate();
    }

    /// <summary>The status map, created when the Thing has none yet.</summary>
    public JsonObject EnsureStatus()
    {
        if (Body["status"] is not JsonObject status)
        {
            status = new JsonObject();
            Body["status"] = status;
        }
        return status;
    }

    /// <summary>Records property updates in the history (a value at the same millisecond is replaced).</summary>
    public void AddHistory(DateTime at, JsonObject properties) => History.Record(PropertyHistory.Truncate(new DateTimeOffset(at)), properties);

    public void Invalidate()
    {
        _full = null;
        _scoped = null;
    }

    /// <summary>The Thing's JSON (cached until the next change). <paramref name="idPrefix"/> is
    /// <c>{base}/spaces/{space}/things/</c>; category-scoped answers omit <c>categories</c>.</summary>
    public byte[] Json(string idPrefix, bool withCategories)
    {
        if (withCategories)
        {
            return _full ??= Serialize(idPrefix, true);
        }
        return _scoped ??= Serialize(idPrefix, false);
    }

    /// <summary>A detached, complete document (what a GET shows), as the target of a JSON Patch.</summary>
    public JsonObject Document(string idPrefix, bool withCategories)
    {
        return (JsonObject)JsonNode.Parse(Json(idPrefix, withCategories), documentOptions: JsonOut.ReadOptions);
    }

    private byte[] Serialize(string idPrefix, bool withCategories)
    {
        return JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("uid", Uid);
            w.WriteString("id", idPrefix + Uid);
            if (withCategories)
            {
                w.WritePropertyName("categories");
                w.WriteStartArray();
                foreach (var c in Categories)
                {
                    w.WriteStringValue(c);
                }
                w.WriteEndArray();
            }
            if (ClientId != null)
            {
                w.WriteString("client_id", ClientId);
            }
            foreach (var kv in Body)
            {
                w.WritePropertyName(kv.Key);
                JsonOut.WriteNode(w, kv.Value);
            }
            foreach (var (name, json) in Defaults)
            {
                if (!Body.ContainsKey(name))
                {
                    w.WritePropertyName(name);
                    w.WriteRawValue(json, skipInputValidation: true);
                }
            }
            w.WriteString("created", JsonOut.Timestamp(Created));
            w.WriteString("modified", JsonOut.Timestamp(Modified));
            w.WriteEndObject();
        });
    }

    private static string StringOf(JsonObject body, string name)
    {
        return body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }
}
