using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Query;

/// <summary>A parsed query: <c>FOR Variable IN Collection</c> (absent for a bare <c>RETURN expr</c>), its operations in
/// the order written, and what it returns. <see cref="BindVariables"/> names every <c>@name</c> it uses.</summary>
public sealed record AqlQuery(string Variable, string Collection, IReadOnlyList<AqlOperation> Operations, AqlExpr Return, IReadOnlySet<string> BindVariables);

public abstract record AqlOperation;

/// <summary><c>FILTER condition</c>: keeps the rows for which the condition is true (as AQL converts it to a boolean).</summary>
public sealed record AqlFilter(AqlExpr Condition) : AqlOperation;

/// <summary><c>SORT key [ASC|DESC], ...</c>.</summary>
public sealed record AqlSort(IReadOnlyList<AqlSortKey> Keys) : AqlOperation;

public sealed record AqlSortKey(AqlExpr Value, bool Descending);

/// <summary><c>LIMIT count</c> or <c>LIMIT offset, count</c>; <see cref="Offset"/> is null for the first form.</summary>
public sealed record AqlLimit(AqlExpr Offset, AqlExpr Count, int Line, int Column) : AqlOperation;

public abstract record AqlExpr;

/// <summary>A literal value (null for <c>null</c>).</summary>
public sealed record AqlLiteral(JsonNode Value) : AqlExpr;

/// <summary><c>@name</c>.</summary>
public sealed record AqlBindVariable(string Name) : AqlExpr;

/// <summary>The loop variable.</summary>
public sealed record AqlVariable(string Name) : AqlExpr;

/// <summary><c>target.name</c>, and <c>target[key]</c> with <see cref="Key"/> set instead.</summary>
public sealed record AqlMember(AqlExpr Target, string Name, AqlExpr Key = null) : AqlExpr;

/// <summary><c>[a, b, ...]</c>.</summary>
public sealed record AqlArray(IReadOnlyList<AqlExpr> Items) : AqlExpr;

/// <summary><c>{key: value, ...}</c>.</summary>
public sealed record AqlObject(IReadOnlyList<KeyValuePair<string, AqlExpr>> Entries) : AqlExpr;

/// <summary><c>NOT x</c> (also <c>!x</c>) and <c>-x</c>.</summary>
public sealed record AqlUnary(string Operator, AqlExpr Operand) : AqlExpr;

/// <summary>A binary operator: <c>== != &lt; &lt;= &gt; &gt;= IN NOT_IN LIKE NOT_LIKE AND OR</c>.</summary>
public sealed record AqlBinary(string Operator, AqlExpr Left, AqlExpr Right) : AqlExpr;
