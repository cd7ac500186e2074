using System.Security.Cryptography;
using System.Text;

namespace IotStudio.Emulator.Auth;

/// <summary>OAuth2 clients, static tokens and issued tokens. Thread-safe. Token values are never exposed.</summary>
public sealed class TokenStore
{
    private readonly object _sync = new();
    private readonly Dictionary<string, ClientConfig> _clients;
    private readonly Dictionary<string, TokenInfo> _tokens = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime;
    private long _issued;
    private long _revoked;

    public TokenStore(EmulatorOptions options)
    {
        _lifetime = TimeSpan.FromSeconds(options.TokenLifetimeSeconds);
        _clients = options.Clients.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var t in options.StaticTokens)
        {
            _tokens[t] = new TokenInfo { ClientId = null, Scopes = null, IsStatic = true };
        }
        LifetimeSeconds = options.TokenLifetimeSeconds;
    }

    public int LifetimeSeconds { get; }

    /// <summary>The client with that id and secret (secret compared in constant time), else null.</summary>
    public ClientConfig Authenticate(string clientId, string secret)
    {
        if (clientId == null || secret == null || !_clients.TryGetValue(clientId, out var client))
        {
            return null;
        }
        bool ok = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.Secret));
        return ok ? client : null;
    }

    public string Issue(ClientConfig client, IReadOnlyList<string> scopes)
    {
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_sync)
        {
            _tokens[token] = new TokenInfo
            {
                ClientId = client.Id,
                Scopes = scopes,
                ExpiresAt = DateTime.UtcNow + _lifetime,
            };
            _issued++;
        }
        return token;
    }

    public TokenState Validate(string token, out TokenInfo info)
    {
        lock (_sync)
        {
            if (token == null || !_tokens.TryGetValue(token, out info))
            {
                info = null;
                return TokenState.Unknown;
            }
            if (info.Revoked)
            {
                return TokenState.Revoked;
            }
            if (info.ExpiresAt is DateTime exp && exp <= DateTime.UtcNow)
            {
                return TokenState.Expired;
            }
            return TokenState.Valid;
        }
    }

    /// <summary>True when the token carries <paramref name="scope"/> (static tokens carry all scopes).</summary>
    public static bool HasScope(TokenInfo info, string scope) => info.IsStatic || info.Scopes.Contains(scope);

    /// <summary>Revokes a token issued to <paramref name="client"/>. Unknown tokens, static tokens and other
    /// clients' tokens are left alone (the caller still answers 200, as RFC 7009 wants).</summary>
    public bool Revoke(ClientConfig client, string token)
    {
        lock (_sync)
        {
            if (_tokens.TryGetValue(token, out var info) && !info.IsStatic && !info.Revoked && info.ClientId == client.Id)
            {
                info.Revoked = true;
                _revoked++;
                return true;
            }
            return false;
        }
    }

    /// <summary>Expires every issued token that is still valid; static tokens are unaffected.</summary>
    public int ExpireAll()
    {
        var now = DateTime.UtcNow;
        int n = 0;
        lock (_sync)
        {
            foreach (var info in _tokens.Values)
            {
                if (!info.IsStatic && !info.Revoked && info.ExpiresAt > now)
                {
                    info.ExpiresAt = now;
                    n++;
                }
            }
        }
        return n;
    }

    public (long Issued, long Revoked, long Active) Counts()
    {
        var now = DateTime.UtcNow;
        lock (_sync)
        {
            long active = _tokens.Values.LongCount(t => !t.IsStatic && !t.Revoked && t.ExpiresAt > now);
            return (_issued, _revoked, active);
        }
    }

    /// <summary>Resets the counters only: issued tokens stay valid.</summary>
    public void ResetCounters()
    {
        lock (_sync)
        {
            _issued = 0;
            _revoked = 0;
        }
    }
}
