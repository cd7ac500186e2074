namespace IotStudio.Emulator.Query;

/// <summary><c>NOT x</c> (also <c>!x</c>) and <c>-x</c>.</summary>
public sealed record AqlUnary(string Operator, AqlExpr Operand) : AqlExpr;
