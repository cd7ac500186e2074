using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Auth;
using IotStudio.Models;
using IotStudio.Throttling;
using RestSharp;

namespace IotStudio.Http
{
    /// <summary>One connection's client: one RestClient with keep-alive, auth, retries and error mapping.</summary>
    public sealed class IotStudioClient : IDisposable
    {
        private readonly RestClient _rest;
        private readonly ITokenProvider _tokens;
        private readonly CancellationTokenSource _lifetime = new CancellationTokenSource();
        private readonly ConnectionBudget _budget;
        private int _disposed;

        /// <summary>Creates a client; nothing is sent until the first call.</summary>
        public IotStudioClient(IotStudioClientOptions options, ConnectionCredentials credentials, HttpMessageHandler handler = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _budget = new ConnectionBudget(options.ThrottleLimit);
            var restOptions = new RestClientOptions(options.BaseUrl)
            {
                Timeout = options.Timeout,
                UserAgent = options.UserAgent,
                ThrowOnAnyError = false,
                FollowRedirects = false,
                // RestSharp's default marks every status but 2xx and 404 as a transport error; here any answer that
                // arrived is a response, and the status decides. Real transport failures still come back as Error.
                CalculateResponseStatus = _ => ResponseStatus.Completed,
            };
            if (options.SkipCertificateCheck)
                restOptions.RemoteCertificateValidationCallback = (sender, cert, chain, errors) => true;
            // Every body is read into a pooled buffer before RestSharp sees it (see PooledBody).
            restOptions.ConfigureMessageHandler = inner => new PooledBodyHandler(handler ?? inner);
            _rest = new RestClient(restOptions);

            switch (credentials)
            {
                case AccessTokenCredentials token:
                    _tokens = new StaticTokenProvider(token);
                    break;
                case ClientCredentials client:
                    _tokens = new ClientCredentialsTokenProvider(this, client);
                    break;
                default:
                    throw new ArgumentException("Unknown credentials type.", nameof(credentials));
            }
            Categories = new CategoriesApi(this);
            Models = new ModelsApi(this);
            Things = new ThingsApi(this);
            Properties = new PropertiesApi(this);
            PropertyHistory = new PropertyHistoryApi(this);
            Actions = new ActionsApi(this);
            Events = new EventsApi(this);
            MqttCredentials = new MqttCredentialsApi(this);
            Email = new EmailApi(this);
            Raw = new RawApi(this);
            Query = new QueryApi(this);
        }

        /// <summary>The settings this client was made with.</summary>
        public IotStudioClientOptions Options { get; }
        /// <summary>How it authenticates (no secret is readable from it).</summary>
        public ConnectionCredentials Credentials { get; }
        /// <summary>Expiry of the current OAuth2 token, or null.</summary>
        public DateTimeOffset? TokenExpiresAt => _tokens.ExpiresAt;
        /// <summary>Scopes the server granted, or null.</summary>
        public string GrantedScope => _tokens.GrantedScope;
        /// <summary>True once disposed or disconnected.</summary>
        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;
        internal CancellationToken LifetimeToken => _lifetime.Token;
        internal ConnectionBudget Budget => _budget;
        /// <summary>
        /// Requests per second the connection allows itself since the service last throttled it (429, or 503 with
        /// Retry-After), climbing back as answers come in; null while it is not limited.
        /// </summary>
        public double? SendRate => _budget.Rate.Rate;

        /// <summary>Categories.</summary>
        public CategoriesApi Categories { get; }
        /// <summary>Models and their versions.</summary>
        public ModelsApi Models { get; }
        /// <summary>Things, plain and category-scoped.</summary>
        public ThingsApi Things { get; }
        /// <summary>Property values.</summary>
        public PropertiesApi Properties { get; }
        /// <summary>Properties history of Things.</summary>
        public PropertyHistoryApi PropertyHistory { get; }
        /// <summary>Action requests of Things.</summary>
        public ActionsApi Actions { get; }
        /// <summary>Events of Things.</summary>
        public EventsApi Events { get; }
        /// <summary>MQTT credentials of Categories and Things.</summary>
        public MqttCredentialsApi MqttCredentials { get; }
        /// <summary>Email through the Communications API.</summary>
        public EmailApi Email { get; }
        /// <summary>Any call, built from a method, a path below the API URL, a query and a body.</summary>
        public RawApi Raw { get; }
        /// <summary>Query cursors: AQL queries read batch by batch.</summary>
        public QueryApi Query { get; }

        /// <summary>Fetches the first token now, so bad credentials fail at connect time.</summary>
        public Task ConnectAsync(CancellationToken ct) => _tokens.GetTokenAsync(ct);

        /// <summary>
        /// The bearer token the next call would send (fetched or refreshed first when it is missing or close to
        /// expiry), as a SecureString, with its expiry and scopes.
        /// </summary>
        public async Task<AccessToken> GetAccessTokenAsync(CancellationToken ct)
        {
            if (IsDisposed) throw new IotStudioConnectionClosedException(Options.BaseUrl);
            var issued = await _tokens.GetIssuedTokenAsync(ct).ConfigureAwait(false);
            var scope = !string.IsNullOrEmpty(issued.Scope)
                ? issued.Scope.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)
                : (Credentials as ClientCredentials)?.Scopes.ToArray() ?? Array.Empty<string>();
            return new AccessToken(SecureText.Protect(issued.Token), issued.ExpiresAt, scope, Options.BaseUrl);
        }

        /// <summary>Revokes the token (client credentials) and disposes the client.</summary>
        public async Task DisconnectAsync(CancellationToken ct)
        {
            if (IsDisposed) return;
            try
            {
                if (_tokens.CanRevoke) await _tokens.RevokeAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                Dispose();
            }
        }

        /// <summary>Whether Disconnect can revoke the token on the server.</summary>
        public bool CanRevoke => _tokens.CanRevoke;

        /// <summary>Sends an authenticated API request; throws an <see cref="IotStudioException"/> for anything but 2xx.</summary>
        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken ct)
        {
            var response = await SendCoreAsync(request, authenticate: true, oauth: false, ct).ConfigureAwait(false);
            response.Detach();
            return response;
        }

        internal async Task<ApiResponse> SendOAuthAsync(ApiRequest request, CancellationToken ct)
        {
            var response = await SendCoreAsync(request, authenticate: false, oauth: true, ct).ConfigureAwait(false);
            response.Detach();
            return response;
        }

        /// <summary>Sends a request and maps the JSON body, parsed once from the pooled bytes it arrived in.</summary>
        internal async Task<T> SendAsync<T>(ApiRequest request, Func<JsonElement, T> map, CancellationToken ct)
        {
            var response = await SendCoreAsync(request, authenticate: true, oauth: false, ct).ConfigureAwait(false);
            try
            {
                using (var doc = JsonDocument.Parse(response.Body))
                    return map(doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is KeyNotFoundException)
            {
                response.Detach();
                throw new IotStudioResponseException(
                    $"{request.Method} {request.RelativePath} answered {response.StatusCode} with a body that is not the JSON the API promises: {ex.Message}",
                    request.Method, request.RelativePath, response.Raw, ex);
            }
            finally
            {
                response.Release();
            }
        }

        private async Task<ApiResponse> SendCoreAsync(ApiRequest request, bool authenticate, bool oauth, CancellationToken ct)
        {
            if (IsDisposed && !oauth) throw new IotStudioConnectionClosedException(Options.BaseUrl, request.Method, PathOnly(request));
            try
            {
                return await SendAttemptsAsync(request, authenticate, oauth, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!oauth && IsDisposed && !ct.IsCancellationRequested && !(ex is IotStudioConnectionClosedException))
            {
                // Disconnected meanwhile (possibly from another runspace): whatever the disposed HttpClient or the cancelled
                // token refresh threw, the truth is that this connection was closed.
                throw new IotStudioConnectionClosedException(Options.BaseUrl, request.Method, PathOnly(request), ex);
            }
        }

        private async Task<ApiResponse> SendAttemptsAsync(ApiRequest request, bool authenticate, bool oauth, CancellationToken ct)
        {
            var retry = Options.Retry ?? new RetryPolicy();
            var observer = RequestObservation.Current;
            var refreshedAfter401 = false;
            var displayPath = DisplayPath(request);
            for (var attempt = 1; ; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                // The connection's budget first (its place in flight, its turn at the adaptive rate), then the token, so
                // that a long wait never sends a stale token. Token requests stay outside the budget: the request that
                // holds a place may be the one waiting for a token.
                var slot = authenticate ? await _budget.EnterAsync(ct).ConfigureAwait(false) : default(SendSlot);
                string token;
                var body = new BodyCapture();
                RestRequest rest;
                try
                {
                    token = authenticate ? await _tokens.GetTokenAsync(ct).ConfigureAwait(false) : null;
                    rest = BuildRestRequest(request, token, body);
                }
                catch
                {
                    slot.Dispose();
                    throw;
                }
                var watch = Stopwatch.StartNew();
                RestResponse r;
                try
                {
                    r = await _rest.ExecuteAsync(rest, ct).ConfigureAwait(false);
                }
                finally
                {
                    slot.Dispose();
                }
                watch.Stop();
                ct.ThrowIfCancellationRequested();
                // A request cut off by a disconnect is neither a transport failure nor something to retry.
                if (IsDisposed && !oauth) throw new IotStudioConnectionClosedException(Options.BaseUrl, request.Method, PathOnly(request), r.ErrorException);

                var completed = r.ResponseStatus == ResponseStatus.Completed;
                var status = completed ? (int)r.StatusCode : 0;
                var transportError = completed ? null : Describe(r);
                TimeSpan? retryAfter = completed && status >= 400 ? RetryPolicy.ParseRetryAfter(Header(r, "Retry-After"), DateTimeOffset.UtcNow) : null;
                var tooLong = retryAfter.HasValue && retryAfter.Value > retry.MaxRetryAfter;
                if (authenticate && completed) _budget.OnAnswer(slot, status, tooLong ? null : retryAfter);
                observer?.OnAttempt(new RequestTrace(request.Method, displayPath, status, watch.Elapsed, attempt, transportError));

                if (completed && status >= 200 && status < 300)
                    return new ApiResponse((int)r.StatusCode, Headers(r), body.Take());

                if (completed && status == 401 && authenticate && _tokens.CanRefresh && !refreshedAfter401)
                {
                    // The token died early (expired or revoked server-side): one forced refresh, one more try.
                    refreshedAfter401 = true;
                    body.Take().Release();
                    await _tokens.RefreshAsync(token, ct).ConfigureAwait(false);
                    attempt--;
                    continue;
                }

                var neverSent = !completed && NeverReachedServer(r.ErrorException);
                if (!tooLong && retry.ShouldRetry(request, status, neverSent, attempt))
                {
                    var delay = retryAfter ?? retry.Backoff(attempt);
                    var reason = completed
                        ? $"{status} {IotStudioApiException.StatusText(status)}".Trim() + (retryAfter.HasValue ? $", Retry-After {Header(r, "Retry-After")}" : "")
                        : transportError;
                    observer?.OnRetry(new RetryNotice(request.Method, displayPath, status, delay, attempt + 1, retry.MaxAttempts, reason));
                    // This answer is dropped: its pooled buffer goes back before the next attempt takes one.
                    body.Take().Release();
                    if (delay > TimeSpan.Zero) await Task.Delay(delay, ct).ConfigureAwait(false);
                    continue;
                }

                if (!completed)
                {
                    var timedOut = r.ResponseStatus == ResponseStatus.TimedOut;
                    var message = timedOut
                        ? $"{request.Method} {displayPath} timed out after {Options.Timeout.TotalSeconds:0.#} s (attempt {attempt} of {retry.MaxAttempts})."
                        : $"{request.Method} {displayPath} failed without a response: {transportError} (attempt {attempt} of {retry.MaxAttempts}).";
                    throw new IotStudioTransportException(message, request.Method, PathOnly(request), timedOut, r.ErrorException);
                }
                var raw = new ApiResponse((int)r.StatusCode, Headers(r), body.Take()).Raw;
                // OAuth2 endpoints speak their own error shape only when they refuse a request (4xx); a throttled or
                // failing endpoint (408, 429, 5xx, a proxy page) is an ordinary HTTP failure, not a credentials problem.
                if (oauth && status >= 400 && status < 500 && status != 408 && status != 429)
                    throw IotStudioOAuthException.FromResponse(request.Method, PathOnly(request), raw);
                throw IotStudioApiException.FromResponse(request.Method, PathOnly(request), raw);
            }
        }

        private RestRequest BuildRestRequest(ApiRequest request, string token, BodyCapture body)
        {
            var url = IsAbsolute(request.RelativePath) ? request.PathAndQuery : Options.BaseUrl + request.PathAndQuery;
            var rest = new RestRequest(new Uri(url, UriKind.Absolute), ToMethod(request.Method));
            // The body is taken once, as the pooled bytes PooledBodyHandler read it into: RestSharp would otherwise copy
            // it twice more and decode it into a string that a successful answer never needs (the JSON is parsed from
            // the bytes; only error paths and non-JSON answers decode text, through RawResponse.Body). Headers-read,
            // so that HttpClient does not buffer the body a second time.
            rest.CompletionOption = HttpCompletionOption.ResponseHeadersRead;
            rest.ResponseWriter = body.Capture;
            rest.AddHeader("Accept", "application/json");
            if (token != null) rest.AddHeader("Authorization", "Bearer " + token);
            if (request.Body != null) rest.AddStringBody(request.Body, request.ContentType ?? "application/json");
            return rest;
        }

        private static bool IsAbsolute(string path) => path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

        private static string PathOnly(ApiRequest request) =>
            IsAbsolute(request.RelativePath) ? new Uri(request.RelativePath).AbsolutePath : request.RelativePath;

        // Query values can hold cursors but never secrets; OAuth2 form bodies are never shown.
        private static string DisplayPath(ApiRequest request) =>
            IsAbsolute(request.RelativePath) ? new Uri(request.PathAndQuery).PathAndQuery : request.PathAndQuery;

        private static Method ToMethod(string method)
        {
            switch (method)
            {
                case "GET": return Method.Get;
                case "POST": return Method.Post;
                case "PUT": return Method.Put;
                case "PATCH": return Method.Patch;
                case "DELETE": return Method.Delete;
                case "HEAD": return Method.Head;
                case "OPTIONS": return Method.Options;
                default: throw new ArgumentException($"HTTP method {method} is not supported.");
            }
        }

        private static string Header(RestResponse r, string name)
        {
            var h = r.Headers?.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? r.ContentHeaders?.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
            return h?.Value?.ToString();
        }

        private static Dictionary<string, string> Headers(RestResponse r)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in (r.Headers ?? Enumerable.Empty<HeaderParameter>()).Concat(r.ContentHeaders ?? Enumerable.Empty<HeaderParameter>()))
            {
                if (h.Name == null) continue;
                var v = h.Value?.ToString();
                headers[h.Name] = headers.TryGetValue(h.Name, out var existing) ? existing + ", " + v : v;
            }
            return headers;
        }

        /// <summary>Receives the response body from RestSharp (see <see cref="BuildRestRequest"/>).</summary>
        private sealed class BodyCapture
        {
            private PooledBody _body;

            public PooledBody Take() => Interlocked.Exchange(ref _body, null) ?? PooledBody.FromArray(Array.Empty<byte>());

            // The body is already in memory when RestSharp hands it over (PooledBodyHandler read it), so nothing here
            // waits on the network: the pooled buffer is taken as it is. Returning null tells RestSharp there is
            // nothing left for it to read or decode.
            public Stream Capture(Stream stream)
            {
                if (stream is PooledContent.BodyStream pooled && pooled.Content.Take() is PooledBody body)
                {
                    _body = body;
                    return null;
                }
                using (var copy = new MemoryStream())
                {
                    stream.CopyTo(copy);
                    _body = PooledBody.FromArray(copy.ToArray());
                }
                return null;
            }
        }

        private static string Describe(RestResponse r)
        {
            var ex = r.ErrorException;
            if (r.ResponseStatus == ResponseStatus.TimedOut) return "timed out";
            if (ex == null) return r.ErrorMessage ?? r.ResponseStatus.ToString();
            var innermost = ex;
            while (innermost.InnerException != null) innermost = innermost.InnerException;
            return innermost == ex ? ex.Message : $"{ex.Message} ({innermost.Message})";
        }

        /// <summary>True when the failure happened before the request could reach the server (nothing to duplicate).</summary>
        internal static bool NeverReachedServer(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException se)
                {
                    switch (se.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
            }
            return false;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _lifetime.Cancel();
            _budget.Dispose();
            _rest.Dispose();
            _lifetime.Dispose();
        }
    }
}
