namespace IotStudio.Emulator.Query;

public enum AqlTokenKind
{
    /// <summary>A name or keyword; <see cref="AqlToken.Quoted"/> when written in backticks (never a keyword).</summary>
    Name,
    Number,
    String,
    /// <summary><c>@name</c>; the text is the name.</summary>
    BindVariable,
    /// <summary><c>@@name</c> (a collection bind parameter).</summary>
    CollectionBindVariable,
    /// <summary>Punctuation and operators: <c>. , ( ) [ ] { } : == != &lt; &lt;= &gt; &gt;= ! &amp;&amp; || + - * / % ? .. = =~ !~</c>.</summary>
    Symbol,
    End,
}

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
