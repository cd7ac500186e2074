using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>Action requests of a Thing, plain and category-scoped (scope: thing). A request is created
/// <c>pending</c> with <c>{"&lt;name&gt;": {"input": ...}}</c> and answered 201; a device or back end reports with
/// PUT <c>{"&lt;name&gt;": {"status": ..., "output": ...}}</c>. Any action name is accepted, declared in the
/// Thing's <c>actions</c> or not.</summary>
public sealed class ActionEndpoints(EmulatorStore store, EmulatorOptions options)
{
    private const string Kind = "action";

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var root in new[] { ThingEndpoints.Plain, ThingEndpoints.Scoped })
        {
            app.MapPost(root + "/{id}/actions/{name}", Create).Operation(ApiOperationExtensions.Scoped(root, "CreateAction", "CreateActionFromCategory"));
            app.MapGet(root + "/{id}/actions", List).Operation(ApiOperationExtensions.Scoped(root, "ListActions", "ListActionsFromCategory"));
            app.MapGet(root + "/{id}/actions/{name}", List).Operation(ApiOperationExtensions.Scoped(root, "ListActionsByName", "ListActionsByNameFromCategory"));
            app.MapGet(root + "/{id}/actions/{name}/{itemId}", Get).Operation(ApiOperationExtensions.Scoped(root, "GetAction", "GetActionFromCategory"));
            app.MapPut(root + "/{id}/actions/{name}/{itemId}", Update).Operation(ApiOperationExtensions.Scoped(root, "UpdateAction", "UpdateActionFromCategory"));
            app.MapDelete(root + "/{id}/actions/{name}/{itemId}", Delete).Operation(ApiOperationExtensions.Scoped(root, "DeleteAction", "DeleteActionCategory"));
        }
    }

    private Task Create(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        var fields = Interaction.Body(ctx, name, Kind, "input");
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            var action = new ActionRecord(Ulid.NewUlid(), name, Interaction.Field(fields, "input"), JsonOut.Now());
            t.Activity.Actions.Add(action);
            json = action.Json(space.ThingIdPrefix, uid);
        }
        return JsonOut.WriteAsync(ctx, 201, json);
    }

    private Task List(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Api.Route(ctx, "name") == null ? null : Interaction.Name(ctx, Kind);
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            json = Interaction.Page(ctx, options, t.Activity.Actions, name, a => a.Json(space.ThingIdPrefix, uid));
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Get(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        string id = Interaction.ItemId(ctx, Kind);
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            json = Find(space, ctx, uid, name, id).Json(space.ThingIdPrefix, uid);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Update(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        string id = Interaction.ItemId(ctx, Kind);
        var fields = Interaction.Body(ctx, name, Kind, "status", "output");
        if (fields.Count == 0)
        {
            throw ApiErrors.BadRequest("nothing to update: give \"status\", \"output\" or both", ApiErrors.Details(Kind, name));
        }
        string status = null;
        if (fields.TryGetPropertyValue("status", out var statusNode))
        {
            string text = statusNode is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw ApiErrors.BadRequest("status must be a non-empty string", ApiErrors.Details("status", statusNode?.ToJsonString()));
            }
            status = text;
        }
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var action = Find(space, ctx, uid, name, id);
            if (status != null)
            {
                action.SetStatus(status, JsonOut.Now());
            }
            if (fields.ContainsKey("output"))
            {
                action.SetOutput(Interaction.Field(fields, "output"));
            }
            json = action.Json(space.ThingIdPrefix, uid);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Delete(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        string id = Interaction.ItemId(ctx, Kind);
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var action = Find(space, ctx, uid, name, id);
            ThingActivity.Remove(space.FindThing(uid).Activity.Actions, action);
        }
        return JsonOut.NoContent(ctx);
    }

    /// <summary>The action, after the Thing (and the scope Category) checks; 404 when any is missing.</summary>
    private static ActionRecord Find(SpaceData space, HttpContext ctx, string uid, string name, string id)
    {
        var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
        return ThingActivity.Find(t.Activity.Actions, id, name) ?? throw Interaction.NotFound(Kind, name, id, uid);
    }
}
