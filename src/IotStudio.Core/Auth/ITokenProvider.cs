using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.Auth
{
    /// <summary>Supplies the bearer token for API calls.</summary>
    internal interface ITokenProvider
    {
        bool CanRefresh { get; }
        bool CanRevoke { get; }
        DateTimeOffset? ExpiresAt { get; }
        string GrantedScope { get; }
        Task<string> GetTokenAsync(CancellationToken ct);
        /// <summary>The current token (fetched or refreshed when needed) with its own expiry and scope.</summary>
        Task<IssuedToken> GetIssuedTokenAsync(CancellationToken ct);
        /// <summary>Gets a new token unless another caller already replaced <paramref name="staleToken"/>.</summary>
        Task<string> RefreshAsync(string staleToken, CancellationToken ct);
        Task RevokeAsync(CancellationToken ct);
    }
}
