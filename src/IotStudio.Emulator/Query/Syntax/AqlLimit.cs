namespace IotStudio.Emulator.Query;

/// <summary><c>LIMIT count</c> or <c>LIMIT offset, count</c>; <see cref="Offset"/> is null for the first form.</summary>
public sealed record AqlLimit(AqlExpr Offset, AqlExpr Count, int Line, int Column) : AqlOperation;
