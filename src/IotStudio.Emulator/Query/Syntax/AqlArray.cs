namespace IotStudio.Emulator.Query;

/// <summary><c>[a, b, ...]</c>.</summary>
public sealed record AqlArray(IReadOnlyList<AqlExpr> Items) : AqlExpr;
