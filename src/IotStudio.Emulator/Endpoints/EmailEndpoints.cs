using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary><c>POST /spaces/{space}/communications/email</c> (any valid token): a message of at most
/// <c>--max-email-bytes</c> (413 beyond), with <c>to</c> (required, at least one) and optional <c>cc</c>, <c>bcc</c>
/// (arrays of plain addresses), <c>subject</c> and <c>body</c> <c>{html, text}</c>; answered 202 with no body and kept in
/// the outbox (<c>/_emulator/outbox</c>). Nothing is delivered.</summary>
public sealed class EmailEndpoints(EmailOutbox outbox, EmulatorOptions options)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/spaces/{space}/communications/email", Send).Operation("SendEmail");
    }

    private Task Send(HttpContext ctx)
    {
        int size = ApiPipeline.Body(ctx).Length;
        if (size > options.MaxEmailBytes)
        {
            throw new ApiException(413,
                string.Format(CultureInfo.InvariantCulture, "the message is {0:N0} bytes; at most {1:N0} bytes are accepted", size, options.MaxEmailBytes),
                new JsonObject { ["size"] = size, ["limit"] = options.MaxEmailBytes });
        }
        var email = Api.ReadObject(ctx);
        foreach (var key in email.Where(kv => kv.Value == null).Select(kv => kv.Key).ToList())
        {
            email.Remove(key);
        }
        if (Addresses(email, "to") is not { Count: > 0 })
        {
            throw ApiErrors.BadRequest("to is required: at least one recipient", ApiErrors.Details("field", "to"));
        }
        Addresses(email, "cc");
        Addresses(email, "bcc");
        if (email["subject"] is { } subject && subject.GetValueKind() != JsonValueKind.String)
        {
            throw ApiErrors.BadRequest("subject must be a string", ApiErrors.Details("field", "subject"));
        }
        if (email["body"] is { } body)
        {
            if (body is not JsonObject parts)
            {
                throw ApiErrors.BadRequest("body must be an object {html, text}", ApiErrors.Details("field", "body"));
            }
            foreach (var part in new[] { "html", "text" })
            {
                if (parts[part] is { } p && p.GetValueKind() != JsonValueKind.String)
                {
                    throw ApiErrors.BadRequest($"body.{part} must be a string", ApiErrors.Details("field", "body." + part));
                }
            }
        }
        outbox.Add(Api.Route(ctx, "space"), email, size);
        ctx.Response.StatusCode = 202;
        return Task.CompletedTask;
    }

    /// <summary>The addresses of an optional array field; 400 for a field that is not an array of plain addresses.</summary>
    private static List<string> Addresses(JsonObject email, string field)
    {
        var node = email[field];
        if (node == null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            throw ApiErrors.BadRequest($"{field} must be an array of email addresses", ApiErrors.Details("field", field));
        }
        var list = new List<string>();
        foreach (var item in array)
        {
            string address = item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (!IsAddress(address))
            {
                throw ApiErrors.BadRequest($"invalid email address in {field}: {item?.ToJsonString() ?? "null"}",
                    new JsonObject { ["field"] = field, ["address"] = item?.DeepClone() });
            }
            list.Add(address);
        }
        return list;
    }

    private static bool IsAddress(string text) =>
        !string.IsNullOrEmpty(text) && MailAddress.TryCreate(text, out var a) && a.Address == text && a.DisplayName.Length == 0;
}
