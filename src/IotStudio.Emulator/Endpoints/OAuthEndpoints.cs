using System.Net;
using System.Text;
using IotStudio.Emulator.Auth;
using IotStudio.Emulator.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace IotStudio.Emulator.Endpoints;

/// <summary>OAuth2 client credentials: <c>POST /oauth2/token</c> and <c>POST /oauth2/revoke</c> (RFC 6749 / 7009).
/// Errors use the OAuth2 shape <c>{error, error_description}</c>.</summary>
public sealed class OAuthEndpoints(TokenStore tokens)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth2/token", Token);
        app.MapPost("/oauth2/revoke", Revoke);
    }

    private async Task Token(HttpContext ctx)
    {
        var (form, client) = await AuthenticateAsync(ctx);
        if (client == null) return;
        string grant = Single(form, "grant_type");
        if (string.IsNullOrEmpty(grant))
        {
            await ApiErrors.WriteOAuthAsync(ctx, 400, "invalid_request", "grant_type is required");
            return;
        }
        if (grant != "client_credentials")
        {
            await ApiErrors.WriteOAuthAsync(ctx, 400, "unsupported_grant_type",
                $"The authorization grant type '{grant}' is not supported: use client_credentials.");
            return;
        }
        var requested = (Single(form, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).ToArray();
        foreach (var s in requested)
        {
            if (!client.Scopes.Contains(s))
            {
                await ApiErrors.WriteOAuthAsync(ctx, 400, "invalid_scope",
                    $"The requested scope is invalid, unknown, or malformed. The OAuth 2.0 Client is not allowed to request scope '{s}'.");
                return;
            }
        }
        IReadOnlyList<string> granted = requested.Length > 0 ? requested : client.Scopes;
        string token = tokens.Issue(client, granted);
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers.Pragma = "no-cache";
        await JsonOut.WriteAsync(ctx, 200, JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", tokens.LifetimeSeconds);
            w.WriteString("scope", string.Join(' ', granted));
            w.WriteEndObject();
        }));
    }

    private async Task Revoke(HttpContext ctx)
    {
        var (form, client) = await AuthenticateAsync(ctx);
        if (client == null) return;
        string token = Single(form, "token");
        if (string.IsNullOrEmpty(token))
        {
            await ApiErrors.WriteOAuthAsync(ctx, 400, "invalid_request", "token is required");
            return;
        }
        tokens.Revoke(client, token);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    /// <summary>Reads the form and the client's credentials (form or HTTP Basic); on failure writes the OAuth2 error and returns no client.</summary>
    private async Task<(Dictionary<string, StringValues> Form, ClientConfig Client)> AuthenticateAsync(HttpContext ctx)
    {
        var form = ReadForm(ctx, out string formError);
        if (form == null)
        {
            await ApiErrors.WriteOAuthAsync(ctx, 400, "invalid_request", formError);
            return (null, null);
        }
        var client = Client(ctx, form);
        if (client == null) await InvalidClient(ctx);
        return (form, client);
    }

    private static Task InvalidClient(HttpContext ctx)
    {
        if (ctx.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"oauth2\"";
        }
        return ApiErrors.WriteOAuthAsync(ctx, 401, "invalid_client",
            "Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).");
    }

    /// <summary>The form fields, or null (with a reason) when the body is not form-encoded or repeats a field.</summary>
    private static Dictionary<string, StringValues> ReadForm(HttpContext ctx, out string error)
    {
        error = null;
        string contentType = ctx.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            error = "The request must be form-encoded (Content-Type: application/x-www-form-urlencoded).";
            return null;
        }
        using var reader = new FormReader(Encoding.UTF8.GetString(ApiPipeline.Body(ctx)));
        var form = reader.ReadForm();
        foreach (var kv in form)
        {
            if (kv.Value.Count > 1)
            {
                error = $"The request parameter '{kv.Key}' is included more than once.";
                return null;
            }
        }
        return form;
    }

    private static string Single(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var v) ? v[0] : null;

    /// <summary>The client authenticated by HTTP Basic (preferred) or by client_id/client_secret form fields.</summary>
    private ClientConfig Client(HttpContext ctx, Dictionary<string, StringValues> form)
    {
        string header = ctx.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                int colon = decoded.IndexOf(':');
                if (colon < 0)
                {
                    return null;
                }
                return tokens.Authenticate(WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return tokens.Authenticate(Single(form, "client_id"), Single(form, "client_secret"));
    }
}
