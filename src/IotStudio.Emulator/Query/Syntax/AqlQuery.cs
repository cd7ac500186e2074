namespace IotStudio.Emulator.Query;

/// <summary>A parsed query: <c>FOR Variable IN Collection</c> (absent for a bare <c>RETURN expr</c>), its operations in
/// the order written, and what it returns. <see cref="BindVariables"/> names every <c>@name</c> it uses.</summary>
public sealed record AqlQuery(string Variable, string Collection, IReadOnlyList<AqlOperation> Operations, AqlExpr Return, IReadOnlySet<string> BindVariables);
