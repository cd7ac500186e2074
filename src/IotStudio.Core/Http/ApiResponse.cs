using System;
using System.Collections.Generic;

namespace IotStudio.Http
{
    /// <summary>The answer to a successful call.</summary>
    public sealed class ApiResponse
    {
        private readonly IReadOnlyDictionary<string, string> _headers;
        private PooledBody _pooled;
        private byte[] _bytes;
        private RawResponse _raw;

        internal ApiResponse(int statusCode, IReadOnlyDictionary<string, string> headers, PooledBody body)
        {
            StatusCode = statusCode;
            _headers = headers;
            _pooled = body;
        }

        /// <summary>Status, headers and body text.</summary>
        public RawResponse Raw
        {
            get
            {
                if (_raw != null) return _raw;
                string contentType = null;
                _headers?.TryGetValue("Content-Type", out contentType);
                return _raw = new RawResponse(StatusCode, contentType, _headers, Bytes, Charset(contentType));
            }
        }

        /// <summary>The body in an array of its own (copied out of the pooled buffer on first use).</summary>
        internal byte[] Bytes
        {
            get
            {
                Detach();
                return _bytes;
            }
        }

        /// <summary>The body where it is: in the pooled buffer until <see cref="Detach"/> or <see cref="Release"/>.</summary>
        internal ReadOnlyMemory<byte> Body => _bytes != null ? new ReadOnlyMemory<byte>(_bytes) : _pooled?.Memory ?? ReadOnlyMemory<byte>.Empty;

        /// <summary>HTTP status.</summary>
        public int StatusCode { get; }

        /// <summary>Moves the body out of the pooled buffer into an array of its own, so it outlives the call.</summary>
        internal void Detach()
        {
            if (_bytes != null) return;
            _bytes = _pooled?.ToArray() ?? Array.Empty<byte>();
            _pooled = null;
        }

        /// <summary>Returns the pooled buffer; the body is gone unless it was detached first.</summary>
        internal void Release()
        {
            _pooled?.Release();
            _pooled = null;
        }

        /// <summary>The body as plain CLR values (null for an empty body).</summary>
        public object ToValue()
        {
            var bytes = Bytes;
            if (Array.TrueForAll(bytes, b => b == ' ' || b == '\t' || b == '\r' || b == '\n')) return null;
            using (var doc = System.Text.Json.JsonDocument.Parse(bytes))
                return Json.JsonClr.ToClr(doc.RootElement);
        }

        private static string Charset(string contentType)
        {
            if (contentType == null) return null;
            var at = contentType.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
            if (at < 0) return null;
            var value = contentType.Substring(at + 8);
            var end = value.IndexOf(';');
            return (end < 0 ? value : value.Substring(0, end)).Trim();
        }
    }
}
