namespace IotStudio.Emulator.Query;

/// <summary>One token of a query, with where it starts (1-based line and column).</summary>
public sealed record AqlToken(AqlTokenKind Kind, string Text, int Line, int Column, bool Quoted = false)
{
    /// <summary>True for an unquoted name equal to <paramref name="keyword"/>, ignoring case (AQL keywords are case-insensitive).</summary>
    public bool Is(string keyword) => Kind == AqlTokenKind.Name && !Quoted && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == AqlTokenKind.Symbol && Text == symbol;

    public string Describe() => Kind switch
    {
        AqlTokenKind.End => "the end of the query",
        AqlTokenKind.String => $"string \"{Text}\"",
        AqlTokenKind.BindVariable => $"'@{Text}'",
        AqlTokenKind.CollectionBindVariable => $"'@@{Text}'",
        _ => $"'{Text}'",
    };
}
