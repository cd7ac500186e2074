using System;

namespace IotStudio.Auth
{
    /// <summary>A bearer token with the expiry and scope it was issued with, read together so they always match.</summary>
    internal sealed class IssuedToken
    {
        public IssuedToken(string token, DateTimeOffset? expiresAt, string scope)
        {
            Token = token;
            ExpiresAt = expiresAt;
            Scope = scope;
        }

        /// <summary>The bearer token.</summary>
        public string Token { get; }
        /// <summary>When it expires; null for a static token.</summary>
        public DateTimeOffset? ExpiresAt { get; }
        /// <summary>The scopes the server granted, space-separated, or null.</summary>
        public string Scope { get; }
    }
}
