using System.Security;

namespace IotStudio.Models
{
    /// <summary>A Thing's OAuth2 client after its secret was reset. The secret is only ever a SecureString.</summary>
    public sealed class ThingSecret
    {
        internal ThingSecret(string space, string thingId, string clientId, SecureString clientSecret)
        {
            Space = space;
            ThingId = thingId;
            ClientId = clientId;
            ClientSecret = clientSecret;
        }

        /// <summary>The space.</summary>
        public string Space { get; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; }
        /// <summary>The Thing's OAuth2 client id (not a secret).</summary>
        public string ClientId { get; }
        /// <summary>The new client secret; the previous one no longer works.</summary>
        public SecureString ClientSecret { get; }

        /// <inheritdoc />
        public override string ToString() => ClientId ?? "";
    }
}
