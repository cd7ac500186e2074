namespace IotStudio.Emulator.Query;

/// <summary>The loop variable.</summary>
public sealed record AqlVariable(string Name) : AqlExpr;
