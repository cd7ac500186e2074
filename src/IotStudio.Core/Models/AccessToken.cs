using System;
using System.Security;

namespace IotStudio.Models
{
    /// <summary>A connection's current bearer token, for calling the API with another tool. The token is only ever a SecureString.</summary>
    public sealed class AccessToken
    {
        /// <summary>Wraps a token; <paramref name="token"/> is kept as it is (make it read-only first).</summary>
        public AccessToken(SecureString token, DateTimeOffset? expiresOn, string[] scope, string apiUrl)
        {
            Token = token ?? throw new ArgumentNullException(nameof(token));
            ExpiresOn = expiresOn;
            Scope = scope ?? Array.Empty<string>();
            ApiUrl = apiUrl;
        }

        /// <summary>The bearer token.</summary>
        public SecureString Token { get; }
        /// <summary>When the token expires; null for a static token, whose expiry the module cannot know.</summary>
        public DateTimeOffset? ExpiresOn { get; }
        /// <summary>The scopes the service granted (or, when it named none, those asked for).</summary>
        public string[] Scope { get; }
        /// <summary>The API the token is for.</summary>
        public string ApiUrl { get; }

        /// <inheritdoc />
        public override string ToString() => ExpiresOn.HasValue ? $"Bearer token for {ApiUrl}, expires {ExpiresOn.Value:u}" : $"Bearer token for {ApiUrl}";
    }
}
