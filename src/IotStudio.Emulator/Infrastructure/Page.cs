namespace IotStudio.Emulator.Infrastructure;

public sealed class Page<T>
{
    public List<T> Items { get; init; }

    public string Next { get; init; } = "";

    public string Previous { get; init; } = "";
}
