namespace IotStudio.Emulator.Query;

/// <summary>Why a query was refused.</summary>
public enum AqlErrorKind
{
    /// <summary>Not valid AQL at all.</summary>
    Syntax,
    /// <summary>Valid AQL, outside the subset the emulator runs.</summary>
    Unsupported,
    /// <summary>A query that writes (INSERT, UPDATE, REPLACE, REMOVE, UPSERT): the query service is read-only.</summary>
    ReadOnly,
    /// <summary>Parsed, but its values do not fit (a missing bind variable, a LIMIT that is not a count).</summary>
    Invalid,
}

/// <summary>A query the emulator refuses, with where in the text (1-based line and column, when known).</summary>
public sealed class AqlException(AqlErrorKind kind, string message, int line = 0, int column = 0)
    : Exception(line > 0 ? $"{message} at position {line}:{column}" : message)
{
    public AqlErrorKind Kind { get; } = kind;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
