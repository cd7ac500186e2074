using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>Helpers shared by the /spaces endpoint classes.</summary>
public static class Api
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    /// <summary>A route value (already percent-decoded), or null when the route has no such parameter.</summary>
    public static string Route(HttpContext ctx, string name) => ctx.Request.RouteValues[name] as string;

    /// <summary>The request body as JSON; 400 when empty or malformed.</summary>
    public static JsonNode ReadJson(HttpContext ctx)
    {
        var body = ApiPipeline.Body(ctx);
        if (body.Length == 0)
        {
            throw ApiErrors.BadRequest("a JSON request body is required");
        }
        try
        {
            var node = JsonNode.Parse(body, documentOptions: ParseOptions);
            if (node is JsonObject o)
            {
                _ = o.Count; // materialise now, so errors surface here
            }
            return node;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest("malformed JSON body: " + ex.Message);
        }
    }

    public static JsonObject ReadObject(HttpContext ctx) =>
        ReadJson(ctx) as JsonObject ?? throw ApiErrors.BadRequest("the request body must be a JSON object");

    /// <summary>
    /// A create or update document (Category, Model, Model version, Thing). Clients generated from the spec send every
    /// unset optional field as <c>null</c>, and the service treats <c>null</c> as not given: such fields are dropped here,
    /// at every depth, except inside <c>status</c>, where null is a property's value.
    /// </summary>
    public static JsonObject ReadDocument(HttpContext ctx)
    {
        var body = ReadObject(ctx);
        DropNulls(body);
        return body;
    }

    private static void DropNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value == null)
                    {
                        obj.Remove(key);
                    }
                    else if (key != "status")
                    {
                        DropNulls(value);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    DropNulls(item);
                }
                break;
        }
    }

    /// <summary>The <c>{id}</c> route value as an upper-case ULID; 400 when it is not a ULID.</summary>
    public static string ThingId(HttpContext ctx)
    {
        string raw = Route(ctx, "id");
        if (!Ulid.TryNormalize(raw, out var uid))
        {
            throw ApiErrors.BadRequest($"invalid thing id '{raw}': expected a ULID", ApiErrors.Details("thing_id", raw));
        }
        return uid;
    }

    /// <summary>404 unless the category exists (category-scoped routes).</summary>
    public static void RequireCategory(SpaceData space, string category)
    {
        if (category != null && !space.Categories.ContainsKey(category))
        {
            throw ApiErrors.NotFound($"category '{category}' not found", ApiErrors.Details("category", category));
        }
    }

    /// <summary>The Thing, checked against the scope category when there is one. Call under the space lock.</summary>
    public static ThingRecord FindThing(SpaceData space, string uid, string category)
    {
        RequireCategory(space, category);
        var t = space.FindThing(uid) ?? throw ApiErrors.NotFound($"thing '{uid}' not found", ApiErrors.Details("thing_id", uid));
        if (category != null && !t.InCategory(category))
        {
            throw ApiErrors.NotFound($"thing '{uid}' not found in category '{category}'",
                new JsonObject { ["thing_id"] = uid, ["category"] = category });
        }
        return t;
    }

    /// <summary><c>update_history</c>: absent or true → true; false → false; anything else → 400.</summary>
    public static bool UpdateHistory(HttpContext ctx)
    {
        var values = ctx.Request.Query["update_history"];
        if (values.Count == 0)
        {
            return true;
        }
        return ThingQuery.Bool("update_history", values.Count == 1 ? values[0] : values.ToString());
    }
}
