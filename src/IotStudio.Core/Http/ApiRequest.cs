using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace IotStudio.Http
{
    /// <summary>One API call: method, path, query and body. Path segments are percent-encoded here, once.</summary>
    public sealed class ApiRequest
    {
        private readonly List<KeyValuePair<string, string>> _query = new List<KeyValuePair<string, string>>();

        /// <summary>Creates a request; <paramref name="path"/> is already encoded (build it with <see cref="Path"/>).</summary>
        public ApiRequest(string method, string path)
        {
            Method = (method ?? throw new ArgumentNullException(nameof(method))).ToUpperInvariant();
            RelativePath = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>HTTP method, upper case.</summary>
        public string Method { get; }
        /// <summary>Encoded path below the API URL, starting with '/'.</summary>
        public string RelativePath { get; }
        /// <summary>Query parameters in order; keys may repeat (<c>thingID[]</c>).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Query => _query;
        /// <summary>Request body as text, or null.</summary>
        public string Body { get; private set; }
        /// <summary>Content-Type of <see cref="Body"/>.</summary>
        public string ContentType { get; private set; }

        /// <summary>Adds a query parameter (skipped when value is null).</summary>
        public ApiRequest AddQuery(string key, string value)
        {
            if (value != null) _query.Add(new KeyValuePair<string, string>(key, value));
            return this;
        }

        /// <summary>Adds one repeated key per value: <c>thingID[]=A&amp;thingID[]=B</c>.</summary>
        public ApiRequest AddQueryArray(string key, IEnumerable<string> values)
        {
            if (values != null) foreach (var v in values) AddQuery(key, v);
            return this;
        }

        /// <summary>Adds a lowercase boolean.</summary>
        public ApiRequest AddQuery(string key, bool? value) => value.HasValue ? AddQuery(key, QueryValue.Format(value.Value)) : this;

        /// <summary>Adds an integer.</summary>
        public ApiRequest AddQuery(string key, long? value) => value.HasValue ? AddQuery(key, QueryValue.Format(value.Value)) : this;

        /// <summary>Adds any value through <see cref="QueryValue"/>: a list repeats the key; null adds nothing.</summary>
        public ApiRequest AddQueryValue(string key, object value)
        {
            if (value == null) return this;
            foreach (var text in QueryValue.Expand(value)) AddQuery(key, text);
            return this;
        }

        /// <summary>Adds every entry of a dictionary of raw query parameters (see <see cref="AddQueryValue"/>).</summary>
        public ApiRequest AddQueryMap(System.Collections.IDictionary query)
        {
            if (query == null) return this;
            foreach (System.Collections.DictionaryEntry kv in query)
                AddQueryValue(QueryValue.Format(kv.Key), kv.Value ?? "");
            return this;
        }

        /// <summary>Replaces (or removes, when null) every value of a key.</summary>
        public ApiRequest SetQuery(string key, string value)
        {
            _query.RemoveAll(kv => kv.Key == key);
            return AddQuery(key, value);
        }

        /// <summary>Sets a JSON body from a plain CLR value.</summary>
        public ApiRequest WithJson(object value, string contentType = "application/json")
        {
            Body = Json.JsonClr.Serialize(value);
            ContentType = contentType;
            return this;
        }

        /// <summary>Sets a body that is already text.</summary>
        public ApiRequest WithBody(string body, string contentType)
        {
            Body = body;
            ContentType = contentType;
            return this;
        }

        /// <summary>The path and encoded query, for the wire.</summary>
        public string PathAndQuery
        {
            get
            {
                if (_query.Count == 0) return RelativePath;
                var sb = new StringBuilder(RelativePath).Append('?');
                for (var i = 0; i < _query.Count; i++)
                {
                    if (i > 0) sb.Append('&');
                    sb.Append(EncodeQueryKey(_query[i].Key)).Append('=').Append(Uri.EscapeDataString(_query[i].Value));
                }
                return sb.ToString();
            }
        }

        // Brackets and ':' in keys such as thingID[] and property:temp are kept readable; they are legal in a query.
        private static string EncodeQueryKey(string key) => Uri.EscapeDataString(key).Replace("%5B", "[").Replace("%5D", "]").Replace("%3A", ":");

        /// <summary>Builds an encoded path from raw segments: <c>Path("spaces", s, "things", id)</c>.</summary>
        public static string Path(params string[] segments)
        {
            var sb = new StringBuilder();
            foreach (var s in segments)
            {
                if (string.IsNullOrEmpty(s)) throw new ArgumentException("A path segment cannot be empty.");
                sb.Append('/').Append(Uri.EscapeDataString(s));
            }
            return sb.ToString();
        }

        /// <summary>A copy with the same method, path, query and body.</summary>
        public ApiRequest Clone()
        {
            var copy = new ApiRequest(Method, RelativePath) { Body = Body, ContentType = ContentType };
            copy._query.AddRange(_query);
            return copy;
        }

        /// <summary>True for methods that may be repeated safely.</summary>
        public bool IsIdempotent => Method != "POST" && Method != "PATCH";

        /// <inheritdoc />
        public override string ToString() => Method + " " + RelativePath;
    }
}
