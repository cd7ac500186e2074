using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
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
}
