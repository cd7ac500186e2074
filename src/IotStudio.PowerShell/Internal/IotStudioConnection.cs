using System;
using System.Linq;
using IotStudio.Auth;
using IotStudio.Http;

namespace IotStudio.PowerShell
{
    /// <summary>A connection to the IoT Studio API: pass it with -Connection, or let it be the runspace's default.</summary>
    public sealed class IotStudioConnection
    {
        internal IotStudioConnection(IotStudioClient client, string space)
        {
            Client = client;
            Space = space;
            ConnectedAt = DateTimeOffset.Now;
        }

        internal IotStudioClient Client { get; }

        /// <summary>Identifies this connection.</summary>
        public Guid Id { get; } = Guid.NewGuid();
        /// <summary>The API base URL.</summary>
        public string ApiUrl => Client.Options.BaseUrl;
        /// <summary>The default space for calls made through this connection.</summary>
        public string Space { get; set; }
        /// <summary>AccessToken or ClientCredentials.</summary>
        public string AuthMethod => Client.Credentials.Method;
        /// <summary>The OAuth2 client id, for client credentials.</summary>
        public string ClientId => (Client.Credentials as ClientCredentials)?.ClientId;
        /// <summary>The scopes the service granted (client credentials), or those asked for.</summary>
        public string[] Scope
        {
            get
            {
                var granted = Client.GrantedScope;
                if (!string.IsNullOrEmpty(granted)) return granted.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                return (Client.Credentials as ClientCredentials)?.Scopes.ToArray() ?? new string[0];
            }
        }
        /// <summary>When the current token expires (client credentials); it is refreshed before then.</summary>
        public DateTimeOffset? TokenExpiresAt => Client.TokenExpiresAt?.ToLocalTime();
        /// <summary>False once disconnected.</summary>
        public bool IsConnected => !Client.IsDisposed;
        /// <summary>
        /// Requests in flight at once: the -ThrottleLimit of write cmdlets that do not give one, and the budget that every
        /// command and runspace using this connection shares (a command with a larger -ThrottleLimit raises it for itself).
        /// </summary>
        public int ThrottleLimit => Client.Options.ThrottleLimit;
        /// <summary>
        /// Requests per second this connection allows itself since the service last throttled it, climbing back as
        /// answers come in; empty while it is not limited.
        /// </summary>
        public double? SendRate => Client.SendRate;
        /// <summary>When the connection was made.</summary>
        public DateTimeOffset ConnectedAt { get; }
        /// <summary>True when it is the default connection of the current runspace.</summary>
        public bool IsDefault => ReferenceEquals(ConnectionStore.Default, this);

        /// <inheritdoc />
        public override string ToString() => $"{ApiUrl} ({AuthMethod}{(Space == null ? "" : ", space " + Space)})";
    }
}
