using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text;
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
            _body = body;
        }

        // The body as it came off the wire: decoded to text only when someone asks for the text (an error message,
        // a non-JSON answer), so a page of a list is never copied into a string.
        internal RawResponse(int statusCode, string contentType, IReadOnlyDictionary<string, string> headers, byte[] bytes, string charset)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Headers = headers;
            _bytes = bytes ?? Array.Empty<byte>();
            _charset = charset;
        }

        private readonly byte[] _bytes;
        private readonly string _charset;
        private string _body;

        /// <summary>HTTP status code (0 when no response arrived).</summary>
        public int StatusCode { get; }
        /// <summary>Content-Type of the body, or null when the server sent none.</summary>
        public string ContentType { get; }
        /// <summary>Response and content headers, names case-insensitive.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }
        /// <summary>The body as text (may be HTML from a proxy, or empty).</summary>
        public string Body => _body ?? (_body = Decode(_bytes, _charset));

        private static string Decode(byte[] bytes, string charset)
        {
            if (bytes == null || bytes.Length == 0) return "";
            var encoding = Encoding.UTF8;
            if (!string.IsNullOrEmpty(charset))
            {
                try { encoding = Encoding.GetEncoding(charset.Trim('"', ' ')); }
                catch (ArgumentException) { }
            }
            var preamble = encoding.GetPreamble();
            var skip = preamble.Length > 0 && bytes.Length >= preamble.Length && bytes.AsSpan(0, preamble.Length).SequenceEqual(preamble) ? preamble.Length : 0;
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }

        /// <summary>One header's value, or null.</summary>
        public string Header(string name) => Headers != null && Headers.TryGetValue(name, out var v) ? v : null;

        /// <inheritdoc />
        public override string ToString() => string.IsNullOrEmpty(ContentType) ? $"{StatusCode}" : $"{StatusCode} {ContentType}";
    }
}
