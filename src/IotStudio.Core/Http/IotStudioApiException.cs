using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
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

        /// <summary>Whether a body with no Content-Type reads as a JSON object or array.</summary>
        internal static bool LooksLikeJson(string body)
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
}
