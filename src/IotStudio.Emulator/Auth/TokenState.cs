namespace IotStudio.Emulator.Auth;

public enum TokenState
{
    Valid,
    Unknown,
    Expired,
    Revoked,
}
