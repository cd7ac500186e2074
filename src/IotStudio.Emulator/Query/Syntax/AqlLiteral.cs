using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Query;

/// <summary>A literal value (null for <c>null</c>).</summary>
public sealed record AqlLiteral(JsonNode Value) : AqlExpr;
