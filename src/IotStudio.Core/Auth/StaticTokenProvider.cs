using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.Auth
{
    internal sealed class StaticTokenProvider : ITokenProvider
    {
        private readonly string _token;
        public StaticTokenProvider(AccessTokenCredentials credentials) { _token = SecureText.Reveal(credentials.Token); }
        public bool CanRefresh => false;
        public bool CanRevoke => false;
        public DateTimeOffset? ExpiresAt => null;
        public string GrantedScope => null;
        public Task<string> GetTokenAsync(CancellationToken ct) => Task.FromResult(_token);
        public Task<IssuedToken> GetIssuedTokenAsync(CancellationToken ct) => Task.FromResult(new IssuedToken(_token, null, null));
        public Task<string> RefreshAsync(string staleToken, CancellationToken ct) => Task.FromResult(_token);
        public Task RevokeAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
