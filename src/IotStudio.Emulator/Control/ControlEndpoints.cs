using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Auth;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Control;

/// <summary>Test-control endpoints under /_emulator: no auth, never logged, never faulted.</summary>
public sealed class ControlEndpoints(EmulatorStore store, RequestLog log, FaultInjector faults, TokenStore tokens, EmailOutbox outbox)
{
    public const int MaxSeedCount = 2_000_000;

    public void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/_emulator");
        g.MapGet("/health", Safe(ctx => JsonOut.WriteAsync(ctx, 200, """{"status":"ok"}"""u8.ToArray())));
        g.MapGet("/requests", Safe(GetRequests));
        g.MapDelete("/requests", Safe(ctx => Count(ctx, "cleared", log.Clear())));
        g.MapPost("/seed", Safe(Seed));
        g.MapGet("/faults", Safe(ctx => JsonOut.WriteAsync(ctx, 200, faults.Describe())));
        g.MapPost("/faults", Safe(SetFaults));
        g.MapDelete("/faults", Safe(ctx =>
        {
            faults.Clear();
            return JsonOut.WriteAsync(ctx, 200, faults.Describe());
        }));
        g.MapPost("/expire-tokens", Safe(ctx => Count(ctx, "expired", tokens.ExpireAll())));
        g.MapGet("/tokens", Safe(ctx =>
        {
            var (issued, revoked, active) = tokens.Counts();
            return JsonOut.WriteAsync(ctx, 200, new JsonObject { ["issued"] = issued, ["revoked"] = revoked, ["active"] = active });
        }));
        g.MapGet("/outbox", Safe(ctx => JsonOut.WriteAsync(ctx, 200, outbox.ToJson(ctx.Request.Query["space"].FirstOrDefault()))));
        g.MapDelete("/outbox", Safe(ctx => Count(ctx, "cleared", outbox.Clear())));
        g.MapPost("/reset", Safe(ctx =>
        {
            store.Reset();
            outbox.Clear();
            log.Clear();
            faults.Clear();
            tokens.ResetCounters();
            return JsonOut.WriteAsync(ctx, 200, """{"reset":true}"""u8.ToArray());
        }));
        g.MapFallback(Safe(ctx => throw ApiErrors.NotFound($"no such control endpoint: {ctx.Request.Method} {ctx.Request.Path}")));
    }

    private static RequestDelegate Safe(Func<HttpContext, Task> handler) => async ctx =>
    {
        try
        {
            await handler(ctx);
        }
        catch (ApiException ex) when (!ctx.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(ctx, ex.Status, ex.Message, ex.Details);
        }
    };

    private static Task Count(HttpContext ctx, string name, long n) =>
        JsonOut.WriteAsync(ctx, 200, new JsonObject { [name] = n });

    private Task GetRequests(HttpContext ctx)
    {
        long since = 0;
        string text = ctx.Request.Query["since"];
        if (text != null && (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out since)))
        {
            throw ApiErrors.BadRequest("since must be a non-negative integer");
        }
        return JsonOut.WriteAsync(ctx, 200, log.ToJson(since));
    }

    private async Task SetFaults(HttpContext ctx)
    {
        faults.Merge(await ReadObjectAsync(ctx));
        await JsonOut.WriteAsync(ctx, 200, faults.Describe());
    }

    private async Task Seed(HttpContext ctx)
    {
        var body = await ReadObjectAsync(ctx);
        string spaceName = String(body, "space") ?? throw ApiErrors.BadRequest("space is required");
        if (spaceName.Length == 0)
        {
            throw ApiErrors.BadRequest("space is required");
        }
        int count = body["count"] is JsonValue cv && cv.GetValueKind() == JsonValueKind.Number && cv.TryGetValue(out int c) ? c : -1;
        if (count < 0 || count > MaxSeedCount)
        {
            throw ApiErrors.BadRequest($"count must be an integer between 0 and {MaxSeedCount}");
        }
        string category = String(body, "category");
        if (category != null && !ThingDocument.IsValidName(category))
        {
            throw ApiErrors.BadRequest("invalid category name: it must match ^[a-zA-Z0-9_:-]{1,26}$");
        }
        string prefix = String(body, "titlePrefix") ?? "Thing";
        var status = body["status"];
        if (status != null && status is not JsonObject)
        {
            throw ApiErrors.BadRequest("status must be an object");
        }

        if (status is JsonObject statusTemplate)
        {
            _ = statusTemplate.Count; // materialise once, so clones are ready-made objects rather than lazy parses
        }
        // "thing": a Thing Description template with per-Thing values ({i}, {i % 40}, ...), compiled once.
        SeedTemplate template = null;
        if (body["thing"] is { } thingTemplate)
        {
            if (thingTemplate is not JsonObject)
            {
                throw ApiErrors.BadRequest("thing must be an object (a Thing Description template)");
            }
            template = SeedTemplate.Compile(thingTemplate, "thing");
            // Check the template's shape once, on its first instance, with the rules of a created Thing.
            ThingDocument.Prepare((JsonObject)template.For(1));
        }

        var space = store.Space(spaceName);
        string first = null, last = null;
        lock (space.Sync)
        {
            var now = JsonOut.Now();
            string[] categories = [];
            if (category != null)
            {
                if (!space.Categories.ContainsKey(category))
                {
                    var cat = new CategoryRecord { Name = category, Description = "", Created = now, Modified = now };
                    space.CategoryList.Add(cat);
                    space.Categories[category] = cat;
                }
                categories = [category];
            }
            if (template != null)
            {
                ThingDocument.RequireCategories(space, ThingDocument.Prepare((JsonObject)template.For(1)) ?? []);
            }
            var uids = Ulid.NewUlids(count);
            var records = new ThingRecord[count];
            for (int i = 0; i < count; i++)
            {
                var thing = template == null
                    ? new JsonObject { ["title"] = prefix + "-" + (i + 1).ToString(CultureInfo.InvariantCulture) }
                    : (JsonObject)template.For(i + 1);
                if (status != null)
                {
                    thing["status"] = status.DeepClone();
                }
                var own = template == null ? null : ThingDocument.Prepare(thing);
                records[i] = new ThingRecord(uids[i], thing, own == null ? categories : [.. categories.Union(own, StringComparer.Ordinal)], now);
            }
            space.AddThings(records);
            if (count > 0)
            {
                first = uids[0];
                last = uids[^1];
            }
        }
        await JsonOut.WriteAsync(ctx, 200, new JsonObject { ["count"] = count, ["first"] = first, ["last"] = last });
    }

    private static string String(JsonObject body, string name)
    {
        var node = body[name];
        if (node == null)
        {
            return null;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }
        throw ApiErrors.BadRequest($"{name} must be a string");
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext ctx)
    {
        try
        {
            var node = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            if (node is JsonObject o)
            {
                _ = o.Count;
                return o;
            }
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest("malformed JSON body: " + ex.Message);
        }
        throw ApiErrors.BadRequest("the request body must be a JSON object");
    }
}
