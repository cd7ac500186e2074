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
