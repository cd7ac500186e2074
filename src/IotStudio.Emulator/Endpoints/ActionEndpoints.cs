using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>Action requests of a Thing, plain and category-scoped (scope: thing). A request is created
/// <c>pending</c> with <c>{"&lt;name&gt;": {"input": ...}}</c> and answered 201; a device or back end reports with
/// PUT <c>{"&lt;name&gt;": {"status": ..., "output": ...}}</c>. Any action name is accepted, declared in the
/// Thing's <c>actions</c> or not.</summary>
public sealed class ActionEndpoints(EmulatorStore store, EmulatorOptions options) : InteractionEndpoints<ActionRecord>(store, options)
{
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

    protected override string Kind => "action";

    protected override string CreateField => "input";

    protected override List<ActionRecord> Records(ThingRecord thing) => thing.Activity.Actions;

    protected override ActionRecord NewRecord(string id, string name, JsonNode value, DateTime now) => new(id, name, value, now);

    protected override byte[] Json(ActionRecord record, string thingIdPrefix, string uid) => record.Json(thingIdPrefix, uid);

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
        var space = Store.Space(Api.Route(ctx, "space"));
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
}
