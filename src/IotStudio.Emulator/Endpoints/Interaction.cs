using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>What action and event routes share: the name from the route, the item id, the single-key body
/// <c>{"&lt;name&gt;": {...}}</c>, and list paging over one Thing's items.</summary>
public static class Interaction
{
    /// <summary>The <c>{name}</c> route value; 400 when it holds a control character. Any other name is
    /// accepted: the API does not require it to be declared in the Thing's affordances.</summary>
    public static string Name(HttpContext ctx, string kind)
    {
        string name = Api.Route(ctx, "name");
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsControl))
        {
            throw ApiErrors.BadRequest($"invalid {kind} name", ApiErrors.Details(kind, name));
        }
        return name;
    }

    /// <summary>The <c>{itemId}</c> route value as an upper-case ULID; 400 when it is not a ULID.</summary>
    public static string ItemId(HttpContext ctx, string kind)
    {
        string raw = Api.Route(ctx, "itemId");
        if (!Ulid.TryNormalize(raw, out var id))
        {
            throw ApiErrors.BadRequest($"invalid {kind} id '{raw}': expected a ULID", ApiErrors.Details(kind + "_id", raw));
        }
        return id;
    }

    /// <summary>The fields of <c>{"&lt;name&gt;": {fields}}</c>; 400 for another key, more keys, a value that is not
    /// an object, or a field outside <paramref name="allowed"/>.</summary>
    public static JsonObject Body(HttpContext ctx, string name, string kind, params string[] allowed)
    {
        string shape = $"{{\"{name}\": {{{string.Join(", ", allowed.Select(a => $"\"{a}\": ..."))}}}}}";
        var body = Api.ReadObject(ctx);
        if (body.Count != 1 || !body.ContainsKey(name))
        {
            throw ApiErrors.BadRequest($"the body must be a single-key map {shape}", ApiErrors.Details(kind, name));
        }
        if (body[name] is not JsonObject fields)
        {
            throw ApiErrors.BadRequest($"the value of '{name}' must be an object: {shape}", ApiErrors.Details(kind, name));
        }
        foreach (var kv in fields)
        {
            if (!allowed.Contains(kv.Key))
            {
                throw ApiErrors.BadRequest($"unknown field '{kv.Key}' in the {kind} body: {shape}", ApiErrors.Details("field", kv.Key));
            }
        }
        return fields;
    }

    /// <summary>A detached copy of a field's value (null when absent or JSON null).</summary>
    public static JsonNode Field(JsonObject fields, string key) => fields.TryGetPropertyValue(key, out var v) ? v?.DeepClone() : null;

    /// <summary>One page of a Thing's items (all, or those of one name) in id order, as the list envelope.</summary>
    public static byte[] Page<T>(HttpContext ctx, EmulatorOptions options, IReadOnlyList<T> items, string name, Func<T, byte[]> json)
        where T : class, IActivityRecord
    {
        var req = PageRequest.Parse(ctx, options, PageRequest.HashOf(ctx.Request.Path.Value ?? "", []));
        var page = Pager.ByKey(items, x => x.Id, x => name == null || x.Name == name, req);
        return Pager.ListBody(page.Items.Select(json).ToList(), page.Next, page.Previous);
    }

    public static ApiException NotFound(string kind, string name, string id, string uid) =>
        ApiErrors.NotFound($"{kind} '{name}/{id}' not found", new JsonObject { ["thing_id"] = uid, [kind] = name, [kind + "_id"] = id });
}
