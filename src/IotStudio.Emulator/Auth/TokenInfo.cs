namespace IotStudio.Emulator.Auth;

public sealed class TokenInfo
{
    public string ClientId { get; init; }

    public IReadOnlyList<string> Scopes { get; init; }

    public bool IsStatic { get; init; }

    /// <summary>Null for static tokens.</summary>
    public DateTime? ExpiresAt { get; set; }

    public bool Revoked { get; set; }
}
