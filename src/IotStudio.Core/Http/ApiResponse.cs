using System;

namespace IotStudio.Http
{
    /// <summary>The answer to a successful call.</summary>
    public sealed class ApiResponse
    {
        internal ApiResponse(RawResponse raw, byte[] bytes) { Raw = raw; Bytes = bytes; }
        /// <summary>Status, headers and body text.</summary>
        public RawResponse Raw { get; }
        internal byte[] Bytes { get; }
        /// <summary>HTTP status.</summary>
        public int StatusCode => Raw.StatusCode;
        /// <summary>The body as plain CLR values (null for an empty body).</summary>
        public object ToValue()
        {
            if (Bytes == null || Array.TrueForAll(Bytes, b => b == ' ' || b == '\t' || b == '\r' || b == '\n')) return null;
            using (var doc = System.Text.Json.JsonDocument.Parse(Bytes))
                return Json.JsonClr.ToClr(doc.RootElement);
        }
    }
}
