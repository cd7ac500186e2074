using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Contract;

/// <summary>
/// The strict mode (<c>--strict</c>): every answer of a /spaces route that declares its API operation is held back,
/// checked against the response schema the API description declares for that operation and status, and replaced by a
/// 500 naming the schema path when it does not match. Injected faults are passed through unchecked, on purpose.
/// </summary>
public sealed class StrictResponses(ApiContract contract, Control.FaultInjector faults)
{
    /// <summary>Answers that failed the check since start (the control API reports it).</summary>
    public int Violations => _violations;

    private int _violations;

    // The "offSpecNext" fault: the first string of the answer becomes a number, which no schema of this API allows.
    private static Span<byte> OffSpec(ReadOnlySpan<byte> json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json.ToArray());
        Bend(node);
        return System.Text.Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");

        static bool Bend(System.Text.Json.Nodes.JsonNode n)
        {
            switch (n)
            {
                case System.Text.Json.Nodes.JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        if (value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out _))
                        {
                            o[key] = 12345;
                            return true;
                        }
                        if (Bend(value))
                        {
                            return true;
                        }
                    }
                    return false;
                case System.Text.Json.Nodes.JsonArray a:
                    return a.Any(Bend);
                default:
                    return false;
            }
        }
    }

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!(ctx.Request.Path.Value ?? "").StartsWith("/spaces/", StringComparison.Ordinal))
        {
            await next(ctx);
            return;
        }
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = original;
        }
        // An injected fault is answered by the pipeline before routing, so it has no endpoint and is never checked.
        var operation = ctx.GetEndpoint()?.Metadata.GetMetadata<ApiOperation>();
        string problem = null;
        if (operation != null && !ctx.RequestAborted.IsCancellationRequested)
        {
            var answer = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (faults.TakeOffSpec())
            {
                answer = OffSpec(answer);
            }
            problem = contract.Validate(operation.OperationId, ctx.Response.StatusCode, answer);
        }
        if (problem == null)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, ctx.RequestAborted);
            return;
        }
        Interlocked.Increment(ref _violations);
        Console.Error.WriteLine($"emulator: strict: {ctx.Request.Method} {ctx.Request.Path}: {problem}");
        ctx.Response.Clear();
        var body = ApiErrors.Body(500, "strict mode: the emulator's answer does not match the API description: " + problem);
        ctx.Response.StatusCode = 500;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await original.WriteAsync(body, ctx.RequestAborted);
    }
}
