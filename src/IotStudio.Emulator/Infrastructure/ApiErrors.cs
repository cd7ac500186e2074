using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Infrastructure;

public static class ApiErrors
{
    public static ApiException BadRequest(string message, JsonObject details = null) => new(400, message, details);

    public static ApiException NotFound(string message, JsonObject details = null) => new(404, message, details);

    public static ApiException Conflict(string message, JsonObject details = null) => new(409, message, details);

    public static JsonObject Details(string key, string value) => new() { [key] = value };

    public static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };

    /// <summary>The UTF-8 body of an API error.</summary>
    public static byte[] Body(int status, string message, JsonObject details = null)
    {
        return JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("error");
            w.WriteStartObject();
            w.WriteNumber("status", status);
            w.WriteString("message", message ?? ReasonPhrase(status));
            if (details != null)
            {
                w.WritePropertyName("details");
                details.WriteTo(w);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public static Task WriteAsync(HttpContext ctx, int status, string message, JsonObject details = null)
    {
        return JsonOut.WriteAsync(ctx, status, Body(status, message, details));
    }

    /// <summary>OAuth2-style error (<c>{error, error_description}</c>), used by /oauth2 only.</summary>
    public static Task WriteOAuthAsync(HttpContext ctx, int status, string error, string description)
    {
        ctx.Response.Headers.CacheControl = "no-store";
        var body = JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });
        return JsonOut.WriteAsync(ctx, status, body);
    }
}
