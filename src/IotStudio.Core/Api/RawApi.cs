using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Json;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>
    /// Any call on the API with the connection's auth, retries and error mapping: a method, a path below the API URL,
    /// a query and a body. It owns no API operation; it is the way to reach routes that have no typed method yet.
    /// The token goes only to the API host: an absolute URL elsewhere is refused before anything is sent.
    /// </summary>
    public sealed class RawApi
    {
        /// <summary>The Content-Type of a body when none is given.</summary>
        public const string DefaultContentType = "application/json";

        private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };
        private static readonly Regex Placeholder = new Regex(@"^\{[^{}/]+\}\z", RegexOptions.CultureInvariant);
        private static readonly Regex SchemePattern = new Regex(@"^[a-zA-Z][a-zA-Z0-9+.\-]*://", RegexOptions.CultureInvariant);
        private readonly IotStudioClient _client;

        internal RawApi(IotStudioClient client) { _client = client; }

        /// <summary>True for the methods that only read (GET, HEAD, OPTIONS).</summary>
        public static bool IsReadOnly(string method)
        {
            var m = (method ?? "GET").Trim().ToUpperInvariant();
            return m == "GET" || m == "HEAD" || m == "OPTIONS";
        }

        /// <summary>
        /// Builds a request. <paramref name="path"/> is relative to the API URL (a leading '/' is optional; a query after
        /// '?' is kept) or an absolute URL below the API URL. <paramref name="query"/> values follow <see cref="ApiRequest.AddQueryMap"/>.
        /// A string <paramref name="body"/> is sent as it is; any other value is written as JSON.
        /// </summary>
        public ApiRequest Build(string method, string path, IDictionary query = null, object body = null, string contentType = null)
        {
            method = string.IsNullOrWhiteSpace(method) ? "GET" : method.Trim().ToUpperInvariant();
            if (Array.IndexOf(Methods, method) < 0)
                throw new ArgumentException($"HTTP method '{method}' is not supported; use one of {string.Join(", ", Methods)}.", nameof(method));
            var (encodedPath, inlineQuery) = Resolve(path);
            var request = new ApiRequest(method, encodedPath);
            foreach (var kv in inlineQuery) request.AddQuery(kv.Key, kv.Value);
            CheckQuery(query);
            request.AddQueryMap(query);
            if (body != null)
            {
                if (method == "GET" || method == "HEAD")
                    throw new ArgumentException($"A {method} request carries no body; put the values into the query instead.", nameof(body));
                if (body is string text) request.WithBody(text, string.IsNullOrWhiteSpace(contentType) ? DefaultContentType : contentType);
                else request.WithJson(body, string.IsNullOrWhiteSpace(contentType) ? DefaultContentType : contentType);
            }
            return request;
        }

        // The query values go through the one formatter (ApiRequest.AddQueryMap); what it would write as a type name is refused.
        private static void CheckQuery(IDictionary query)
        {
            if (query == null) return;
            foreach (DictionaryEntry kv in query)
            {
                var key = QueryValue.Format(kv.Key);
                if (key.Length == 0) throw new ArgumentException("A query key cannot be empty.", nameof(query));
                var values = kv.Value is IEnumerable many && !(kv.Value is string) && !(kv.Value is IDictionary) ? many : new[] { kv.Value };
                foreach (var v in values)
                {
                    if (v is IDictionary)
                        throw new ArgumentException($"The query value of '{key}' is a hashtable or an object; give a string, number, boolean or an array of them.", nameof(query));
                    if (v is IEnumerable && !(v is string))
                        throw new ArgumentException($"The query value of '{key}' is an array of arrays; give a flat array.", nameof(query));
                }
            }
        }

        /// <summary>True when <paramref name="path"/> is an absolute URL that is not below the API URL (a call there is refused).</summary>
        public bool IsForeignUrl(string path)
        {
            if (path == null) return false;
            path = path.Trim();
            if (path.StartsWith("//", StringComparison.Ordinal)) return true;
            if (!SchemePattern.IsMatch(path)) return false;
            return !Uri.TryCreate(path, UriKind.Absolute, out var uri) || BelowApi(uri) == null;
        }

        /// <summary>Sends the request; throws an <see cref="IotStudioException"/> for anything but 2xx.</summary>
        public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken ct) =>
            _client.SendAsync(request ?? throw new ArgumentNullException(nameof(request)), ct);

        /// <summary>
        /// The body of an answer as plain CLR values (see <see cref="JsonClr"/>) when it is JSON, as text when it is not,
        /// and null when it is empty. A body that claims to be JSON and is not fails with <see cref="IotStudioResponseException"/>.
        /// </summary>
        public static object ReadValue(ApiRequest request, ApiResponse response)
        {
            var raw = response.Raw;
            if (string.IsNullOrWhiteSpace(raw.Body)) return null;
            if (!IsJson(raw.ContentType) && !(raw.ContentType == null && IotStudioApiException.LooksLikeJson(raw.Body))) return raw.Body;
            try
            {
                return JsonClr.Parse(raw.Body);
            }
            catch (JsonException ex)
            {
                throw new IotStudioResponseException(
                    $"{request.Method} {request.RelativePath} answered {raw.StatusCode} with a body that is not valid JSON: {ex.Message}",
                    request.Method, request.RelativePath, raw, ex);
            }
        }

        /// <summary>
        /// Walks a list the API's way: the request is repeated with <c>next_cursor</c> from <c>paging.next_cursor</c>, and the
        /// items of <c>data</c> come out one page at a time. The page size is <paramref name="pageSize"/>, else the request's
        /// own <c>limit</c>, else the API's default for the first page and twice the previous one for each later page (up to
        /// 1000), as every list does. GET only: repeating any other method could change data twice.
        /// </summary>
        public CursorPager<T> Paginate<T>(ApiRequest request, Func<object, T> convert, int? pageSize = null, long? maxItems = null)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (convert == null) throw new ArgumentNullException(nameof(convert));
            if (request.Method != "GET")
                throw new ArgumentException($"Only GET lists can be paginated; repeating a {request.Method} for every page could change data more than once.", nameof(request));
            var size = pageSize ?? LimitOf(request);
            return new CursorPager<T>(_client, request, e => convert(JsonClr.ToClr(e)), size, maxItems);
        }

        private static int? LimitOf(ApiRequest request)
        {
            string limit = null;
            foreach (var kv in request.Query) if (kv.Key == "limit") limit = kv.Value;
            if (limit == null) return null;
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new ArgumentException($"The query's limit '{limit}' is not a whole number.", nameof(request));
            return n;
        }

        private (string Path, List<KeyValuePair<string, string>> Query) Resolve(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new ArgumentException("The path is empty: give a path below the API URL, such as /spaces/my-space/things.", nameof(path));
            path = path.Trim();
            if (path.StartsWith("//", StringComparison.Ordinal))
                throw Foreign(path);
            if (SchemePattern.IsMatch(path))
            {
                if (!Uri.TryCreate(path, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw Foreign(path);
                path = BelowApi(uri) ?? throw Foreign(path);
            }
            string queryText = null;
            var q = path.IndexOf('?');
            if (q >= 0)
            {
                queryText = path.Substring(q + 1);
                path = path.Substring(0, q);
            }
            if (!path.StartsWith("/", StringComparison.Ordinal)) path = "/" + path;
            foreach (var segment in path.Split('/'))
            {
                if (segment == "." || segment == "..")
                    throw new ArgumentException($"The path '{path}' holds a '{segment}' segment; give the path without it.", nameof(path));
                // Nothing is filled in: a path copied from the API description would otherwise reach a space named "{space}".
                if (Placeholder.IsMatch(segment))
                    throw new ArgumentException($"The path '{path}' holds the placeholder '{segment}'; write the value itself, such as /spaces/my-space/things.", nameof(path));
            }
            return (EncodePath(path), ParseQuery(queryText));
        }

        // The path and query of an absolute URL on the API's scheme, host and port, below the API URL's own path; else null.
        private string BelowApi(Uri uri)
        {
            var api = _client.Options.ApiUrl;
            if (!string.Equals(uri.Scheme, api.Scheme, StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(uri.IdnHost, api.IdnHost, StringComparison.OrdinalIgnoreCase) ||
                uri.Port != api.Port)
                return null;
            var basePath = api.AbsolutePath.TrimEnd('/');
            var p = uri.AbsolutePath;
            if (basePath.Length > 0)
            {
                if (!(p == basePath || p.StartsWith(basePath + "/", StringComparison.Ordinal))) return null;
                p = p.Substring(basePath.Length);
            }
            if (p.Length == 0) p = "/";
            return p + uri.Query;
        }

        private ArgumentException Foreign(string url) => new ArgumentException(
            $"'{url}' is not below the API URL {_client.Options.BaseUrl}. The connection's token is sent only there: give a path such as /spaces/my-space/things, or a URL that starts with {_client.Options.BaseUrl}/.",
            "path");

        // Characters a path may hold as they are (RFC 3986 pchar and '/'); anything else is percent-encoded, and an
        // existing %XX escape is kept, so a path can be given either encoded or not.
        private static string EncodePath(string path)
        {
            var sb = new StringBuilder(path.Length + 16);
            for (var i = 0; i < path.Length; i++)
            {
                var c = path[i];
                if (IsPathChar(c))
                {
                    sb.Append(c);
                }
                else if (c == '%' && i + 2 < path.Length && IsHex(path[i + 1]) && IsHex(path[i + 2]))
                {
                    sb.Append(c).Append(path[i + 1]).Append(path[i + 2]);
                    i += 2;
                }
                else
                {
                    var length = char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]) ? 2 : 1;
                    foreach (var b in Encoding.UTF8.GetBytes(path.Substring(i, length))) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                    i += length - 1;
                }
            }
            return sb.ToString();
        }

        private static bool IsPathChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/".IndexOf(c) >= 0;

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        // '+' stays a plus: the API's sort values start with it (sort=+title).
        private static List<KeyValuePair<string, string>> ParseQuery(string text)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(text)) return pairs;
            foreach (var part in text.Split('&'))
            {
                if (part.Length == 0) continue;
                var eq = part.IndexOf('=');
                var key = Uri.UnescapeDataString(eq < 0 ? part : part.Substring(0, eq));
                var value = eq < 0 ? "" : Uri.UnescapeDataString(part.Substring(eq + 1));
                if (key.Length == 0) throw new ArgumentException($"The query part '{part}' has no key.", "path");
                pairs.Add(new KeyValuePair<string, string>(key, value));
            }
            return pairs;
        }

        private static bool IsJson(string contentType)
        {
            if (string.IsNullOrEmpty(contentType)) return false;
            var media = contentType.Split(';')[0].Trim();
            return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
                   media.Equals("text/json", StringComparison.OrdinalIgnoreCase) ||
                   media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        }
    }
}
