using System.Text;
using IotStudio.Emulator.Auth;
using IotStudio.Emulator.Control;

namespace IotStudio.Emulator.Infrastructure;

/// <summary>Middleware for API requests (/spaces/*, /oauth2/*): buffers the body, logs the request,
/// injects faults (decided before anything else, so a faulted request changes no state), authenticates
/// /spaces requests, and turns exceptions and bare 404/405 answers into API error bodies.
/// Everything else (/_emulator/*) passes straight through: never logged, never faulted.</summary>
public sealed class ApiPipeline(RequestLog log, FaultInjector faults, TokenStore tokens)
{
    private const string BodyKey = "IotStudio.Emulator.Body";

    /// <summary>The buffered request body (empty array when none).</summary>
    public static byte[] Body(HttpContext ctx) => ctx.Items[BodyKey] as byte[] ?? [];

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        string path = ctx.Request.Path.Value ?? "/";
        bool spaces = IsUnder(path, "/spaces");
        bool oauth = IsUnder(path, "/oauth2");
        if (!spaces && !oauth)
        {
            await next(ctx);
            return;
        }

        int status = 0;
        RequestLogEntry entry = null;
        try
        {
            byte[] body = await ReadBodyAsync(ctx);
            ctx.Items[BodyKey] = body;
            string auth = ctx.Request.Headers.Authorization.ToString();
            bool hasAuth = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
            string logBody = spaces && body.Length > 0
                ? Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, RequestLog.MaxBodyBytes))
                : null;
            string query = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value[1..] : "";
            entry = log.Begin(ctx.Request.Method, path, query, hasAuth, logBody);
            var logged = entry;
            // Noted before the headers leave, so a client can never send a request "after" an answer the log has not seen.
            ctx.Response.OnStarting(() =>
            {
                log.Answering(logged);
                return Task.CompletedTask;
            });

            var fault = faults.Decide(auth, spaces);
            if (fault.LatencyMs > 0)
            {
                await Task.Delay(fault.LatencyMs, ctx.RequestAborted);
            }
            if (fault.Kind != FaultKind.None)
            {
                status = await ApplyFaultAsync(ctx, fault);
                return;
            }
            if (spaces && !await AuthorizeAsync(ctx, path))
            {
                status = ctx.Response.StatusCode;
                return;
            }

            try
            {
                await next(ctx);
            }
            catch (ApiException ex) when (!ctx.Response.HasStarted)
            {
                ctx.Response.Clear();
                await ApiErrors.WriteAsync(ctx, ex.Status, ex.Message, ex.Details);
            }
            int sc = ctx.Response.StatusCode;
            // Only a bare 404/405 from routing gets a body here: an answer already written (also one held back by the
            // strict mode, which has not "started") carries a Content-Length.
            if (spaces && !ctx.Response.HasStarted && ctx.Response.ContentLength == null && (sc == 404 || sc == 405))
            {
                await ApiErrors.WriteAsync(ctx, sc, sc == 404 ? $"no such resource: {path}" : $"method {ctx.Request.Method} not allowed on {path}");
            }
            status = ctx.Response.StatusCode;
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            status = 0;
        }
        catch (BadHttpRequestException ex) when (!ctx.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(ctx, ex.StatusCode, ex.Message);
            status = ex.StatusCode;
        }
        catch (Exception ex) when (!ctx.Response.HasStarted)
        {
            Console.Error.WriteLine($"emulator: unhandled error on {ctx.Request.Method} {path}: {ex}");
            ctx.Response.Clear();
            await ApiErrors.WriteAsync(ctx, 500, "internal emulator error: " + ex.Message);
            status = 500;
        }
        finally
        {
            if (entry != null)
            {
                log.Complete(entry, status);
            }
        }
    }

    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/');

    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        long? length = ctx.Request.ContentLength;
        if (length == 0)
        {
            return [];
        }
        using var ms = new MemoryStream(length is > 0 and < int.MaxValue ? (int)length.Value : 256);
        await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
        return ms.ToArray();
    }

    private async Task<bool> AuthorizeAsync(HttpContext ctx, string path)
    {
        string header = ctx.Request.Headers.Authorization.ToString();
        string token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        string problem = null;
        TokenInfo info = null;
        if (string.IsNullOrEmpty(token))
        {
            problem = "missing bearer token";
        }
        else
        {
            problem = tokens.Validate(token, out info) switch
            {
                TokenState.Valid => null,
                TokenState.Expired => "token expired",
                TokenState.Revoked => "token revoked",
                _ => "invalid token",
            };
        }
        if (problem != null)
        {
            ctx.Response.Headers.WWWAuthenticate = token == null
                ? "Bearer realm=\"anythingdb\""
                : "Bearer realm=\"anythingdb\", error=\"invalid_token\"";
            await ApiErrors.WriteAsync(ctx, 401, problem);
            return false;
        }
        string scope = RequiredScope(path);
        if (scope != null && !TokenStore.HasScope(info, scope))
        {
            ctx.Response.Headers.WWWAuthenticate = $"Bearer realm=\"anythingdb\", error=\"insufficient_scope\", scope=\"{scope}\"";
            await ApiErrors.WriteAsync(ctx, 403, $"token lacks scope '{scope}'", ApiErrors.Details("required_scope", scope));
            return false;
        }
        return true;
    }

    /// <summary>The OAuth2 scope a /spaces path needs: categories (and a Category's own MQTT credentials) → category,
    /// models → model, query → query, everything about Things (also under a category, MQTT credentials included) →
    /// thing; communications (email) → none, any valid token (the API description names no scope for it).</summary>
    public static string RequiredScope(string path)
    {
        var seg = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string area = seg.Length > 2 ? seg[2] : "";
        return area switch
        {
            "categories" when seg.Length <= 4 || seg[4] != "things" => "category",
            "models" => "model",
            "query" => "query",
            "communications" => null,
            _ => "thing",
        };
    }

    private static async Task<int> ApplyFaultAsync(HttpContext ctx, FaultDecision fault)
    {
        var response = ctx.Response;
        switch (fault.Kind)
        {
            case FaultKind.Throttle:
            case FaultKind.RateLimit:
            case FaultKind.Fail:
                if (fault.RetryAfter != null)
                {
                    response.Headers.RetryAfter = fault.RetryAfter;
                }
                string message = fault.Kind switch
                {
                    FaultKind.Throttle => "too many requests (emulated throttling)",
                    FaultKind.RateLimit => "too many requests: over the rate limit of this client (emulated)",
                    _ => $"{ApiErrors.ReasonPhrase(fault.Status)} (emulated failure)",
                };
                await ApiErrors.WriteAsync(ctx, fault.Status, message);
                return fault.Status;
            case FaultKind.Html502:
                var html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"u8.ToArray();
                response.StatusCode = 502;
                response.ContentType = "text/html";
                response.ContentLength = html.Length;
                await response.Body.WriteAsync(html);
                return 502;
            default:
                // Drop: 200 headers and the start of a body, then the connection is aborted.
                var partial = "{\"data\":[{\"uid\":\"01"u8.ToArray();
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = 4096;
                await response.Body.WriteAsync(partial);
                await response.Body.FlushAsync();
                await Task.Delay(20);
                ctx.Abort();
                return 0;
        }
    }
}
