namespace IotStudio.Emulator.Query;

/// <summary><c>FILTER condition</c>: keeps the rows for which the condition is true (as AQL converts it to a boolean).</summary>
public sealed record AqlFilter(AqlExpr Condition) : AqlOperation;
