using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>Events of a Thing, plain and category-scoped (scope: thing): recorded with
/// <c>{"&lt;name&gt;": {"data": ...}}</c> and answered 201, listed, read and deleted. Any event name is accepted,
/// declared in the Thing's <c>events</c> or not.</summary>
public sealed class EventEndpoints(EmulatorStore store, EmulatorOptions options) : InteractionEndpoints<EventRecord>(store, options)
{
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

    protected override string Kind => "event";

    protected override string CreateField => "data";

    protected override List<EventRecord> Records(ThingRecord thing) => thing.Activity.Events;

    protected override EventRecord NewRecord(string id, string name, JsonNode value, DateTime now) => new(id, name, value, now);

    protected override byte[] Json(EventRecord record, string thingIdPrefix, string uid) => record.Json(thingIdPrefix, uid);
}
