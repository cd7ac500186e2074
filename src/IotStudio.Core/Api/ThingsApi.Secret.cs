using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Auth;
using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>A Thing's own OAuth2 client.</summary>
    public sealed partial class ThingsApi
    {
        /// <summary>
        /// Gives the Thing a new OAuth2 client secret (and a client id, the first time); the old secret stops working.
        /// The secret comes back only as a SecureString, and no exception ever carries the answer's body.
        /// </summary>
        [ApiOperation("ThingResetSecret", "CategoryThingResetSecret")]
        public async Task<ThingSecret> ResetSecretAsync(ThingPath thing, CancellationToken ct)
        {
            var request = new ApiRequest("POST", thing.Path("reset-secret"));
            var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
            string clientId = null, secret = null;
            try
            {
                using (var doc = JsonDocument.Parse(response.Bytes ?? Array.Empty<byte>()))
                {
                    var root = doc.RootElement;
                    if (root.ValueKind == JsonValueKind.Object)
                    {
                        if (root.TryGetProperty("client_id", out var id) && id.ValueKind == JsonValueKind.String) clientId = id.GetString();
                        if (root.TryGetProperty("client_secret", out var s) && s.ValueKind == JsonValueKind.String) secret = s.GetString();
                    }
                }
            }
            catch (JsonException ex)
            {
                throw Withheld(request, response, "is not JSON", ex);
            }
            if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret))
                throw Withheld(request, response, "lacks client_id or client_secret", null);
            return new ThingSecret(thing.Space, thing.ThingId, clientId, SecureText.Protect(secret));
        }

        // The body may hold the new secret: the exception keeps the status and headers, never the body.
        private static IotStudioResponseException Withheld(ApiRequest request, ApiResponse response, string problem, Exception inner)
        {
            var raw = new RawResponse(response.StatusCode, response.Raw.ContentType, response.Raw.Headers, "(withheld: the body may hold a client secret)");
            return new IotStudioResponseException(
                $"{request.Method} {request.RelativePath} answered {response.StatusCode} with a body that {problem}; the reset may have happened, so reset again before relying on the old secret.",
                request.Method, request.RelativePath, raw, inner);
        }
    }
}
