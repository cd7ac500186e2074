using System.Globalization;
using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Query;

/// <summary>
/// A recursive-descent parser for the read-only AQL subset the emulator runs (see the emulator README):
/// <code>
/// query      := FOR name IN collection operation* RETURN expr  |  RETURN expr
/// operation  := FILTER expr | SORT expr [ASC|DESC] (, expr [ASC|DESC])* | LIMIT expr [, expr]
/// expr       := or
/// or         := and ((OR | ||) and)*
/// and        := equality ((AND | &amp;&amp;) equality)*
/// equality   := in ((== | != | LIKE | NOT LIKE) in)*
/// in         := relational ((IN | NOT IN) relational)*
/// relational := unary ((&lt; | &lt;= | &gt; | &gt;=) unary)*
/// unary      := (NOT | !) unary | - unary | postfix
/// postfix    := primary (. name | [ expr ])*
/// primary    := number | string | true | false | null | @name | name | ( expr ) | [ exprs ] | { key: expr, ... }
/// </code>
/// Precedence follows AQL's: NOT binds tighter than a comparison, so write <c>NOT (a == b)</c>. A query that writes is
/// refused before anything else is looked at; valid AQL outside the subset is refused naming what is not supported.
/// </summary>
public sealed class AqlParser
{
    private static readonly string[] WriteKeywords = ["INSERT", "UPDATE", "REPLACE", "REMOVE", "UPSERT"];
    private static readonly string[] UnsupportedStatements = ["LET", "COLLECT", "WINDOW", "SEARCH", "PRUNE", "WITH", "AGGREGATE", "INTO", "GRAPH", "OUTBOUND", "INBOUND", "SHORTEST_PATH", "K_SHORTEST_PATHS", "K_PATHS", "ALL_SHORTEST_PATHS"];
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "FOR", "IN", "FILTER", "SORT", "LIMIT", "RETURN", "ASC", "DESC", "AND", "OR", "NOT", "LIKE", "TRUE", "FALSE", "NULL",
        "DISTINCT", "INSERT", "UPDATE", "REPLACE", "REMOVE", "UPSERT", "LET", "COLLECT", "WINDOW", "SEARCH", "PRUNE", "WITH",
        "AGGREGATE", "INTO", "GRAPH", "OUTBOUND", "INBOUND", "ANY", "ALL", "NONE", "AT", "LEAST",
    };

    private readonly List<AqlToken> _tokens;
    private readonly HashSet<string> _bindVariables = new(StringComparer.Ordinal);
    private int _pos;
    private string _variable;

    private AqlParser(List<AqlToken> tokens)
    {
        _tokens = tokens;
    }

    /// <summary>Parses a query; throws <see cref="AqlException"/> for anything it refuses.</summary>
    public static AqlQuery Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new AqlException(AqlErrorKind.Syntax, "the query is empty");
        }
        var parser = new AqlParser(AqlLexer.Tokenize(text));
        parser.RefuseWrites();
        return parser.ParseQuery();
    }

    private AqlToken Peek(int ahead = 0) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private AqlToken Next() => _tokens[Math.Min(_pos++, _tokens.Count - 1)];

    private bool Accept(string keyword)
    {
        if (!Peek().Is(keyword))
        {
            return false;
        }
        _pos++;
        return true;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!Peek().IsSymbol(symbol))
        {
            return false;
        }
        _pos++;
        return true;
    }

    private void ExpectSymbol(string symbol, string context)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Unexpected(Peek(), $"expected '{symbol}' {context}");
        }
    }

    private static AqlException Unexpected(AqlToken token, string expectation = null) =>
        new(AqlErrorKind.Syntax, $"syntax error, unexpected {token.Describe()}" + (expectation == null ? "" : $" ({expectation})"), token.Line, token.Column);

    private static AqlException Unsupported(AqlToken token, string what) =>
        new(AqlErrorKind.Unsupported, $"{what} is not supported by the emulator's AQL subset", token.Line, token.Column);

    /// <summary>
    /// The query service is read-only: a write keyword used as a keyword (not an attribute name after '.', nor an object
    /// key before ':') refuses the whole query, whatever else it holds.
    /// </summary>
    private void RefuseWrites()
    {
        for (int i = 0; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            string keyword = WriteKeywords.FirstOrDefault(t.Is);
            if (keyword == null || (i > 0 && _tokens[i - 1].IsSymbol(".")) || (i + 1 < _tokens.Count && _tokens[i + 1].IsSymbol(":")))
            {
                continue;
            }
            throw new AqlException(AqlErrorKind.ReadOnly, $"the query service is read-only: {keyword} is not allowed", t.Line, t.Column);
        }
    }

    private AqlQuery ParseQuery()
    {
        string collection = null;
        var operations = new List<AqlOperation>();
        var start = Peek();
        if (Accept("FOR"))
        {
            var name = Next();
            if (name.Kind != AqlTokenKind.Name || (!name.Quoted && Keywords.Contains(name.Text)))
            {
                throw Unexpected(name, "expected a variable name after FOR");
            }
            _variable = name.Text;
            if (!Accept("IN"))
            {
                throw Unexpected(Peek(), "expected IN after the FOR variable");
            }
            var source = Next();
            if (source.Kind == AqlTokenKind.CollectionBindVariable)
            {
                throw Unsupported(source, "a collection bind parameter (@@" + source.Text + ")");
            }
            if (source.Kind != AqlTokenKind.Name || (!source.Quoted && Keywords.Contains(source.Text)))
            {
                throw Unsupported(source, "looping over anything but a collection (things, categories, models)");
            }
            collection = source.Text;
            if (Peek().IsSymbol("(") || Peek().IsSymbol("["))
            {
                throw Unsupported(source, "looping over anything but a collection (things, categories, models)");
            }
        }
        else if (!start.Is("RETURN"))
        {
            throw StatementError(start, "a query starts with FOR (or RETURN)");
        }

        while (true)
        {
            var t = Peek();
            if (Accept("FILTER"))
            {
                operations.Add(new AqlFilter(ParseExpression()));
            }
            else if (Accept("SORT"))
            {
                var keys = new List<AqlSortKey>();
                do
                {
                    var value = ParseExpression();
                    bool descending = false;
                    if (Accept("DESC"))
                    {
                        descending = true;
                    }
                    else
                    {
                        Accept("ASC");
                    }
                    keys.Add(new AqlSortKey(value, descending));
                }
                while (AcceptSymbol(","));
                operations.Add(new AqlSort(keys));
            }
            else if (Accept("LIMIT"))
            {
                var first = ParseExpression();
                operations.Add(AcceptSymbol(",") ? new AqlLimit(first, ParseExpression(), t.Line, t.Column) : new AqlLimit(null, first, t.Line, t.Column));
            }
            else if (Accept("RETURN"))
            {
                if (Peek().Is("DISTINCT"))
                {
                    throw Unsupported(Peek(), "RETURN DISTINCT");
                }
                var result = ParseExpression();
                if (Peek().Kind != AqlTokenKind.End)
                {
                    throw StatementError(Peek(), "nothing may follow RETURN");
                }
                return new AqlQuery(_variable, collection, operations, result, _bindVariables);
            }
            else if (t.Kind == AqlTokenKind.End)
            {
                throw new AqlException(AqlErrorKind.Syntax, "the query has no RETURN", t.Line, t.Column);
            }
            else
            {
                throw StatementError(t, "expected FILTER, SORT, LIMIT or RETURN");
            }
        }
    }

    private static AqlException StatementError(AqlToken t, string expectation)
    {
        if (t.Is("FOR"))
        {
            return Unsupported(t, "a second FOR (nested loops and joins)");
        }
        string statement = UnsupportedStatements.FirstOrDefault(t.Is);
        if (statement != null)
        {
            return Unsupported(t, statement);
        }
        if (t.IsSymbol("?"))
        {
            return Unsupported(t, "the ternary operator '?'");
        }
        if (t.Kind == AqlTokenKind.Symbol && t.Text is "+" or "-" or "*" or "/" or "%")
        {
            return Unsupported(t, $"arithmetic ('{t.Text}')");
        }
        if (t.Kind == AqlTokenKind.Symbol && t.Text is "=~" or "!~")
        {
            return Unsupported(t, $"the regular expression operator '{t.Text}'");
        }
        if (t.IsSymbol(".."))
        {
            return Unsupported(t, "the range operator '..'");
        }
        return Unexpected(t, expectation);
    }

    private AqlExpr ParseExpression()
    {
        var e = ParseOr();
        if (Peek().IsSymbol("?"))
        {
            throw Unsupported(Peek(), "the ternary operator '?'");
        }
        return e;
    }

    private AqlExpr ParseOr()
    {
        var left = ParseAnd();
        while (Accept("OR") || AcceptSymbol("||"))
        {
            left = new AqlBinary("OR", left, ParseAnd());
        }
        return left;
    }

    private AqlExpr ParseAnd()
    {
        var left = ParseEquality();
        while (Accept("AND") || AcceptSymbol("&&"))
        {
            left = new AqlBinary("AND", left, ParseEquality());
        }
        return left;
    }

    private AqlExpr ParseEquality()
    {
        var left = ParseIn();
        while (true)
        {
            string op;
            if (AcceptSymbol("=="))
            {
                op = "==";
            }
            else if (AcceptSymbol("!="))
            {
                op = "!=";
            }
            else if (Accept("LIKE"))
            {
                op = "LIKE";
            }
            else if (Peek().Is("NOT") && Peek(1).Is("LIKE"))
            {
                _pos += 2;
                op = "NOT LIKE";
            }
            else
            {
                return left;
            }
            left = new AqlBinary(op, left, ParseIn());
        }
    }

    private AqlExpr ParseIn()
    {
        var left = ParseRelational();
        while (true)
        {
            string op;
            if (Accept("IN"))
            {
                op = "IN";
            }
            else if (Peek().Is("NOT") && Peek(1).Is("IN"))
            {
                _pos += 2;
                op = "NOT IN";
            }
            else
            {
                return left;
            }
            left = new AqlBinary(op, left, ParseRelational());
        }
    }

    private AqlExpr ParseRelational()
    {
        var left = ParseUnary();
        while (true)
        {
            var t = Peek();
            if (t.Kind != AqlTokenKind.Symbol || t.Text is not ("<" or "<=" or ">" or ">="))
            {
                RefuseUnsupportedOperator(t);
                return left;
            }
            _pos++;
            left = new AqlBinary(t.Text, left, ParseUnary());
        }
    }

    /// <summary>After an operand: an operator AQL has and the subset lacks is named, rather than reported as a syntax error.</summary>
    private static void RefuseUnsupportedOperator(AqlToken t)
    {
        if (t.Kind != AqlTokenKind.Symbol)
        {
            if (t.Is("ALL") || t.Is("ANY") || t.Is("NONE") || t.Is("AT"))
            {
                throw Unsupported(t, $"the array comparison operator {t.Text.ToUpperInvariant()}");
            }
            return;
        }
        switch (t.Text)
        {
            case "+" or "-" or "*" or "/" or "%":
                throw Unsupported(t, $"arithmetic ('{t.Text}')");
            case "=~" or "!~":
                throw Unsupported(t, $"the regular expression operator '{t.Text}'");
            case "..":
                throw Unsupported(t, "the range operator '..'");
            case "=":
                throw Unexpected(t, "compare with '=='");
        }
    }

    private AqlExpr ParseUnary()
    {
        if (Accept("NOT") || AcceptSymbol("!"))
        {
            return new AqlUnary("NOT", ParseUnary());
        }
        if (AcceptSymbol("-"))
        {
            return new AqlUnary("-", ParseUnary());
        }
        if (Peek().IsSymbol("+"))
        {
            throw Unsupported(Peek(), "arithmetic ('+')");
        }
        return ParsePostfix();
    }

    private AqlExpr ParsePostfix()
    {
        var e = ParsePrimary();
        while (true)
        {
            if (AcceptSymbol("."))
            {
                var name = Next();
                if (name.Kind != AqlTokenKind.Name)
                {
                    throw Unexpected(name, "expected an attribute name after '.'");
                }
                e = new AqlMember(e, name.Text);
            }
            else if (Peek().IsSymbol("["))
            {
                var open = Next();
                if (Peek().IsSymbol("*"))
                {
                    throw Unsupported(open, "array expansion ([*])");
                }
                if (Peek().IsSymbol("]"))
                {
                    throw Unexpected(Peek(), "expected an index or attribute name inside [ ]");
                }
                var key = ParseExpression();
                ExpectSymbol("]", "to close [");
                e = new AqlMember(e, null, key);
            }
            else
            {
                return e;
            }
        }
    }

    private AqlExpr ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case AqlTokenKind.Number:
                return new AqlLiteral(Number(t));
            case AqlTokenKind.String:
                return new AqlLiteral(JsonValue.Create(t.Text));
            case AqlTokenKind.BindVariable:
                _bindVariables.Add(t.Text);
                return new AqlBindVariable(t.Text);
            case AqlTokenKind.CollectionBindVariable:
                throw Unsupported(t, $"a collection bind parameter (@@{t.Text})");
            case AqlTokenKind.Symbol when t.Text == "(":
                if (Peek().Is("FOR") || Peek().Is("RETURN"))
                {
                    throw Unsupported(Peek(), "a subquery");
                }
                var inner = ParseExpression();
                ExpectSymbol(")", "to close (");
                return inner;
            case AqlTokenKind.Symbol when t.Text == "[":
                return new AqlArray(ParseList("]"));
            case AqlTokenKind.Symbol when t.Text == "{":
                return ParseObject();
            case AqlTokenKind.Name:
                return ParseName(t);
            default:
                throw Unexpected(t, "expected a value");
        }
    }

    private AqlExpr ParseName(AqlToken t)
    {
        if (!t.Quoted)
        {
            if (t.Is("TRUE"))
            {
                return new AqlLiteral(JsonValue.Create(true));
            }
            if (t.Is("FALSE"))
            {
                return new AqlLiteral(JsonValue.Create(false));
            }
            if (t.Is("NULL"))
            {
                return new AqlLiteral(null);
            }
            if (Peek().IsSymbol("("))
            {
                throw Unsupported(t, $"the function {t.Text.ToUpperInvariant()}()");
            }
            if (Keywords.Contains(t.Text))
            {
                throw StatementError(t, "expected a value");
            }
        }
        if (_variable != null && t.Text == _variable)
        {
            return new AqlVariable(t.Text);
        }
        throw new AqlException(AqlErrorKind.Syntax, $"variable '{t.Text}' is not known" +
            (_variable == null ? "" : $" (the loop variable is '{_variable}'; collections can only be read with FOR)"), t.Line, t.Column);
    }

    private List<AqlExpr> ParseList(string close)
    {
        var items = new List<AqlExpr>();
        while (!AcceptSymbol(close))
        {
            items.Add(ParseExpression());
            if (!AcceptSymbol(","))
            {
                ExpectSymbol(close, "or ',' in the list");
                break;
            }
        }
        return items;
    }

    private AqlObject ParseObject()
    {
        var entries = new List<KeyValuePair<string, AqlExpr>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!AcceptSymbol("}"))
        {
            var key = Next();
            string name;
            if (key.Kind is AqlTokenKind.Name or AqlTokenKind.String)
            {
                name = key.Text;
            }
            else if (key.Kind == AqlTokenKind.Number)
            {
                name = key.Text;
            }
            else if (key.IsSymbol("["))
            {
                throw Unsupported(key, "a computed attribute name ([expr]: ...)");
            }
            else if (key.Kind == AqlTokenKind.BindVariable)
            {
                throw Unsupported(key, "a bind parameter as an attribute name");
            }
            else
            {
                throw Unexpected(key, "expected an attribute name in the object");
            }
            AqlExpr value;
            if (AcceptSymbol(":"))
            {
                value = ParseExpression();
            }
            else if (key.Kind == AqlTokenKind.Name && (Peek().IsSymbol(",") || Peek().IsSymbol("}")))
            {
                // Shorthand { t } is { t: t }.
                value = ParseName(key);
            }
            else
            {
                throw Unexpected(Peek(), "expected ':' after the attribute name");
            }
            if (!seen.Add(name))
            {
                throw new AqlException(AqlErrorKind.Syntax, $"attribute '{name}' is given twice in the object", key.Line, key.Column);
            }
            entries.Add(new KeyValuePair<string, AqlExpr>(name, value));
            if (!AcceptSymbol(","))
            {
                ExpectSymbol("}", "or ',' in the object");
                break;
            }
        }
        return new AqlObject(entries);
    }

    private static JsonNode Number(AqlToken t)
    {
        if (long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long l))
        {
            return JsonValue.Create(l);
        }
        if (double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }
        throw new AqlException(AqlErrorKind.Syntax, $"number {t.Text} is out of range", t.Line, t.Column);
    }
}
