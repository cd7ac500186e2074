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
    public void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/_emulator");
        g.MapGet("/health", Safe(ctx => JsonOut.WriteAsync(ctx, 200, """{"status":"ok"}"""u8.ToArray())));
        g.MapGet("/requests", Safe(GetRequests));
        g.MapDelete("/requests", Safe(ctx => Count(ctx, "cleared", log.Clear())));
        g.MapPost("/seed", Safe(Seed));
        g.MapGet("/stats", Safe(Stats));
        g.MapGet("/faults", Safe(ctx => JsonOut.WriteAsync(ctx, 200, faults.Describe())));
        g.MapPost("/faults", Safe(SetFaults));
        g.MapDelete("/faults", Safe(ctx =>
        {
            faults.Clear();
            return JsonOut.WriteAsync(ctx, 200, faults.Describe());
        }));
        g.MapPost("/expire-tokens", Safe(ctx => Count(ctx, "expired", tokens.ExpireAll())));
        g.MapPost("/expire-cursors", Safe(ctx => Count(ctx, "expired", Endpoints.QueryEndpoints.ExpireAll(store))));
        g.MapGet("/tokens", Safe(ctx =>
        {
            var (issued, revoked, active) = tokens.Counts();
            return JsonOut.WriteAsync(ctx, 200, new JsonObject { ["issued"] = issued, ["revoked"] = revoked, ["active"] = active });
        }));
        g.MapGet("/outbox", Safe(ctx => JsonOut.WriteAsync(ctx, 200, outbox.ToJson(ctx.Request.Query["space"].FirstOrDefault()))));
        g.MapDelete("/outbox", Safe(ctx => Count(ctx, "cleared", outbox.Clear())));
        g.MapGet("/state", Safe(ctx => JsonOut.WriteAsync(ctx, 200, StateSnapshot.Export(store, outbox))));
        g.MapPut("/state", Safe(async ctx =>
        {
            StateSnapshot.Import(store, outbox, await ReadObjectAsync(ctx));
            await Stats(ctx);
        }));
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

    // What the emulator holds and what it costs: counts per space and the process's memory (after a full collection
    // when ?gc=true, so that memory per Thing can be measured).
    private Task Stats(HttpContext ctx)
    {
        if (string.Equals(ctx.Request.Query["gc"], "true", StringComparison.OrdinalIgnoreCase))
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var spaces = new JsonObject();
        long things = 0;
        foreach (var space in store.Spaces())
        {
            lock (space.Sync)
            {
                long history = 0, actions = 0, events = 0;
                foreach (var t in space.Things)
                {
                    history += t.HasHistory ? t.History.Count : 0;
                    if (t.HasActivity)
                    {
                        actions += t.Activity.Actions.Count;
                        events += t.Activity.Events.Count;
                    }
                }
                things += space.Things.Count;
                spaces[space.Name] = new JsonObject
                {
                    ["categories"] = space.Categories.Count,
                    ["models"] = space.Models.Count,
                    ["things"] = space.Things.Count,
                    ["history"] = history,
                    ["actions"] = actions,
                    ["events"] = events,
                };
            }
        }
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return JsonOut.WriteAsync(ctx, 200, new JsonObject
        {
            ["things"] = things,
            ["managedBytes"] = GC.GetTotalMemory(false),
            ["workingSetBytes"] = process.WorkingSet64,
            ["spaces"] = spaces,
        });
    }

    private async Task Seed(HttpContext ctx)
    {
        var body = await ReadObjectAsync(ctx);
        await JsonOut.WriteAsync(ctx, 200, new Seeder(store).Seed(body));
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
