namespace IotStudio.Emulator.Query;

/// <summary><c>@name</c>.</summary>
public sealed record AqlBindVariable(string Name) : AqlExpr;
