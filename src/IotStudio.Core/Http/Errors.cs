using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
    /// <summary>What came back from the server, kept for diagnosis. Never holds request headers, so never a token.</summary>
    public sealed class RawResponse
    {
        internal RawResponse(int statusCode, string contentType, IReadOnlyDictionary<string, string> headers, string body)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Headers = headers;
            Body = body;
        }

        /// <summary>HTTP status code (0 when no response arrived).</summary>
        public int StatusCode { get; }
        /// <summary>Content-Type of the body, or null when the server sent none.</summary>
        public string ContentType { get; }
        /// <summary>Response and content headers, names case-insensitive.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }
        /// <summary>The body as text (may be HTML from a proxy, or empty).</summary>
        public string Body { get; }

        /// <summary>One header's value, or null.</summary>
        public string Header(string name) => Headers != null && Headers.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>The API's error body: <c>{"error": {"status", "message", "details"}}</c>.</summary>
    public sealed class ApiError
    {
        /// <summary>The status the body states (normally the HTTP status).</summary>
        public int Status { get; set; }
        /// <summary>The message.</summary>
        public string Message { get; set; }
        /// <summary>Free-form details as plain values, or null.</summary>
        public OrderedDictionary Details { get; set; }
    }

    /// <summary>Base of every exception Core throws.</summary>
    public class IotStudioException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioException(string message, string method = null, string path = null, Exception inner = null)
            : base(message, inner)
        {
            Method = method;
            Path = path;
        }

        /// <summary>HTTP method of the failed request.</summary>
        public string Method { get; }
        /// <summary>Path of the failed request (no query string, no host).</summary>
        public string Path { get; }
        /// <summary>HTTP status, or 0 when no response arrived.</summary>
        public virtual int StatusCode => 0;
    }

    /// <summary>The API answered with an error status.</summary>
    public class IotStudioApiException : IotStudioException
    {
        /// <summary>Creates the exception from a response.</summary>
        public IotStudioApiException(string method, string path, RawResponse response, string apiMessage, OrderedDictionary details, Exception inner = null)
            : this(method, path, response, apiMessage, details, null, inner)
        {
        }

        private IotStudioApiException(string method, string path, RawResponse response, string apiMessage, OrderedDictionary details, ApiError error, Exception inner)
            : base(Describe(method, path, response.StatusCode, apiMessage), method, path, inner)
        {
            Response = response;
            ApiMessage = apiMessage;
            Details = details;
            Error = error;
        }

        /// <summary>The parsed error body, or null when the body was not the API's error shape (an HTML proxy page, say).</summary>
        public ApiError Error { get; }

        /// <summary>HTTP status code.</summary>
        public override int StatusCode => Response.StatusCode;
        /// <summary>The API's own <c>error.message</c>, or a summary of a non-JSON body.</summary>
        public string ApiMessage { get; }
        /// <summary>The API's <c>error.details</c> as plain values, or null.</summary>
        public OrderedDictionary Details { get; }
        /// <summary>The raw response: status, headers and body.</summary>
        public RawResponse Response { get; }

        private static string Describe(string method, string path, int status, string apiMessage)
            => $"{method} {path} failed with {status} {StatusText(status)}: {apiMessage}";

        internal static string StatusText(int status)
        {
            switch (status)
            {
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 408: return "Request Timeout";
                case 409: return "Conflict";
                case 413: return "Payload Too Large";
                case 429: return "Too Many Requests";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return "";
            }
        }

        /// <summary>Builds the right exception from an error response, whatever its body.</summary>
        internal static IotStudioApiException FromResponse(string method, string path, RawResponse response)
        {
            string message = null;
            OrderedDictionary details = null;
            ApiError error = null;
            Exception parseError = null;
            if (LooksLikeJson(response.Body))
            {
                try
                {
                    using (var doc = JsonDocument.Parse(response.Body))
                    {
                        if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                            doc.RootElement.TryGetProperty("error", out var err))
                        {
                            if (err.ValueKind == JsonValueKind.Object)
                            {
                                if (err.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                                if (err.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object) details = JsonClr.ToDictionary(d);
                                var stated = err.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Number && st.TryGetInt32(out var n) ? n : response.StatusCode;
                                error = new ApiError { Status = stated, Message = message, Details = details };
                            }
                            else if (err.ValueKind == JsonValueKind.String)
                            {
                                message = err.GetString();
                            }
                        }
                    }
                }
                catch (JsonException ex)
                {
                    parseError = ex;
                }
            }
            if (string.IsNullOrEmpty(message)) message = Summarize(response);
            return new IotStudioApiException(method, path, response, message, details, error, parseError);
        }

        private static bool LooksLikeJson(string body)
        {
            if (string.IsNullOrEmpty(body)) return false;
            var t = body.TrimStart();
            return t.StartsWith("{", StringComparison.Ordinal) || t.StartsWith("[", StringComparison.Ordinal);
        }

        private static string Summarize(RawResponse response)
        {
            var status = $"HTTP {response.StatusCode} {StatusText(response.StatusCode)}".Trim();
            if (string.IsNullOrWhiteSpace(response.Body)) return status + " with an empty body";
            var kind = string.IsNullOrEmpty(response.ContentType) ? "a body without Content-Type" : $"a {response.ContentType.Split(';')[0]} body";
            var text = new string(response.Body.Where(c => !char.IsControl(c)).Take(200).ToArray()).Trim();
            return $"{status} with {kind}: {text}";
        }
    }

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

    /// <summary>No usable response: the connection failed, was dropped or timed out.</summary>
    public sealed class IotStudioTransportException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioTransportException(string message, string method, string path, bool timedOut, Exception inner)
            : base(message, method, path, inner)
        {
            TimedOut = timedOut;
        }

        /// <summary>True when the request timed out rather than failed.</summary>
        public bool TimedOut { get; }
    }

    /// <summary>The server answered 2xx but the body was not what the API promises.</summary>
    public sealed class IotStudioResponseException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioResponseException(string message, string method, string path, RawResponse response, Exception inner = null)
            : base(message, method, path, inner)
        {
            Response = response;
        }

        /// <summary>HTTP status code.</summary>
        public override int StatusCode => Response?.StatusCode ?? 0;
        /// <summary>The raw response.</summary>
        public RawResponse Response { get; }
    }

    /// <summary>The server handed back a cursor it had already given: paging would never end.</summary>
    public sealed class IotStudioPagingException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioPagingException(string message, string path) : base(message, "GET", path) { }
    }
}
