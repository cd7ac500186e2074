namespace IotStudio.Emulator.Query;

/// <summary>A binary operator: <c>== != &lt; &lt;= &gt; &gt;= IN NOT_IN LIKE NOT_LIKE AND OR</c>.</summary>
public sealed record AqlBinary(string Operator, AqlExpr Left, AqlExpr Right) : AqlExpr;
