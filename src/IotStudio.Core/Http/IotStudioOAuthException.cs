using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
    /// <summary>The OAuth2 endpoint refused: carries the OAuth2 <c>error</c> and <c>error_description</c>.</summary>
    public sealed class IotStudioOAuthException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioOAuthException(string method, string path, RawResponse response, string error, string description, Exception inner = null)
            : base($"OAuth2 {path} failed with {response.StatusCode}: {error}{(string.IsNullOrEmpty(description) ? "" : " (" + description + ")")}", method, path, inner)
        {
            Response = response;
            Error = error;
            ErrorDescription = description;
        }

        /// <summary>HTTP status code.</summary>
        public override int StatusCode => Response.StatusCode;
        /// <summary>The OAuth2 error code, such as invalid_client.</summary>
        public string Error { get; }
        /// <summary>The OAuth2 error description, if any.</summary>
        public string ErrorDescription { get; }
        /// <summary>The raw response.</summary>
        public RawResponse Response { get; }

        internal static IotStudioOAuthException FromResponse(string method, string path, RawResponse response)
        {
            string error = null, description = null;
            Exception inner = null;
            try
            {
                if (!string.IsNullOrWhiteSpace(response.Body) && response.Body.TrimStart().StartsWith("{", StringComparison.Ordinal))
                {
                    using (var doc = JsonDocument.Parse(response.Body))
                    {
                        var root = doc.RootElement;
                        if (root.TryGetProperty("error", out var e))
                        {
                            if (e.ValueKind == JsonValueKind.String) error = e.GetString();
                            else if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m)) description = m.GetString();
                        }
                        if (root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String) description = d.GetString();
                    }
                }
            }
            catch (JsonException ex)
            {
                inner = ex;
            }
            return new IotStudioOAuthException(method, path, response, error ?? $"http_{response.StatusCode}", description, inner);
        }
    }
}
