using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>The routes actions and events share, over one kind of a Thing's records under
/// <c>/things/{id}/{kind}s/{name}[/{itemId}]</c>: create one with <c>{"&lt;name&gt;": {"&lt;field&gt;": ...}}</c>
/// (201), list all or one name's, read and delete one. Each kind maps its own routes and operations.</summary>
public abstract class InteractionEndpoints<TRecord>(EmulatorStore store, EmulatorOptions options)
    where TRecord : class, IActivityRecord
{
    /// <summary>The store, for the routes only one kind has.</summary>
    protected EmulatorStore Store { get; } = store;

    /// <summary>"action" or "event": the word in error messages and details.</summary>
    protected abstract string Kind { get; }

    /// <summary>The one field a create body may carry: "input" or "data".</summary>
    protected abstract string CreateField { get; }

    /// <summary>This kind's records of a Thing.</summary>
    protected abstract List<TRecord> Records(ThingRecord thing);

    /// <summary>A new record, from the create body's field (null when absent).</summary>
    protected abstract TRecord NewRecord(string id, string name, JsonNode value, DateTime now);

    /// <summary>The record as the API answers it.</summary>
    protected abstract byte[] Json(TRecord record, string thingIdPrefix, string uid);

    protected Task Create(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        var fields = Interaction.Body(ctx, name, Kind, CreateField);
        var space = Store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            var record = NewRecord(Ulid.NewUlid(), name, Interaction.Field(fields, CreateField), JsonOut.Now());
            Records(t).Add(record);
            json = Json(record, space.ThingIdPrefix, uid);
        }
        return JsonOut.WriteAsync(ctx, 201, json);
    }

    protected Task List(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Api.Route(ctx, "name") == null ? null : Interaction.Name(ctx, Kind);
        var space = Store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            json = Interaction.Page(ctx, options, Records(t), name, r => Json(r, space.ThingIdPrefix, uid));
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    protected Task Get(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        string id = Interaction.ItemId(ctx, Kind);
        var space = Store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            json = Json(Find(space, ctx, uid, name, id), space.ThingIdPrefix, uid);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    protected Task Delete(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string name = Interaction.Name(ctx, Kind);
        string id = Interaction.ItemId(ctx, Kind);
        var space = Store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var record = Find(space, ctx, uid, name, id);
            ThingActivity.Remove(Records(space.FindThing(uid)), record);
        }
        return JsonOut.NoContent(ctx);
    }

    /// <summary>The record, after the Thing (and the scope Category) checks; 404 when any is missing.
    /// Use under the space's lock.</summary>
    protected TRecord Find(SpaceData space, HttpContext ctx, string uid, string name, string id)
    {
        var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
        return ThingActivity.Find(Records(t), id, name) ?? throw Interaction.NotFound(Kind, name, id, uid);
    }
}
