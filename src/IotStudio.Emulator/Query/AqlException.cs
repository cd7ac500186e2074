namespace IotStudio.Emulator.Query;

/// <summary>A query the emulator refuses, with where in the text (1-based line and column, when known).</summary>
public sealed class AqlException(AqlErrorKind kind, string message, int line = 0, int column = 0)
    : Exception(line > 0 ? $"{message} at position {line}:{column}" : message)
{
    public AqlErrorKind Kind { get; } = kind;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
