using System.Globalization;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>
/// The emulator's whole state as one JSON document, and back: every space's Categories, Models and versions, Things
/// (document, Categories, times, client id, properties history, action requests, events), MQTT credentials, and the
/// email outbox. Open query cursors, tokens and the request log are not part of it. <c>--state FILE</c> loads it at
/// start and writes it at clean shutdown; <c>GET/PUT /_emulator/state</c> export and import it.
/// </summary>
public static class StateSnapshot
{
    public const int FormatVersion = 1;

    public static JsonObject Export(EmulatorStore store, EmailOutbox outbox)
    {
        var spaces = new JsonObject();
        foreach (var space in store.Spaces())
        {
            lock (space.Sync)
            {
                spaces[space.Name] = ExportSpace(space);
            }
        }
        return new JsonObject
        {
            ["format"] = "iotstudio-emulator-state",
            ["version"] = FormatVersion,
            ["exported"] = JsonOut.Timestamp(DateTime.UtcNow),
            ["spaces"] = spaces,
            ["outbox"] = outbox?.ToJson(null)["data"]?.DeepClone() ?? new JsonArray(),
        };
    }

    /// <summary>Replaces everything the emulator holds with <paramref name="state"/>; 400 naming what is wrong.</summary>
    public static void Import(EmulatorStore store, EmailOutbox outbox, JsonObject state)
    {
        if ((string)state["format"] != "iotstudio-emulator-state" || state["version"]?.GetValue<int>() != FormatVersion)
        {
            throw ApiErrors.BadRequest($"not an emulator state of format version {FormatVersion} (export one with GET /_emulator/state)");
        }
        var spaces = state["spaces"] as JsonObject ?? throw ApiErrors.BadRequest("state.spaces must be an object");
        // Build everything first, so that a bad document changes nothing.
        var built = new List<SpaceData>();
        foreach (var (name, node) in spaces)
        {
            try
            {
                built.Add(ImportSpace(name, node as JsonObject ?? throw new FormatException("not an object"), store.BaseUrl));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or NullReferenceException or KeyNotFoundException or System.Text.Json.JsonException)
            {
                throw ApiErrors.BadRequest($"state.spaces.{name}: {ex.Message}");
            }
        }
        store.Reset();
        foreach (var space in built)
        {
            store.Put(space);
        }
        outbox?.Clear();
        if (state["outbox"] is JsonArray messages && outbox != null)
        {
            foreach (var m in messages.OfType<JsonObject>())
            {
                outbox.Restore((JsonObject)m.DeepClone());
            }
        }
    }

    private static JsonObject ExportSpace(SpaceData space)
    {
        var categories = new JsonArray();
        foreach (var c in space.CategoryList)
        {
            categories.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["description"] = c.Description,
                ["model"] = c.Model?.DeepClone(),
                ["created"] = Time(c.Created),
                ["modified"] = Time(c.Modified),
                ["mqtt"] = Mqtt(c.Mqtt),
            });
        }
        var models = new JsonArray();
        foreach (var m in space.ModelList)
        {
            var versions = new JsonArray();
            foreach (var v in m.Versions)
            {
                versions.Add(new JsonObject
                {
                    ["title"] = v.Title,
                    ["description"] = v.Description,
                    ["template"] = v.Template?.DeepClone(),
                    ["created"] = Time(v.Created),
                });
            }
            models.Add(new JsonObject
            {
                ["id"] = m.Id,
                ["name"] = m.Name,
                ["description"] = m.Description,
                ["created"] = Time(m.Created),
                ["modified"] = Time(m.Modified),
                ["versions"] = versions,
            });
        }
        var things = new JsonArray();
        foreach (var t in space.Things)
        {
            var thing = new JsonObject
            {
                ["uid"] = t.Uid,
                ["body"] = t.Body.DeepClone(),
                ["categories"] = new JsonArray(t.Categories.Select(c => (JsonNode)c).ToArray()),
                ["created"] = Time(t.Created),
                ["modified"] = Time(t.Modified),
            };
            if (t.ClientId != null)
            {
                thing["clientId"] = t.ClientId;
            }
            if (t.HasHistory)
            {
                var history = new JsonArray();
                foreach (var v in t.History.Values(null, new HashSet<string>()))
                {
                    history.Add(new JsonObject { ["ticks"] = v.Ticks, ["name"] = v.Name, ["value"] = v.Value?.DeepClone() });
                }
                thing["history"] = history;
            }
            if (t.HasActivity)
            {
                thing["actions"] = new JsonArray(t.Activity.Actions.Select(a => (JsonNode)new JsonObject
                {
                    ["id"] = a.Id,
                    ["name"] = a.Name,
                    ["input"] = a.Input?.DeepClone(),
                    ["status"] = a.Status,
                    ["output"] = a.HasOutput ? new JsonObject { ["value"] = a.Output?.DeepClone() } : null,
                    ["timeRequested"] = Time(a.TimeRequested),
                    ["timeCompleted"] = a.TimeCompleted is DateTime done ? Time(done) : null,
                }).ToArray());
                thing["events"] = new JsonArray(t.Activity.Events.Select(e => (JsonNode)new JsonObject
                {
                    ["id"] = e.Id,
                    ["name"] = e.Name,
                    ["data"] = e.Data?.DeepClone(),
                    ["timestamp"] = Time(e.Timestamp),
                }).ToArray());
            }
            if (t.Mqtt != null)
            {
                thing["mqtt"] = Mqtt(t.Mqtt);
            }
            things.Add(thing);
        }
        return new JsonObject { ["categories"] = categories, ["models"] = models, ["things"] = things };
    }

    private static SpaceData ImportSpace(string name, JsonObject o, string baseUrl)
    {
        var space = new SpaceData(name, baseUrl);
        foreach (var c in Array(o, "categories"))
        {
            var record = new CategoryRecord
            {
                Name = Required(c, "name"),
                Description = (string)c["description"],
                Model = c["model"]?.DeepClone() as JsonObject,
                Created = ParseTime(c["created"]),
                Modified = ParseTime(c["modified"]),
                Mqtt = ReadMqtt(c["mqtt"]),
            };
            space.AddCategory(record);
        }
        foreach (var m in Array(o, "models"))
        {
            var model = new ModelRecord
            {
                Id = (string)m["id"] ?? Ulid.NewUlid(),
                Name = Required(m, "name"),
                Description = (string)m["description"],
                Created = ParseTime(m["created"]),
                Modified = ParseTime(m["modified"]),
            };
            foreach (var v in Array(m, "versions"))
            {
                model.AddVersion((string)v["title"], (string)v["description"], v["template"]?.DeepClone() as JsonObject, ParseTime(v["created"]));
            }
            space.AddModel(model);
        }
        var records = new List<ThingRecord>();
        foreach (var t in Array(o, "things"))
        {
            string uid = Required(t, "uid");
            if (!Ulid.TryNormalize(uid, out uid))
            {
                throw new FormatException($"thing uid '{t["uid"]}' is not a ULID");
            }
            var categories = (t["categories"] as JsonArray)?.Select(x => (string)x).ToArray() ?? [];
            var record = new ThingRecord(uid, (JsonObject)(t["body"] as JsonObject ?? new JsonObject()).DeepClone(), categories, ParseTime(t["created"]));
            record.Touch(ParseTime(t["modified"]));
            if ((string)t["clientId"] is { } clientId)
            {
                record.SetClientId(clientId);
            }
            foreach (var h in Array(t, "history"))
            {
                record.History.Add(h["ticks"].GetValue<long>(), Required(h, "name"), h["value"]?.DeepClone());
            }
            foreach (var a in Array(t, "actions"))
            {
                var action = new ActionRecord(Required(a, "id"), Required(a, "name"), a["input"]?.DeepClone(), ParseTime(a["timeRequested"]));
                var completed = a["timeCompleted"] == null ? DateTime.UtcNow : ParseTime(a["timeCompleted"]);
                action.SetStatus((string)a["status"] ?? "pending", completed);
                if (a["output"] is JsonObject output)
                {
                    action.SetOutput(output["value"]?.DeepClone());
                }
                record.Activity.Actions.Add(action);
            }
            foreach (var e in Array(t, "events"))
            {
                record.Activity.Events.Add(new EventRecord(Required(e, "id"), Required(e, "name"), e["data"]?.DeepClone(), ParseTime(e["timestamp"])));
            }
            record.Mqtt = ReadMqtt(t["mqtt"]);
            records.Add(record);
        }
        // Things are kept in uid order (= creation order), which paging by key relies on.
        records.Sort((a, b) => string.CompareOrdinal(a.Uid, b.Uid));
        space.AddThings(records);
        return space;
    }

    private static JsonObject Mqtt(MqttCredentialRecord m) => m == null ? null : new JsonObject
    {
        ["id"] = m.Id,
        ["created"] = Time(m.Created),
        ["enabled"] = m.Enabled,
        ["username"] = m.Username,
        ["password"] = m.Password,
        ["description"] = m.Description,
        ["collectionName"] = m.CollectionName,
    };

    private static MqttCredentialRecord ReadMqtt(JsonNode node) => node is not JsonObject m ? null : new MqttCredentialRecord
    {
        Id = (string)m["id"] ?? Ulid.NewUlid(),
        Created = ParseTime(m["created"]),
        Enabled = m["enabled"]?.GetValue<bool>() ?? true,
        Username = (string)m["username"],
        Password = (string)m["password"],
        Description = (string)m["description"],
        CollectionName = (string)m["collectionName"],
    };

    private static IEnumerable<JsonObject> Array(JsonObject o, string name) =>
        o[name] switch
        {
            null => [],
            JsonArray a => a.Select(x => x as JsonObject ?? throw new FormatException($"{name} must hold objects")),
            _ => throw new FormatException($"{name} must be an array"),
        };

    private static string Required(JsonObject o, string name) =>
        (string)o[name] is { Length: > 0 } s ? s : throw new FormatException($"'{name}' is required");

    private static string Time(DateTime utc) => utc.ToString("o", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(JsonNode node) =>
        node == null ? DateTime.UtcNow : DateTime.Parse((string)node, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
