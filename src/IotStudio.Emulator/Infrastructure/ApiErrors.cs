using System.Text.Json;
using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Infrastructure;

/// <summary>An API error; thrown anywhere in a handler, written by <see cref="ApiPipeline"/> as
/// <c>{"error":{"status":N,"message":"...","details":{...}}}</c>.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string message, JsonObject details = null) : base(message)
    {
        Status = status;
        Details = details;
    }

    public int Status { get; }

    public JsonObject Details { get; }
}

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

/// <summary>Small helpers to produce JSON bytes and write them.</summary>
public static class JsonOut
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 128 };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(w);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Bytes(JsonNode node) => Build(w => WriteNode(w, node));

    public static void WriteNode(Utf8JsonWriter w, JsonNode node)
    {
        if (node == null)
        {
            w.WriteNullValue();
        }
        else
        {
            node.WriteTo(w);
        }
    }

    public static Task WriteAsync(HttpContext ctx, int status, byte[] body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        return ctx.Response.Body.WriteAsync(body).AsTask();
    }

    public static Task WriteAsync(HttpContext ctx, int status, JsonNode node) => WriteAsync(ctx, status, Bytes(node));

    public static Task NoContent(HttpContext ctx)
    {
        ctx.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    /// <summary>RFC 3339 UTC with milliseconds, e.g. <c>2026-11-26T10:00:00.123Z</c>.</summary>
    public static string Timestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Now, truncated to whole milliseconds so that what we print is what we compare.</summary>
    public static DateTime Now()
    {
        var t = DateTime.UtcNow;
        return new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
