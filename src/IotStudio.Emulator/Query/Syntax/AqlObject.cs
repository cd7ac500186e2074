namespace IotStudio.Emulator.Query;

/// <summary><c>{key: value, ...}</c>.</summary>
public sealed record AqlObject(IReadOnlyList<KeyValuePair<string, AqlExpr>> Entries) : AqlExpr;
