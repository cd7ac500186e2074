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

        /// <inheritdoc />
        public override string ToString() => string.IsNullOrEmpty(ContentType) ? $"{StatusCode}" : $"{StatusCode} {ContentType}";
    }
}
