using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Endpoints;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Query;

/// <summary>
/// The <c>then</c> of a query cursor request: <c>{"op": "update"|"delete", "resource": "things"|"properties", "data": ...}</c>,
/// applied to every result that names a Thing of the space by its <c>uid</c>. <c>resource</c> defaults to <c>things</c>.
/// <list type="bullet">
/// <item>update things: <c>data</c> (an object) is written over each Thing's top-level fields (null removes one), checked as a PUT is;</item>
/// <item>update properties: <c>data</c> (an object) is merged into each Thing's property values, and into its history;</item>
/// <item>delete things: each Thing is deleted (<c>data</c> must be absent);</item>
/// <item>delete properties: the values named by <c>data</c> (a name or an array of names; absent: all) are removed.</item>
/// </list>
/// A result that is not an object with the <c>uid</c> of an existing Thing, or whose change is refused, counts as an error.
/// </summary>
public sealed class ThenOperation
{
    private ThenOperation(string op, string resource, JsonNode data)
    {
        Op = op;
        Resource = resource;
        Data = data;
    }

    public string Op { get; }

    public string Resource { get; }

    public JsonNode Data { get; }

    /// <summary>Reads and checks a <c>then</c> object; 400 for anything it cannot apply.</summary>
    public static ThenOperation Parse(JsonNode node)
    {
        if (node is not JsonObject o)
        {
            throw ApiErrors.BadRequest("then must be an object {op, resource, data}");
        }
        string op = Text(o, "op") ?? throw ApiErrors.BadRequest("then.op is required: update or delete");
        string resource = Text(o, "resource") ?? "things";
        if (op is not ("update" or "delete"))
        {
            throw ApiErrors.BadRequest($"then.op '{op}' is not supported: use update or delete", ApiErrors.Details("op", op));
        }
        if (resource is not ("things" or "properties"))
        {
            throw ApiErrors.BadRequest($"then.resource '{resource}' is not supported: use things or properties", ApiErrors.Details("resource", resource));
        }
        var data = o["data"];
        if (op == "update" && data is not JsonObject)
        {
            throw ApiErrors.BadRequest($"then.data must be an object of {(resource == "things" ? "Thing fields" : "property values")} to update");
        }
        if (op == "delete" && resource == "things" && data != null)
        {
            throw ApiErrors.BadRequest("then.data must be absent when deleting things");
        }
        if (op == "delete" && resource == "properties" && data != null && Kind(data) != JsonValueKind.String
            && !(data is JsonArray names && names.All(n => Kind(n) == JsonValueKind.String)))
        {
            throw ApiErrors.BadRequest("then.data must be a property name or an array of names when deleting properties");
        }
        return new ThenOperation(op, resource, data);
    }

    /// <summary>Applies the operation to each result; answers (applied, failed). Call under the space lock.</summary>
    public (long Success, long Errors) Apply(SpaceData space, IEnumerable<JsonNode> results)
    {
        long success = 0, errors = 0;
        foreach (var result in results)
        {
            var thing = result is JsonObject r && r["uid"] is JsonValue u && u.TryGetValue<string>(out var uid) ? space.FindThing(uid) : null;
            if (thing == null)
            {
                errors++;
                continue;
            }
            try
            {
                ApplyTo(space, thing);
                success++;
            }
            catch (ApiException)
            {
                errors++;
            }
        }
        return (success, errors);
    }

    private void ApplyTo(SpaceData space, ThingRecord thing)
    {
        var now = JsonOut.Now();
        switch (Op, Resource)
        {
            case ("delete", "things"):
                space.RemoveThing(thing);
                return;
            case ("update", "things"):
                var document = thing.Document(space.ThingIdPrefix, withCategories: true);
                foreach (var (key, value) in (JsonObject)Data)
                {
                    if (value == null)
                    {
                        document.Remove(key);
                    }
                    else
                    {
                        document[key] = value.DeepClone();
                    }
                }
                // Checked as a PUT is; a refused change leaves the Thing as it was.
                ThingEndpoints.Replace(space, thing, document, scoped: false, absentCategoriesMeanNone: false);
                return;
            case ("update", "properties"):
                var values = (JsonObject)Data;
                var status = thing.EnsureStatus();
                foreach (var (key, value) in values)
                {
                    status[key] = value?.DeepClone();
                }
                thing.AddHistory(now, (JsonObject)values.DeepClone());
                break;
            default:
                var current = thing.EnsureStatus();
                if (Data == null)
                {
                    current.Clear();
                }
                else
                {
                    foreach (var name in Data is JsonArray a ? a.Select(n => n.GetValue<string>()) : [Data.GetValue<string>()])
                    {
                        current.Remove(name);
                    }
                }
                break;
        }
        thing.Touch(now);
        space.Changed();
    }

    private static string Text(JsonObject o, string name)
    {
        var node = o[name];
        if (node == null)
        {
            return null;
        }
        if (Kind(node) != JsonValueKind.String)
        {
            throw ApiErrors.BadRequest($"then.{name} must be a string");
        }
        return node.GetValue<string>();
    }

    private static JsonValueKind Kind(JsonNode n) => n?.GetValueKind() ?? JsonValueKind.Null;
}
