using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>Events of a Thing, plain and category-scoped (scope: thing): recorded with
/// <c>{"&lt;name&gt;": {"data": ...}}</c> and answered 201, listed, read and deleted. Any event name is accepted,
/// declared in the Thing's <c>events</c> or not.</summary>
public sealed class EventEndpoints(EmulatorStore store, EmulatorOptions options)
{
    private const string Kind = "event";

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var root in new[] { ThingEndpoints.Plain, ThingEndpoints.Scoped })
        {
            app.MapPost(root + "/{id}/events/{name}", Create).Operation(ApiOperationExtensions.Scoped(root, "CreateEvent", "CreateEventFromCategory"));
            app.MapGet(root + "/{id}/events", List).Operation(ApiOperationExtensions.Scoped(root, "ListEvents", "ListEventsFromCategory"));
            app.MapGet(root + "/{id}/events/{name}", List).Operation(ApiOperationExtensions.Scoped(root, "ListEventsByName", "ListEventsByNameFromCategory"));
            app.MapGet(root + "/{id}/events/{name}/{itemId}", Get).Operation(ApiOperationExtensions.Scoped(root, "GetEvent", "GetEventFromCategory"));
            app.MapDelete(root + "/{id}/events/{name}/{itemId}", Delete).Operation(ApiOperationExtensions.Scoped(root, "DeleteEvent", "DeleteEventCategory"));
        }
    }

    private Task Create(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        var fields = Interaction.Body(ctx, name, Kind, "data");
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            var ev = new EventRecord(Ulid.NewUlid(), name, Interaction.Field(fields, "data"), JsonOut.Now());
            t.Activity.Events.Add(ev);
            json = ev.Json(space.ThingIdPrefix, uid);
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
            json = Interaction.Page(ctx, options, t.Activity.Events, name, e => e.Json(space.ThingIdPrefix, uid));
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

    private Task Delete(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        string id = Interaction.ItemId(ctx, Kind);
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var ev = Find(space, ctx, uid, name, id);
            ThingActivity.Remove(space.FindThing(uid).Activity.Events, ev);
        }
        return JsonOut.NoContent(ctx);
    }

    /// <summary>The event, after the Thing (and the scope Category) checks; 404 when any is missing.</summary>
    private static EventRecord Find(SpaceData space, HttpContext ctx, string uid, string name, string id)
    {
        var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
        return ThingActivity.Find(t.Activity.Events, id, name) ?? throw Interaction.NotFound(Kind, name, id, uid);
    }
}
