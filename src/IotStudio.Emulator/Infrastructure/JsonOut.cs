using System.Text.Json;
using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Infrastructure;

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
