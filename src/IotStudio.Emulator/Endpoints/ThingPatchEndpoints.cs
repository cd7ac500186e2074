using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>JSON Patch of Things: <c>PATCH .../things/{id}</c> (application/json-patch+json, RFC 6902 array,
/// 200 Thing) and the bulk <c>PATCH .../things</c> (<c>[{"id","patch"}]</c>, 207 multi-status).</summary>
public sealed class ThingPatchEndpoints(EmulatorStore store)
{
    public const string PatchMediaType = "application/json-patch+json";

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var root in new[] { ThingEndpoints.Plain, ThingEndpoints.Scoped })
        {
            app.MapMethods(root + "/{id}", ["PATCH"], PatchOne).Operation(ApiOperationExtensions.Scoped(root, "PatchThing", "PatchThingFromCategory"));
            app.MapMethods(root, ["PATCH"], PatchMany).Operation(ApiOperationExtensions.Scoped(root, "PatchThings", "PatchThingsFromCategory"));
        }
    }

    private Task PatchOne(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string contentType = ctx.Request.ContentType ?? "";
        if (!contentType.StartsWith(PatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(415, $"Content-Type must be {PatchMediaType}", ApiErrors.Details("content_type", contentType));
        }
        string category = Api.Route(ctx, "category");
        var ops = Api.ReadJson(ctx);
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, category);
            Apply(space, t, ops, category);
            json = t.Json(space.ThingIdPrefix, category == null);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task PatchMany(HttpContext ctx)
    {
        string category = Api.Route(ctx, "category");
        if (Api.ReadJson(ctx) is not JsonArray items)
        {
            throw ApiErrors.BadRequest("the body must be an array of {\"id\": \"<uid>\", \"patch\": [operations]}");
        }
        var space = store.Space(Api.Route(ctx, "space"));
        var errors = new List<int>();
        var results = new List<(int Status, byte[] Json)>();
        lock (space.Sync)
        {
            Api.RequireCategory(space, category);
            for (int i = 0; i < items.Count; i++)
            {
                try
                {
                    var item = items[i] as JsonObject ?? throw ApiErrors.BadRequest("each item must be an object {id, patch}");
                    string raw = item["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                    if (!Ulid.TryNormalize(raw, out var uid))
                    {
                        throw ApiErrors.BadRequest($"invalid thing id '{raw}': expected a ULID", ApiErrors.Details("thing_id", raw));
                    }
                    var t = Api.FindThing(space, uid, category);
                    Apply(space, t, item["patch"], category);
                    results.Add((200, t.Json(space.ThingIdPrefix, category == null)));
                }
                catch (ApiException ex)
                {
                    errors.Add(i);
                    results.Add((ex.Status, ApiErrors.Body(ex.Status, ex.Message, ex.Details)));
                }
            }
        }
        var body = JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("has_errors");
            w.WriteStartArray();
            foreach (var e in errors)
            {
                w.WriteNumberValue(e);
            }
            w.WriteEndArray();
            w.WritePropertyName("results");
            w.WriteStartArray();
            foreach (var (status, json) in results)
            {
                w.WriteStartObject();
                w.WriteNumber("status", status);
                w.WritePropertyName("response");
                w.WriteRawValue(json, skipInputValidation: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return JsonOut.WriteAsync(ctx, 207, body);
    }

    /// <summary>Patches a copy of the Thing's document; stores it only when every operation succeeded.</summary>
    private static void Apply(SpaceData space, ThingRecord t, JsonNode ops, string category)
    {
        if (ops is not JsonArray)
        {
            throw ApiErrors.BadRequest("a JSON Patch document must be an array of operations");
        }
        var doc = t.Document(space.ThingIdPrefix, category == null);
        if (JsonPatch.Apply(doc, ops) is not JsonObject patched)
        {
            throw ApiErrors.BadRequest("the patched Thing must be a JSON object");
        }
        ThingEndpoints.Replace(space, t, patched, scoped: category != null, absentCategoriesMeanNone: true);
    }
}
