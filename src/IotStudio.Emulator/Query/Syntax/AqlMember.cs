namespace IotStudio.Emulator.Query;

/// <summary><c>target.name</c>, and <c>target[key]</c> with <see cref="Key"/> set instead.</summary>
public sealed record AqlMember(AqlExpr Target, string Name, AqlExpr Key = null) : AqlExpr;
