using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Control;

/// <summary>
/// <c>POST /_emulator/seed</c>: fills one space in one call, fast, without going through the API. Everything is checked
/// before anything is stored, so a refused seed stores nothing. See the emulator README for the body.
/// </summary>
public sealed class Seeder(EmulatorStore store)
{
    public const int MaxSeedCount = 2_000_000;
    public const int MaxPerThing = 10_000;

    public JsonObject Seed(JsonObject body)
    {
        string spaceName = String(body, "space");
        if (string.IsNullOrEmpty(spaceName))
        {
            throw ApiErrors.BadRequest("space is required");
        }
        int count = body["count"] is JsonValue cv && cv.GetValueKind() == JsonValueKind.Number && cv.TryGetValue(out int c) ? c : -1;
        if (count < 0 || count > MaxSeedCount)
        {
            throw ApiErrors.BadRequest($"count must be an integer between 0 and {MaxSeedCount}");
        }
        string category = String(body, "category");
        if (category != null && !ThingDocument.IsValidName(category))
        {
            throw ApiErrors.BadRequest("invalid category name: it must match ^[a-zA-Z0-9_:-]{1,26}$");
        }
        string prefix = String(body, "titlePrefix") ?? "Thing";
        var status = body["status"];
        if (status != null && status is not JsonObject)
        {
            throw ApiErrors.BadRequest("status must be an object");
        }
        var categories = ReadCategories(body["categories"]);
        var models = ReadModels(body["models"]);

        // "thing": a Thing Description template with per-Thing values ({i}, {i % 40}, ...), compiled once, and its
        // first instance checked with the rules of a created Thing.
        SeedTemplate template = null;
        if (body["thing"] is { } thingTemplate)
        {
            if (thingTemplate is not JsonObject)
            {
                throw ApiErrors.BadRequest("thing must be an object (a Thing Description template)");
            }
            template = SeedTemplate.Compile(thingTemplate, "thing");
            ThingDocument.Prepare((JsonObject)template.For(1));
        }
        var history = ReadHistory(body["history"]);
        var actions = ReadActions(body["actions"]);

        var space = store.Space(spaceName);
        string first = null, last = null;
        long historyCount = 0, actionCount = 0;
        lock (space.Sync)
        {
            // Each Thing's Categories and Model must exist, or be created by this seed (a template may name them per
            // instance): all is checked before anything is stored or created.
            var seedCategories = new HashSet<string>(categories.Select(x => x.Name), StringComparer.Ordinal);
            if (category != null)
            {
                seedCategories.Add(category);
            }
            var seedModels = new HashSet<string>(models.Select(x => x.Name), StringComparer.Ordinal);
            var now = JsonOut.Now();
            string[] baseCategories = category == null ? [] : [category];
            var uids = Ulid.NewUlids(count);
            var records = new ThingRecord[count];
            for (int i = 0; i < count; i++)
            {
                long n = i + 1;
                var thing = template == null
                    ? new JsonObject { ["title"] = prefix + "-" + n.ToString(CultureInfo.InvariantCulture) }
                    : (JsonObject)template.For(n);
                if (status != null)
                {
                    thing["status"] = status.DeepClone();
                }
                var own = template == null ? null : ThingDocument.Prepare(thing);
                foreach (var name in own ?? [])
                {
                    if (!space.Categories.ContainsKey(name) && !seedCategories.Contains(name))
                    {
                        throw ApiErrors.NotFound($"category '{name}' not found", ApiErrors.Details("category", name));
                    }
                }
                if (thing["model"] is JsonObject m && m["name"] is JsonValue mn && mn.TryGetValue<string>(out var modelName)
                    && !space.Models.ContainsKey(modelName) && !seedModels.Contains(modelName))
                {
                    throw ApiErrors.BadRequest($"model '{modelName}' does not exist in space '{spaceName}' and the seed does not create it", ApiErrors.Details("model", modelName));
                }
                var record = new ThingRecord(uids[i], thing, own == null ? baseCategories : [.. baseCategories.Union(own, StringComparer.Ordinal)], now);
                if (history != null)
                {
                    for (int j = 1; j <= history.Value.PerThing; j++)
                    {
                        var at = history.Value.From.AddSeconds(history.Value.IntervalSeconds * (j - 1));
                        record.AddHistory(at, (JsonObject)history.Value.Properties.For(n, j));
                        historyCount++;
                    }
                }
                if (actions != null)
                {
                    for (int j = 1; j <= actions.Value.PerThing; j++)
                    {
                        var action = new ActionRecord(Ulid.NewUlid(), actions.Value.Name, actions.Value.Input?.For(n, j), now);
                        if (actions.Value.Status != null)
                        {
                            action.SetStatus(actions.Value.Status, now);
                        }
                        record.Activity.Actions.Add(action);
                        actionCount++;
                    }
                }
                records[i] = record;
            }
            foreach (var (name, description) in categories.Append((category, "")).Where(x => x.Item1 != null))
            {
                if (!space.Categories.ContainsKey(name))
                {
                    var cat = new CategoryRecord { Name = name, Description = description ?? "", Created = now, Modified = now };
                    space.AddCategory(cat);
                }
            }
            foreach (var (name, description, versions) in models)
            {
                if (!space.Models.TryGetValue(name, out var m))
                {
                    m = new ModelRecord { Id = Ulid.NewUlid(), Name = name, Description = description ?? "", Created = now, Modified = now };
                    space.AddModel(m);
                }
                foreach (var v in versions)
                {
                    m.AddVersion(OptionalString(v, "title"), OptionalString(v, "description"), v["template"]?.DeepClone() as JsonObject, now);
                }
            }
            space.AddThings(records);
            if (count > 0)
            {
                first = uids[0];
                last = uids[^1];
            }
        }
        return new JsonObject
        {
            ["count"] = count,
            ["first"] = first,
            ["last"] = last,
            ["categories"] = categories.Count + (category == null ? 0 : 1),
            ["models"] = models.Count,
            ["history"] = historyCount,
            ["actions"] = actionCount,
        };
    }

    private static List<(string Name, string Description)> ReadCategories(JsonNode node)
    {
        var list = new List<(string, string)>();
        if (node == null)
        {
            return list;
        }
        if (node is not JsonArray array)
        {
            throw ApiErrors.BadRequest("categories must be an array of {name, description}");
        }
        foreach (var item in array)
        {
            var o = item as JsonObject ?? throw ApiErrors.BadRequest("categories must be an array of {name, description}");
            string name = String(o, "name");
            if (!ThingDocument.IsValidName(name))
            {
                throw ApiErrors.BadRequest($"invalid category name '{name}': it must match ^[a-zA-Z0-9_:-]{{1,26}}$");
            }
            list.Add((name, String(o, "description")));
        }
        return list;
    }

    private static List<(string Name, string Description, List<JsonObject> Versions)> ReadModels(JsonNode node)
    {
        var list = new List<(string, string, List<JsonObject>)>();
        if (node == null)
        {
            return list;
        }
        if (node is not JsonArray array)
        {
            throw ApiErrors.BadRequest("models must be an array of {name, description, versions}");
        }
        foreach (var item in array)
        {
            var o = item as JsonObject ?? throw ApiErrors.BadRequest("models must be an array of {name, description, versions}");
            var (name, description) = ThingDocument.Model(o);
            var versions = new List<JsonObject>();
            if (o["versions"] is JsonArray vs)
            {
                foreach (var v in vs)
                {
                    var vo = v as JsonObject ?? throw ApiErrors.BadRequest($"models[{name}].versions must be an array of {{title, description, template}}");
                    ThingDocument.ModelVersion(vo);
                    versions.Add(vo);
                }
            }
            else if (o["versions"] != null)
            {
                throw ApiErrors.BadRequest($"models[{name}].versions must be an array");
            }
            list.Add((name, description, versions));
        }
        return list;
    }

    private static (int PerThing, DateTime From, double IntervalSeconds, SeedTemplate Properties)? ReadHistory(JsonNode node)
    {
        if (node == null)
        {
            return null;
        }
        var o = node as JsonObject ?? throw ApiErrors.BadRequest("history must be an object {perThing, from, intervalSeconds, properties}");
        int perThing = Int(o, "perThing", 1, MaxPerThing, 1);
        string fromText = String(o, "from");
        DateTime from = DateTime.UtcNow.AddSeconds(-perThing * 60);
        if (fromText != null && !DateTime.TryParse(fromText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out from))
        {
            throw ApiErrors.BadRequest("history.from must be a date-time, such as 2024-01-01T00:00:00Z");
        }
        double interval = o["intervalSeconds"] is JsonValue iv && iv.TryGetValue(out double d) && d > 0 ? d : 60;
        if (o["properties"] is not JsonObject properties)
        {
            throw ApiErrors.BadRequest("history.properties must be an object template, such as {\"temperature\": \"{20 + j % 5}\"}");
        }
        return (perThing, from, interval, SeedTemplate.Compile(properties, "history.properties"));
    }

    private static (string Name, int PerThing, SeedTemplate Input, string Status)? ReadActions(JsonNode node)
    {
        if (node == null)
        {
            return null;
        }
        var o = node as JsonObject ?? throw ApiErrors.BadRequest("actions must be an object {name, perThing, input, status}");
        string name = String(o, "name");
        if (string.IsNullOrEmpty(name))
        {
            throw ApiErrors.BadRequest("actions.name is required");
        }
        int perThing = Int(o, "perThing", 1, MaxPerThing, 1);
        var input = o["input"] == null ? null : SeedTemplate.Compile(o["input"], "actions.input");
        return (name, perThing, input, String(o, "status"));
    }

    private static int Int(JsonObject o, string name, int min, int max, int fallback)
    {
        if (o[name] == null)
        {
            return fallback;
        }
        if (o[name] is JsonValue v && v.TryGetValue(out int n) && n >= min && n <= max)
        {
            return n;
        }
        throw ApiErrors.BadRequest($"{name} must be an integer between {min} and {max}");
    }

    private static string OptionalString(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string String(JsonObject body, string name)
    {
        var node = body[name];
        if (node == null)
        {
            return null;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }
        throw ApiErrors.BadRequest($"{name} must be a string");
    }
}
