namespace IotStudio.Emulator.Control;

public enum FaultKind
{
    None,
    Throttle,
    Fail,
    Drop,
    Html502,
    RateLimit,
}
