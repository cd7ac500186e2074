using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>Property values (the Thing's <c>status</c> map), plain and category-scoped (scope: thing).
/// Updates answer 200 (the live service; the YAML says 201) and append to the in-memory history unless
/// <c>update_history=false</c>.</summary>
public sealed class PropertyEndpoints(EmulatorStore store)
{
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var root in new[] { ThingEndpoints.Plain, ThingEndpoints.Scoped })
        {
            app.MapGet(root + "/{id}/properties", GetAll).Operation(ApiOperationExtensions.Scoped(root, "ListProperties", "ListPropertiesFromCategory"));
            app.MapPut(root + "/{id}/properties", PutAll).Operation(ApiOperationExtensions.Scoped(root, "UpdateProperties", "UpdatePropertiesFromCategory"));
            app.MapGet(root + "/{id}/properties/{property}", GetOne).Operation(ApiOperationExtensions.Scoped(root, "GetProperty", "GetPropertyFromCategory"));
            app.MapPut(root + "/{id}/properties/{property}", PutOne).Operation(ApiOperationExtensions.Scoped(root, "UpdateProperty", "UpdatePropertyFromCategory"));
        }
    }

    private Task GetAll(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var status = Api.FindThing(space, uid, Api.Route(ctx, "category")).Status;
            json = status == null ? "{}"u8.ToArray() : JsonOut.Bytes(status);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task GetOne(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Api.Route(ctx, "property");
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var status = Api.FindThing(space, uid, Api.Route(ctx, "category")).Status;
            if (status == null || !status.TryGetPropertyValue(name, out var value))
            {
                throw ApiErrors.NotFound($"property '{name}' has no value", new JsonObject { ["thing_id"] = uid, ["property"] = name });
            }
            json = JsonOut.Build(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName(name);
                JsonOut.WriteNode(w, value);
                w.WriteEndObject();
            });
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task PutAll(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        bool history = Api.UpdateHistory(ctx);
        var values = Api.ReadObject(ctx);
        return Save(ctx, uid, values, history);
    }

    private Task PutOne(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Api.Route(ctx, "property");
        bool history = Api.UpdateHistory(ctx);
        var values = Api.ReadObject(ctx);
        if (values.Count != 1 || !values.ContainsKey(name))
        {
            throw ApiErrors.BadRequest($"the body must be {{\"{name}\": <value>}}", ApiErrors.Details("property", name));
        }
        return Save(ctx, uid, values, history);
    }

    /// <summary>Merges <paramref name="values"/> into the status map; answers the values now stored for those keys.</summary>
    private Task Save(HttpContext ctx, string uid, JsonObject values, bool history)
    {
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            var status = t.EnsureStatus();
            foreach (var kv in values)
            {
                status[kv.Key] = kv.Value?.DeepClone();
            }
            var now = JsonOut.Now();
            if (history && values.Count > 0)
            {
                t.AddHistory(now, (JsonObject)values.DeepClone());
            }
            t.Touch(now);
            space.Changed();
            json = JsonOut.Bytes(values);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }
}
