namespace IotStudio.Emulator.Infrastructure;

/// <summary>Endpoint metadata: the API operation (OpenAPI operationId, or the README's name for the operations
/// the YAML lacks) that a route serves. The route coverage test reads it from the endpoint table.</summary>
public sealed record ApiOperation(string OperationId);
