namespace IotStudio.Emulator.Infrastructure;

/// <summary>A decoded cursor: which direction, and the page boundary (an offset or a key).</summary>
public sealed class Cursor
{
    public bool Previous { get; init; }

    public int Offset { get; init; }

    public string Key { get; init; }
}
