using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.Auth
{
    /// <summary>OAuth2 client credentials with single-flight refresh: N concurrent callers cause one token request.</summary>
    internal sealed class ClientCredentialsTokenProvider : ITokenProvider
    {
        private sealed class TokenState
        {
            public string Token;
            public DateTimeOffset IssuedAt;
            public DateTimeOffset ExpiresAt;
            public string Scope;
        }

        private readonly IotStudioClient _client;
        private readonly ClientCredentials _credentials;
        private readonly Func<DateTimeOffset> _clock;
        private readonly object _gate = new object();
        private TokenState _current;
        private Task<TokenState> _inflight;

        public ClientCredentialsTokenProvider(IotStudioClient client, ClientCredentials credentials, Func<DateTimeOffset> clock = null)
        {
            _client = client;
            _credentials = credentials;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public bool CanRefresh => true;
        public bool CanRevoke => true;
        public DateTimeOffset? ExpiresAt => Volatile.Read(ref _current)?.ExpiresAt;
        public string GrantedScope => Volatile.Read(ref _current)?.Scope;

        // The margin never exceeds half the token's life, so a margin as long as the lifetime cannot mean a token request per call.
        private bool IsFresh(TokenState s)
        {
            if (s == null) return false;
            var half = TimeSpan.FromTicks((s.ExpiresAt - s.IssuedAt).Ticks / 2);
            var margin = _credentials.RefreshBefore < half ? _credentials.RefreshBefore : half;
            return _clock() < s.ExpiresAt - margin;
        }

        public async Task<string> GetTokenAsync(CancellationToken ct)
        {
            var current = Volatile.Read(ref _current);
            if (IsFresh(current)) return current.Token;
            return (await FetchShared(current, ct).ConfigureAwait(false)).Token;
        }

        public async Task<IssuedToken> GetIssuedTokenAsync(CancellationToken ct)
        {
            var current = Volatile.Read(ref _current);
            if (!IsFresh(current)) current = await FetchShared(current, ct).ConfigureAwait(false);
            return new IssuedToken(current.Token, current.ExpiresAt, current.Scope);
        }

        public async Task<string> RefreshAsync(string staleToken, CancellationToken ct)
        {
            var current = Volatile.Read(ref _current);
            if (current != null && current.Token != staleToken && IsFresh(current)) return current.Token;
            return (await FetchShared(current, ct).ConfigureAwait(false)).Token;
        }

        private Task<TokenState> FetchShared(TokenState seen, CancellationToken ct)
        {
            Task<TokenState> task;
            lock (_gate)
            {
                // Someone replaced the token since this caller looked: use theirs.
                if (_current != seen && IsFresh(_current)) return Task.FromResult(_current);
                if (_inflight == null || _inflight.IsCompleted)
                {
                    // The shared fetch must not die with one caller's cancellation; each caller waits on its own token.
                    var fetch = FetchAsync(_client.LifetimeToken);
                    _inflight = fetch;
                    fetch.ContinueWith(t => { lock (_gate) if (_inflight == t) _inflight = null; }, TaskScheduler.Default);
                }
                task = _inflight;
            }
            return task.WaitAsync(ct);
        }

        private async Task<TokenState> FetchAsync(CancellationToken ct)
        {
            var form = "grant_type=client_credentials" +
                       "&client_id=" + Uri.EscapeDataString(_credentials.ClientId) +
                       "&client_secret=" + Uri.EscapeDataString(SecureText.Reveal(_credentials.Secret));
            if (_credentials.Scopes.Count > 0) form += "&scope=" + Uri.EscapeDataString(string.Join(" ", _credentials.Scopes));
            var url = _credentials.TokenUrl?.ToString() ?? _client.Options.BaseUrl + "/oauth2/token";
            var request = new ApiRequest("POST", url).WithBody(form, "application/x-www-form-urlencoded");
            var response = await _client.SendOAuthAsync(request, ct).ConfigureAwait(false);
            var state = new TokenState();
            try
            {
                using (var doc = JsonDocument.Parse(response.Bytes ?? Array.Empty<byte>()))
                {
                    var root = doc.RootElement;
                    state.Token = root.GetProperty("access_token").GetString();
                    var expiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 3600;
                    state.IssuedAt = _clock();
                    state.ExpiresAt = state.IssuedAt.AddSeconds(expiresIn);
                    state.Scope = root.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is System.Collections.Generic.KeyNotFoundException)
            {
                throw new IotStudioResponseException("The token endpoint answered without a usable access_token.", request.Method, PathOf(url), response.Raw, ex);
            }
            if (string.IsNullOrEmpty(state.Token))
                throw new IotStudioResponseException("The token endpoint answered an empty access_token.", request.Method, PathOf(url), response.Raw);
            Volatile.Write(ref _current, state);
            RequestObservation.Current?.OnToken(string.Format(CultureInfo.InvariantCulture,
                "Got an access token for client '{0}', valid until {1:u}.", _credentials.ClientId, state.ExpiresAt));
            return state;
        }

        public async Task RevokeAsync(CancellationToken ct)
        {
            var current = Interlocked.Exchange(ref _current, null);
            if (current == null) return;
            var form = "token=" + Uri.EscapeDataString(current.Token) +
                       "&client_id=" + Uri.EscapeDataString(_credentials.ClientId) +
                       "&client_secret=" + Uri.EscapeDataString(SecureText.Reveal(_credentials.Secret));
            var url = _credentials.RevokeUrl?.ToString() ?? _client.Options.BaseUrl + "/oauth2/revoke";
            await _client.SendOAuthAsync(new ApiRequest("POST", url).WithBody(form, "application/x-www-form-urlencoded"), ct).ConfigureAwait(false);
        }

        private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url;
    }
}
