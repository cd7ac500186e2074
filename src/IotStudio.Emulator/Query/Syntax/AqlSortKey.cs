namespace IotStudio.Emulator.Query;

public sealed record AqlSortKey(AqlExpr Value, bool Descending);
