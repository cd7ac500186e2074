namespace IotStudio.Emulator;

/// <summary>An OAuth2 client the emulator accepts (from <c>--client ID:SECRET[:SCOPES]</c>).</summary>
public sealed record ClientConfig(string Id, string Secret, IReadOnlyList<string> Scopes);
