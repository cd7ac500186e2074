using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>A Thing's properties history, plain and category-scoped (scope: thing), for all properties
/// (<c>.../properties-history</c>) or one (<c>.../properties-history/{property}</c>). It holds what property updates
/// recorded (unless <c>update_history=false</c>) and what POST adds. Lists page by key in time order, then property
/// name; <c>group=true</c> gives one item per time. A POST holding a value already recorded (same property, same
/// millisecond, also twice in one request) is refused whole with 409. DELETE needs <c>at</c> and answers 204.</summary>
public sealed class PropertyHistoryEndpoints(EmulatorStore store, EmulatorOptions options)
{
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var root in new[] { ThingEndpoints.Plain, ThingEndpoints.Scoped })
        {
            string all = root + "/{id}/properties-history";
            string one = all + "/{property}";
            app.MapPost(all, Create).Operation(ApiOperationExtensions.Scoped(root, "CreatePropertiesHistoryValues", "CreateCategoryPropertiesHistoryValues"));
            app.MapGet(all, List).Operation(ApiOperationExtensions.Scoped(root, "ListPropertiesHistoryValues", "ListCategoryPropertiesHistoryValues"));
            app.MapDelete(all, Delete).Operation(ApiOperationExtensions.Scoped(root, "DeletePropertiesHistoryValues", "DeleteCategoryPropertiesHistoryValues"));
            app.MapPost(one, Create).Operation(ApiOperationExtensions.Scoped(root, "CreatePropertyHistoryValues", "CreateCategoryPropertyHistoryValues"));
            app.MapGet(one, List).Operation(ApiOperationExtensions.Scoped(root, "ListPropertyHistoryValues", "ListCategoryPropertyHistoryValues"));
            app.MapDelete(one, Delete).Operation(ApiOperationExtensions.Scoped(root, "DeletePropertyHistoryValues", "DeleteCategoryPropertyHistoryValues"));
        }
    }

    private Task Create(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string only = Property(ctx);
        var entries = ReadEntries(ctx, only);
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            // All or nothing: the first value already there (or given twice) refuses the request.
            var seen = new HashSet<(long, string)>();
            foreach (var (ticks, properties) in entries)
            {
                foreach (var kv in properties)
                {
                    if (!seen.Add((ticks, kv.Key)) || (t.HasHistory && t.History.Has(ticks, kv.Key)))
                    {
                        string at = PropertyHistory.Format(ticks);
                        throw ApiErrors.Conflict($"a value of property '{kv.Key}' at {at} already exists",
                            new JsonObject { ["thing_id"] = uid, ["property"] = kv.Key, ["at"] = at });
                    }
                }
            }
            foreach (var (ticks, properties) in entries)
            {
                foreach (var kv in properties)
                {
                    t.History.Add(ticks, kv.Key, kv.Value?.DeepClone());
                }
            }
        }
        var answer = new JsonArray();
        foreach (var (ticks, properties) in entries)
        {
            answer.Add(new JsonObject { ["at"] = PropertyHistory.Format(ticks), ["properties"] = properties.DeepClone() });
        }
        return JsonOut.WriteAsync(ctx, 201, answer);
    }

    private Task List(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string only = Property(ctx);
        var at = At(ctx, required: false);
        var names = only != null ? new HashSet<string>(StringComparer.Ordinal) { only } : Names(ctx);
        bool group = only == null && Group(ctx);
        var q = ctx.Request.Query;
        var hashParts = new List<string> { q["at"].ToString(), group ? "group" : "" };
        hashParts.AddRange(names.Order(StringComparer.Ordinal));
        var req = PageRequest.Parse(ctx, options, PageRequest.HashOf(ctx.Request.Path.Value ?? "", hashParts));
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            var values = t.HasHistory ? t.History.Values(at, names) : [];
            if (group)
            {
                var points = values.GroupBy(v => v.Ticks).Select(g => (Ticks: g.Key, Values: g.ToList())).ToList();
                var page = Pager.ByKey(points, p => PropertyHistory.Key(p.Ticks), _ => true, req);
                json = Pager.ListBody(page.Items.Select(p => Item(p.Ticks, p.Values)).ToList(), page.Next, page.Previous);
            }
            else
            {
                var page = Pager.ByKey(values, PropertyHistory.Key, _ => true, req);
                json = Pager.ListBody(page.Items.Select(v => Item(v.Ticks, [v])).ToList(), page.Next, page.Previous);
            }
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Delete(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string only = Property(ctx);
        var at = At(ctx, required: true);
        var names = only != null ? new HashSet<string>(StringComparer.Ordinal) { only } : Names(ctx);
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            if (t.HasHistory)
            {
                t.History.Remove(at, names);
            }
        }
        return JsonOut.NoContent(ctx);
    }

    /// <summary>The <c>{property}</c> route value, or null on the all-properties routes.</summary>
    private static string Property(HttpContext ctx)
    {
        string name = Api.Route(ctx, "property");
        if (name != null && (name.Length == 0 || name.Any(char.IsControl)))
        {
            throw ApiErrors.BadRequest("invalid property name", ApiErrors.Details("property", name));
        }
        return name;
    }

    private static HistoryAt At(HttpContext ctx, bool required)
    {
        var values = ctx.Request.Query["at"];
        if (values.Count == 0)
        {
            return required ? throw ApiErrors.BadRequest("at is required: give the time or the range from|to of the values to delete") : null;
        }
        if (values.Count > 1)
        {
            throw ApiErrors.BadRequest("at given more than once");
        }
        return HistoryAt.Parse(values[0]);
    }

    private static HashSet<string> Names(HttpContext ctx)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in ctx.Request.Query["property_name[]"])
        {
            if (string.IsNullOrEmpty(name))
            {
                throw ApiErrors.BadRequest("property_name[] must not be empty");
            }
            set.Add(name);
        }
        return set;
    }

    private static bool Group(HttpContext ctx)
    {
        var values = ctx.Request.Query["group"];
        return values.Count != 0 && ThingQuery.Bool("group", values.Count == 1 ? values[0] : values.ToString());
    }

    /// <summary>The body: one <c>{at, properties}</c> or an array of them; with <paramref name="only"/>, each entry holds
    /// that property alone. 400 for anything else.</summary>
    private static List<(long Ticks, JsonObject Properties)> ReadEntries(HttpContext ctx, string only)
    {
        var body = Api.ReadJson(ctx);
        var items = body switch
        {
            JsonObject o => [o],
            JsonArray a => a.Select(n => n as JsonObject ?? throw ApiErrors.BadRequest("each history entry must be an object {at, properties}")).ToList(),
            _ => throw ApiErrors.BadRequest("the body must be {\"at\": ..., \"properties\": {...}} or an array of them"),
        };
        if (items.Count == 0)
        {
            throw ApiErrors.BadRequest("no history entries were given");
        }
        var entries = new List<(long, JsonObject)>(items.Count);
        foreach (var item in items)
        {
            string text = item["at"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
            if (text == null || !HistoryAt.TryDateTime(text, out var at))
            {
                throw ApiErrors.BadRequest($"each history entry needs 'at', a date-time (got {item["at"]?.ToJsonString() ?? "nothing"})", ApiErrors.Details("at", text));
            }
            if (item["properties"] is not JsonObject properties || properties.Count == 0)
            {
                throw ApiErrors.BadRequest($"the history entry at {text} needs 'properties', a map of property names to values", ApiErrors.Details("at", text));
            }
            if (only != null && (properties.Count != 1 || !properties.ContainsKey(only)))
            {
                throw ApiErrors.BadRequest($"on .../properties-history/{only} each entry's properties must hold '{only}' alone", ApiErrors.Details("property", only));
            }
            entries.Add((PropertyHistory.Truncate(at), properties));
        }
        return entries;
    }

    private static byte[] Item(long ticks, List<HistoryValue> values) => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("at", PropertyHistory.Format(ticks));
        w.WritePropertyName("properties");
        w.WriteStartObject();
        foreach (var v in values)
        {
            w.WritePropertyName(v.Name);
            JsonOut.WriteNode(w, v.Value);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
