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
