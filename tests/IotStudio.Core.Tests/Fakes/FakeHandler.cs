using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace IotStudio.Core.Tests.Fakes
{
    /// <summary>What the client put on the wire for one attempt, as the server would see it.</summary>
    public sealed class RecordedRequest
    {
        public RecordedRequest(int index, string method, Uri uri, Dictionary<string, string> headers, string body, string contentType)
        {
            Index = index;
            Method = method;
            Uri = uri;
            Headers = headers;
            Body = body;
            ContentType = contentType;
            Query = ParsePairs(uri.Query.TrimStart('?'));
            Form = body != null && contentType != null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                ? ParsePairs(body)
                : Array.Empty<KeyValuePair<string, string>>();
        }

        /// <summary>0 for the first request the handler saw.</summary>
        public int Index { get; }
        public string Method { get; }
        public Uri Uri { get; }
        /// <summary>The path as sent (still percent-encoded).</summary>
        public string Path => Uri.AbsolutePath;
        /// <summary>The query as sent, without '?' (still percent-encoded).</summary>
        public string RawQuery => Uri.Query.TrimStart('?');
        /// <summary>Decoded query pairs in wire order; keys may repeat.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }
        /// <summary>Request and content headers, names case-insensitive, repeated values joined with ", ".</summary>
        public Dictionary<string, string> Headers { get; }
        public string Body { get; }
        public string ContentType { get; }
        /// <summary>Decoded form fields when the body is form-encoded.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Form { get; }

        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
        public string Authorization => Header("Authorization");
        public IReadOnlyList<string> QueryValues(string key) => Query.Where(kv => kv.Key == key).Select(kv => kv.Value).ToList();
        /// <summary>The only value of a query key, or null when absent; fails when it repeats.</summary>
        public string QueryValue(string key)
        {
            var values = QueryValues(key);
            if (values.Count > 1) throw new InvalidOperationException($"Query key '{key}' was sent {values.Count} times.");
            return values.Count == 0 ? null : values[0];
        }
        public string FormValue(string key) => Form.Where(kv => kv.Key == key).Select(kv => kv.Value).SingleOrDefault();
        public bool IsOAuth => Path.Contains("/oauth2/", StringComparison.Ordinal);

        public override string ToString() => Method + " " + Uri.PathAndQuery;

        private static IReadOnlyList<KeyValuePair<string, string>> ParsePairs(string text)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrEmpty(text)) return list;
            foreach (var part in text.Split('&'))
            {
                var eq = part.IndexOf('=');
                var key = eq < 0 ? part : part.Substring(0, eq);
                var value = eq < 0 ? "" : part.Substring(eq + 1);
                // Form bodies encode spaces as '+'; '%2B' stays a literal plus either way.
                list.Add(new KeyValuePair<string, string>(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
            }
            return list;
        }
    }

    public delegate Task<HttpResponseMessage> Responder(RecordedRequest request, CancellationToken ct);

    /// <summary>
    /// Stands in for the service: records every request and answers from, in order of precedence,
    /// a route for the exact path, then the FIFO script, then the fallback. Anything else is a test bug (599).
    /// </summary>
    public sealed class FakeHandler : HttpMessageHandler
    {
        private readonly object _gate = new object();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
        private readonly Queue<Responder> _script = new Queue<Responder>();
        private readonly Dictionary<string, Responder> _routes = new Dictionary<string, Responder>(StringComparer.Ordinal);

        /// <summary>Past this many requests every answer is a 599, so a runaway loop in Core fails the test instead of hanging it.</summary>
        public int MaxRequests { get; set; } = 500;

        /// <summary>Answers requests that match no route once the script is used up.</summary>
        public Responder Fallback { get; set; }

        /// <summary>Every request seen so far, in arrival order.</summary>
        public IReadOnlyList<RecordedRequest> Requests { get { lock (_gate) return _requests.ToList(); } }
        /// <summary>Requests that were not to /oauth2/.</summary>
        public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(r => !r.IsOAuth).ToList();
        /// <summary>Requests to the token endpoint (any path ending in /token).</summary>
        public IReadOnlyList<RecordedRequest> TokenRequests => Requests.Where(r => r.Path.EndsWith("/token", StringComparison.Ordinal)).ToList();

        public FakeHandler Enqueue(Responder responder)
        {
            lock (_gate) _script.Enqueue(responder);
            return this;
        }

        public FakeHandler Enqueue(Func<RecordedRequest, HttpResponseMessage> responder) =>
            Enqueue((r, ct) => Task.FromResult(responder(r)));

        public FakeHandler Enqueue(params HttpResponseMessage[] responses)
        {
            foreach (var response in responses) Enqueue((r, ct) => Task.FromResult(response));
            return this;
        }

        public FakeHandler Always(Func<RecordedRequest, HttpResponseMessage> responder)
        {
            Fallback = (r, ct) => Task.FromResult(responder(r));
            return this;
        }

        public FakeHandler Route(string path, Responder responder)
        {
            lock (_gate) _routes[path] = responder;
            return this;
        }

        public FakeHandler Route(string path, Func<RecordedRequest, HttpResponseMessage> responder) =>
            Route(path, (r, ct) => Task.FromResult(responder(r)));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in request.Headers) headers[h.Key] = string.Join(", ", h.Value);
            string body = null, contentType = null;
            if (request.Content != null)
            {
                foreach (var h in request.Content.Headers) headers[h.Key] = string.Join(", ", h.Value);
                contentType = request.Content.Headers.ContentType?.ToString();
                body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }

            RecordedRequest recorded;
            Responder responder;
            lock (_gate)
            {
                recorded = new RecordedRequest(_requests.Count, request.Method.Method, request.RequestUri, headers, body, contentType);
                _requests.Add(recorded);
                if (_requests.Count > MaxRequests)
                    return Respond.Text((HttpStatusCode)599, $"FakeHandler: more than {MaxRequests} requests; is the client looping?", "text/plain");
                if (!_routes.TryGetValue(recorded.Path, out responder))
                    responder = _script.Count > 0 ? _script.Dequeue() : Fallback;
            }
            if (responder == null)
                return Respond.Text((HttpStatusCode)599, $"FakeHandler: nothing scripted for {recorded}", "text/plain");
            var response = await responder(recorded, cancellationToken).ConfigureAwait(false);
            response.RequestMessage = request;
            return response;
        }
    }

    /// <summary>Builders for scripted responses.</summary>
    public static class Respond
    {
        public static HttpResponseMessage Json(int status, string json, params (string Name, string Value)[] headers) =>
            Json((HttpStatusCode)status, json, headers);

        public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            AddHeaders(response, headers);
            return response;
        }

        public static HttpResponseMessage Text(HttpStatusCode status, string text, string mediaType, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };
            AddHeaders(response, headers);
            return response;
        }

        /// <summary>A body with no Content-Type header at all.</summary>
        public static HttpResponseMessage Untyped(int status, string text)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.ContentType = null;
            return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
        }

        public static HttpResponseMessage Status(int status, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            AddHeaders(response, headers);
            return response;
        }

        /// <summary>An API error in the service's own shape.</summary>
        public static HttpResponseMessage Error(int status, string message, params (string Name, string Value)[] headers) =>
            Json(status, "{\"error\":{\"status\":" + status + ",\"message\":\"" + message + "\"}}", headers);

        public static HttpResponseMessage Token(string accessToken, double expiresIn = 3600, string scope = "thing category") =>
            Json(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\",\"expires_in\":" +
                      expiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"scope\":\"" + scope + "\"}");

        /// <summary>Status line and headers arrive, then the connection drops while the body is read.</summary>
        public static HttpResponseMessage DroppedMidBody(int status = 200) =>
            new HttpResponseMessage((HttpStatusCode)status) { Content = new FailingContent() };

        private static void AddHeaders(HttpResponseMessage response, (string Name, string Value)[] headers)
        {
            foreach (var (name, value) in headers)
                if (!response.Headers.TryAddWithoutValidation(name, value))
                    response.Content.Headers.TryAddWithoutValidation(name, value);
        }

        private sealed class FailingContent : HttpContent
        {
            public FailingContent() { Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"); }

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext context)
            {
                var start = Encoding.UTF8.GetBytes("{\"data\":[{\"uid\":");
                await stream.WriteAsync(start, 0, start.Length).ConfigureAwait(false);
                throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");
            }

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }
        }
    }
}
