using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>Validation of incoming Thing and Category documents. Unknown fields are kept as they are.</summary>
public static partial class ThingDocument
{
    private static readonly string[] ServerFields = ["uid", "id", "categories", "client_id", "created", "modified"];
    private static readonly string[] MapFields = ["status", "properties", "actions", "events"];

    [GeneratedRegex("^[a-zA-Z0-9_:-]{1,26}$")]
    private static partial Regex NameRegex();

    public static bool IsValidName(string name) => name != null && NameRegex().IsMatch(name);

    /// <summary>Strips server-managed fields from <paramref name="body"/> (which becomes the stored body),
    /// checks the types of the known fields, and returns the <c>categories</c> it named (null when absent).</summary>
    public static string[] Prepare(JsonObject body)
    {
        string[] categories = null;
        if (body.TryGetPropertyValue("categories", out var cats) && cats != null)
        {
            if (cats is not JsonArray arr || arr.Any(c => Kind(c) != JsonValueKind.String))
            {
                throw Invalid("categories", "an array of category names");
            }
            categories = arr.Select(c => c.GetValue<string>()).Distinct(StringComparer.Ordinal).ToArray();
        }
        foreach (var f in ServerFields)
        {
            body.Remove(f);
        }

        foreach (var f in new[] { "title", "description" })
        {
            if (body.TryGetPropertyValue(f, out var v) && v != null && Kind(v) != JsonValueKind.String)
            {
                throw Invalid(f, "a string");
            }
        }
        if (body.TryGetPropertyValue("@type", out var type) && type != null && Kind(type) != JsonValueKind.String
            && !(type is JsonArray ta && ta.All(x => Kind(x) == JsonValueKind.String)))
        {
            throw Invalid("@type", "a string or an array of strings");
        }
        if (body.TryGetPropertyValue("model", out var model) && model != null)
        {
            if (model is not JsonObject m
                || (m.TryGetPropertyValue("name", out var n) && n != null && Kind(n) != JsonValueKind.String)
                || (m.TryGetPropertyValue("version", out var ver) && ver != null && !IsInteger(ver)))
            {
                throw Invalid("model", "an object {name: string, version: integer}");
            }
        }
        foreach (var f in MapFields)
        {
            if (body.TryGetPropertyValue(f, out var v) && v is not JsonObject)
            {
                throw Invalid(f, "an object");
            }
        }
        if (body.TryGetPropertyValue("links", out var links)
            && (links is not JsonArray la || la.Any(l => l is not JsonObject)))
        {
            throw Invalid("links", "an array of link objects");
        }
        return categories;
    }

    /// <summary>Checks every named category exists (404 otherwise).</summary>
    public static void RequireCategories(SpaceData space, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!space.Categories.ContainsKey(name))
            {
                throw ApiErrors.NotFound($"category '{name}' not found", ApiErrors.Details("category", name));
            }
        }
    }

    /// <summary>A Category or Thing may only bind to a Model of its space: 400 naming the model otherwise
    /// (the API lists no status for this case). A binding without a name, or none, passes; the version number
    /// is not checked. Call under the space lock.</summary>
    public static void RequireModel(SpaceData space, JsonNode model)
    {
        if (model is JsonObject m && m["name"] is JsonValue n && n.TryGetValue<string>(out var name) && !space.Models.ContainsKey(name))
        {
            throw ApiErrors.BadRequest($"model '{name}' does not exist in space '{space.Name}'; create it first", ApiErrors.Details("model", name));
        }
    }

    /// <summary>Validates a Model create/update body; returns (name, description).</summary>
    public static (string Name, string Description) Model(JsonObject body)
    {
        if (!body.TryGetPropertyValue("name", out var n) || Kind(n) != JsonValueKind.String)
        {
            throw Invalid("name", "a string matching ^[a-zA-Z0-9_:-]{1,26}$");
        }
        string name = n.GetValue<string>();
        if (!IsValidName(name))
        {
            throw ApiErrors.BadRequest("invalid model name: it must match ^[a-zA-Z0-9_:-]{1,26}$", ApiErrors.Details("name", name));
        }
        return (name, OptionalString(body, "description"));
    }

    /// <summary>Validates a Model-version create body; returns (title, description, template). The template's
    /// affordance maps must be objects and its links an array of objects; other template keys are kept.</summary>
    public static (string Title, string Description, JsonObject Template) ModelVersion(JsonObject body)
    {
        string title = OptionalString(body, "title");
        string description = OptionalString(body, "description");
        JsonObject template = null;
        if (body.TryGetPropertyValue("template", out var t) && t != null)
        {
            template = t as JsonObject ?? throw Invalid("template", "an object {title, description, properties, actions, events, links}");
            foreach (var f in new[] { "title", "description" })
            {
                if (template.TryGetPropertyValue(f, out var v) && v != null && Kind(v) != JsonValueKind.String)
                {
                    throw Invalid("template." + f, "a string");
                }
            }
            foreach (var f in new[] { "properties", "actions", "events" })
            {
                if (template.TryGetPropertyValue(f, out var v) && v is not JsonObject)
                {
                    throw Invalid("template." + f, "an object");
                }
            }
            if (template.TryGetPropertyValue("links", out var links)
                && (links is not JsonArray la || la.Any(l => l is not JsonObject)))
            {
                throw Invalid("template.links", "an array of link objects");
            }
            template = (JsonObject)template.DeepClone();
        }
        return (title, description, template);
    }

    private static string OptionalString(JsonObject body, string field)
    {
        if (!body.TryGetPropertyValue(field, out var v) || v == null)
        {
            return null;
        }
        if (Kind(v) != JsonValueKind.String)
        {
            throw Invalid(field, "a string");
        }
        return v.GetValue<string>();
    }

    /// <summary>Validates a Category create/update body; returns (name, description, model).</summary>
    public static (string Name, string Description, JsonObject Model) Category(JsonObject body)
    {
        if (!body.TryGetPropertyValue("name", out var n) || Kind(n) != JsonValueKind.String)
        {
            throw Invalid("name", "a string matching ^[a-zA-Z0-9_:-]{1,26}$");
        }
        string name = n.GetValue<string>();
        if (!IsValidName(name))
        {
            throw ApiErrors.BadRequest("invalid category name: it must match ^[a-zA-Z0-9_:-]{1,26}$", ApiErrors.Details("name", name));
        }
        string description = null;
        if (body.TryGetPropertyValue("description", out var d) && d != null)
        {
            if (Kind(d) != JsonValueKind.String)
            {
                throw Invalid("description", "a string");
            }
            description = d.GetValue<string>();
        }
        JsonObject model = null;
        if (body.TryGetPropertyValue("model", out var m) && m != null)
        {
            if (m is not JsonObject mo || !mo.TryGetPropertyValue("name", out var mn) || Kind(mn) != JsonValueKind.String
                || (mo.TryGetPropertyValue("version", out var mv) && mv != null && !IsInteger(mv)))
            {
                throw Invalid("model", "null or an object {name: string, version?: integer}");
            }
            model = new JsonObject { ["name"] = mn.GetValue<string>() };
            if (mo["version"] is JsonNode version)
            {
                model["version"] = version.DeepClone();
            }
        }
        return (name, description, model);
    }

    public static JsonValueKind Kind(JsonNode node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool IsInteger(JsonNode node) =>
        Kind(node) == JsonValueKind.Number && long.TryParse(node.ToJsonString(), out _);

    private static ApiException Invalid(string field, string expected) =>
        ApiErrors.BadRequest($"invalid field '{field}': expected {expected}", ApiErrors.Details("field", field));
}
