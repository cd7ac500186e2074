using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;

namespace IotStudio.Auth
{
    /// <summary>How a connection authenticates. Secrets stay in SecureStrings until the moment they are sent.</summary>
    public abstract class ConnectionCredentials
    {
        internal ConnectionCredentials() { }

        /// <summary>A name for display: "AccessToken" or "ClientCredentials".</summary>
        public abstract string Method { get; }
    }

    /// <summary>A static bearer token, used as it is; it cannot be refreshed.</summary>
    public sealed class AccessTokenCredentials : ConnectionCredentials
    {
        /// <summary>Wraps the token.</summary>
        public AccessTokenCredentials(SecureString token)
        {
            if (token == null || token.Length == 0) throw new ArgumentException("The access token is empty.", nameof(token));
            Token = token.Copy();
            Token.MakeReadOnly();
        }

        internal SecureString Token { get; }
        /// <inheritdoc />
        public override string Method => "AccessToken";
    }

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

    internal static class SecureText
    {
        /// <summary>The plain text of a SecureString; call only where the value is sent.</summary>
        public static string Reveal(SecureString s)
        {
            if (s == null) return null;
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(s);
                return Marshal.PtrToStringUni(ptr, s.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
