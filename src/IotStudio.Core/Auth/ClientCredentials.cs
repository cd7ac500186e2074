using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;

namespace IotStudio.Auth
{
    /// <summary>OAuth2 client credentials: the token is fetched, refreshed before it expires, and revoked at the end.</summary>
    public sealed class ClientCredentials : ConnectionCredentials
    {
        /// <summary>Creates client credentials.</summary>
        public ClientCredentials(string clientId, SecureString clientSecret, IEnumerable<string> scopes = null)
        {
            if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("The client id is empty.", nameof(clientId));
            if (clientSecret == null || clientSecret.Length == 0) throw new ArgumentException("The client secret is empty.", nameof(clientSecret));
            ClientId = clientId;
            Secret = clientSecret.Copy();
            Secret.MakeReadOnly();
            Scopes = (scopes ?? Enumerable.Empty<string>())
                .SelectMany(s => (s ?? "").Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries))
                .Distinct(StringComparer.Ordinal).ToArray();
        }

        /// <summary>The scopes the API documents; the service may grant others (such as <c>app function</c>).</summary>
        public static IReadOnlyList<string> KnownScopes { get; } = new[] { "category", "model", "thing", "query", "offline" };

        /// <summary>The OAuth2 client id (not a secret).</summary>
        public string ClientId { get; }
        internal SecureString Secret { get; }
        /// <summary>Scopes asked for; empty asks for the client's default grant.</summary>
        public IReadOnlyList<string> Scopes { get; }
        /// <summary>Token endpoint; default <c>{ApiUrl}/oauth2/token</c>.</summary>
        public Uri TokenUrl { get; set; }
        /// <summary>Revoke endpoint; default <c>{ApiUrl}/oauth2/revoke</c>.</summary>
        public Uri RevokeUrl { get; set; }
        /// <summary>Refresh this long before <c>expires_in</c> runs out (default 10 s).</summary>
        public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromSeconds(10);
        /// <inheritdoc />
        public override string Method => "ClientCredentials";
    }
}
