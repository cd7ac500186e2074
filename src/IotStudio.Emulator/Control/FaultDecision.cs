namespace IotStudio.Emulator.Control;

public readonly record struct FaultDecision(FaultKind Kind, int Status, string RetryAfter, int LatencyMs);
