namespace IotStudio.Emulator.Contract;

/// <summary>One operation of the API description: its method, path and the response schemas by status.</summary>
public sealed record ContractOperation(string OperationId, string Method, string Path, string Document, IReadOnlyDictionary<int, string> ResponseSchemas);
