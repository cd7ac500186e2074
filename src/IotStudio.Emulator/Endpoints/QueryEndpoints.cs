using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Query;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>
/// Query cursors (scope: query): <c>POST /spaces/{s}/query/cursor</c> runs a read-only AQL query (the subset in
/// <see cref="AqlParser"/>) over the space's things, categories and models and answers 201 with the first batch;
/// <c>POST /spaces/{s}/query/cursor/{id}</c> answers 200 with the next one, until <c>hasMore</c> is false. A cursor
/// lives <c>ttl</c> seconds (default 30) after its last read, and is gone once read to the end; then it is a 404.
/// </summary>
public sealed class QueryEndpoints(EmulatorStore store)
{
    /// <summary>ArangoDB's defaults, which the service's cursors follow.</summary>
    public const int DefaultBatchSize = 1000;
    public const int DefaultTtlSeconds = 30;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/spaces/{space}/query/cursor", Create).Operation("createQueryCursor");
        app.MapPost("/spaces/{space}/query/cursor/{cursor}", Next).Operation("modifyQueryCursorPost");
    }

    private Task Create(HttpContext ctx)
    {
        var body = Api.ReadObject(ctx);
        // Clients generated from the spec send unset fields as null: null is "not given".
        foreach (var key in body.Where(kv => kv.Value == null).Select(kv => kv.Key).ToList())
        {
            body.Remove(key);
        }
        if (!body.TryGetPropertyValue("query", out var queryNode) || Kind(queryNode) != JsonValueKind.String)
        {
            throw ApiErrors.BadRequest("query is required: a string holding an AQL query");
        }
        int batchSize = PositiveInt(body, "batchSize") ?? DefaultBatchSize;
        int ttl = PositiveInt(body, "ttl") ?? DefaultTtlSeconds;
        bool count = body["count"] is { } c && (Kind(c) == JsonValueKind.True || (Kind(c) == JsonValueKind.False ? false : throw ApiErrors.BadRequest("count must be a boolean")));
        var bind = BindVariables(body["bindVars"]);
        var then = body["then"] == null ? null : ThenOperation.Parse(body["then"]);
        var query = Parse(queryNode.GetValue<string>());

        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var now = store.Clock();
            foreach (var expired in space.Cursors.Values.Where(x => x.ExpiresAt <= now).Select(x => x.Id).ToList())
            {
                space.Cursors.Remove(expired);
            }
            var rows = query.Collection == null ? [] : QueryCollections.Rows(space, query.Collection);
            List<JsonNode> results;
            try
            {
                results = AqlEvaluator.Run(query, rows, bind);
            }
            catch (AqlException ex)
            {
                throw Refused(ex);
            }
            // The results are what the query read; a then changes the data after that.
            var serialized = results.Select(JsonOut.Bytes).ToList();
            (long, long)? applied = then?.Apply(space, results);
            var cursor = new QueryCursor
            {
                Id = Ulid.NewUlid(),
                Results = serialized,
                BatchSize = batchSize,
                Count = count ? serialized.Count : null,
                TimeToLive = TimeSpan.FromSeconds(ttl),
            };
            var batch = cursor.NextBatch(now);
            if (cursor.HasMore)
            {
                space.Cursors[cursor.Id] = cursor;
            }
            json = Answer(201, batch, cursor, applied);
        }
        return JsonOut.WriteAsync(ctx, 201, json);
    }

    private Task Next(HttpContext ctx)
    {
        string id = Api.Route(ctx, "cursor");
        ThenOperation then = null;
        if (ApiPipeline.Body(ctx).Length > 0 && Api.ReadObject(ctx)["then"] is { } thenNode)
        {
            then = ThenOperation.Parse(thenNode);
        }
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var now = store.Clock();
            if (!space.Cursors.TryGetValue(id, out var cursor) || cursor.ExpiresAt <= now)
            {
                space.Cursors.Remove(id);
                throw ApiErrors.NotFound($"cursor not found: '{id}' (it expired, was read to the end, or never existed)", ApiErrors.Details("cursor_id", id));
            }
            var batch = cursor.NextBatch(now);
            if (!cursor.HasMore)
            {
                space.Cursors.Remove(id);
            }
            (long, long)? applied = then?.Apply(space, batch.Select(b => JsonNode.Parse(b)).ToList());
            json = Answer(200, batch, cursor, applied);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    /// <summary>Expires every open cursor of every space now (the control API); answers how many.</summary>
    public static int ExpireAll(EmulatorStore store)
    {
        int n = 0;
        foreach (var space in store.Spaces())
        {
            lock (space.Sync)
            {
                n += space.Cursors.Count;
                space.Cursors.Clear();
            }
        }
        return n;
    }

    private static AqlQuery Parse(string text)
    {
        try
        {
            return AqlParser.Parse(text);
        }
        catch (AqlException ex)
        {
            throw Refused(ex);
        }
    }

    private static ApiException Refused(AqlException ex)
    {
        var details = new JsonObject
        {
            ["reason"] = ex.Kind switch
            {
                AqlErrorKind.ReadOnly => "read-only",
                AqlErrorKind.Unsupported => "unsupported",
                AqlErrorKind.Invalid => "invalid",
                _ => "syntax",
            },
        };
        if (ex.Line > 0)
        {
            details["line"] = ex.Line;
            details["column"] = ex.Column;
        }
        return ApiErrors.BadRequest(ex.Message, details);
    }

    /// <summary><c>bindVars</c>: an object, or (as the YAML types it) an array of objects whose variables are merged.</summary>
    private static Dictionary<string, JsonNode> BindVariables(JsonNode node)
    {
        var result = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        JsonNode[] parts = node switch
        {
            null => [],
            JsonObject o => [o],
            JsonArray a => a.ToArray(),
            _ => throw ApiErrors.BadRequest("bindVars must be an object, or an array of objects"),
        };
        foreach (var part in parts)
        {
            if (part is not JsonObject vars)
            {
                throw ApiErrors.BadRequest("bindVars must be an object, or an array of objects");
            }
            foreach (var (name, value) in vars)
            {
                if (!result.TryAdd(name, value))
                {
                    throw ApiErrors.BadRequest($"bind parameter '{name}' is given twice", ApiErrors.Details("bind_parameter", name));
                }
            }
        }
        return result;
    }

    private static int? PositiveInt(JsonObject body, string name)
    {
        var node = body[name];
        if (node == null)
        {
            return null;
        }
        if (Kind(node) == JsonValueKind.Number && node.AsValue().TryGetValue(out long v) && v >= 1 && v <= int.MaxValue)
        {
            return (int)v;
        }
        if (Kind(node) == JsonValueKind.Number && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && d >= 1 && d <= int.MaxValue && d == Math.Floor(d))
        {
            return (int)d;
        }
        throw ApiErrors.BadRequest($"{name} must be a whole number of 1 or more", ApiErrors.Details(name, node.ToJsonString()));
    }

    private static byte[] Answer(int code, List<byte[]> batch, QueryCursor cursor, (long Success, long Errors)? then) => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("result");
        w.WriteStartArray();
        foreach (var item in batch)
        {
            w.WriteRawValue(item, skipInputValidation: true);
        }
        w.WriteEndArray();
        w.WriteBoolean("hasMore", cursor.HasMore);
        if (cursor.HasMore)
        {
            w.WriteString("id", cursor.Id);
        }
        if (cursor.Count.HasValue)
        {
            w.WriteNumber("count", cursor.Count.Value);
        }
        w.WriteBoolean("cached", false);
        if (then.HasValue)
        {
            w.WritePropertyName("then");
            w.WriteStartObject();
            w.WriteNumber("success_count", then.Value.Success);
            w.WriteNumber("error_count", then.Value.Errors);
            w.WriteEndObject();
        }
        w.WriteBoolean("error", false);
        w.WriteNumber("code", code);
        w.WriteEndObject();
    });

    private static JsonValueKind Kind(JsonNode n) => n?.GetValueKind() ?? JsonValueKind.Null;
}
