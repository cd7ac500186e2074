using System.Globalization;
using System.Text;

namespace IotStudio.Emulator.Query;

/// <summary>Splits AQL text into tokens: names (and keywords), numbers, strings, bind variables and symbols; skips
/// whitespace and comments (<c>// ...</c>, <c>/* ... */</c>).</summary>
public static class AqlLexer
{
    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "&&", "||", "=~", "!~", "..", "<", ">", "!", "=", ".", ",", "(", ")", "[", "]", "{", "}", ":", "+", "-", "*", "/", "%", "?"];

    public static List<AqlToken> Tokenize(string text)
    {
        var tokens = new List<AqlToken>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            // Whitespace and comments.
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '\n')
                {
                    i++;
                    line++;
                    lineStart = i;
                }
                else if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '/' && At(text, i + 1) == '/')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else if (c == '/' && At(text, i + 1) == '*')
                {
                    int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw new AqlException(AqlErrorKind.Syntax, "unterminated comment", line, i - lineStart + 1);
                    }
                    for (int k = i; k < end; k++)
                    {
                        if (text[k] == '\n')
                        {
                            line++;
                            lineStart = k + 1;
                        }
                    }
                    i = end + 2;
                }
                else
                {
                    break;
                }
            }
            int column = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new AqlToken(AqlTokenKind.End, "", line, column));
                return tokens;
            }
            char ch = text[i];
            if (char.IsAsciiLetter(ch) || ch == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new AqlToken(AqlTokenKind.Name, text[start..i], line, column));
            }
            else if (ch == '`' || ch == '´')
            {
                int end = text.IndexOf(ch, i + 1);
                if (end < 0)
                {
                    throw new AqlException(AqlErrorKind.Syntax, "unterminated quoted name", line, column);
                }
                tokens.Add(new AqlToken(AqlTokenKind.Name, text[(i + 1)..end], line, column, Quoted: true));
                i = end + 1;
            }
            else if (char.IsAsciiDigit(ch) || (ch == '.' && char.IsAsciiDigit(At(text, i + 1))))
            {
                tokens.Add(new AqlToken(AqlTokenKind.Number, ReadNumber(text, ref i), line, column));
            }
            else if (ch == '"' || ch == '\'')
            {
                tokens.Add(new AqlToken(AqlTokenKind.String, ReadString(text, ref i, line, column), line, column));
            }
            else if (ch == '@')
            {
                bool collection = At(text, i + 1) == '@';
                int start = i + (collection ? 2 : 1);
                int end = start;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }
                if (end == start)
                {
                    throw new AqlException(AqlErrorKind.Syntax, "a bind parameter needs a name after '@'", line, column);
                }
                tokens.Add(new AqlToken(collection ? AqlTokenKind.CollectionBindVariable : AqlTokenKind.BindVariable, text[start..end], line, column));
                i = end;
            }
            else
            {
                string symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw new AqlException(AqlErrorKind.Syntax, $"unexpected character '{ch}'", line, column);
                tokens.Add(new AqlToken(AqlTokenKind.Symbol, symbol, line, column));
                i += symbol.Length;
            }
        }
    }

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    private static string ReadNumber(string text, ref int i)
    {
        int start = i;
        while (char.IsAsciiDigit(At(text, i)))
        {
            i++;
        }
        // A '.' followed by a digit is a fraction; '..' is the range operator.
        if (At(text, i) == '.' && char.IsAsciiDigit(At(text, i + 1)))
        {
            i++;
            while (char.IsAsciiDigit(At(text, i)))
            {
                i++;
            }
        }
        if ((At(text, i) == 'e' || At(text, i) == 'E')
            && (char.IsAsciiDigit(At(text, i + 1)) || ((At(text, i + 1) == '+' || At(text, i + 1) == '-') && char.IsAsciiDigit(At(text, i + 2)))))
        {
            i += 2;
            while (char.IsAsciiDigit(At(text, i)))
            {
                i++;
            }
        }
        return text[start..i];
    }

    private static string ReadString(string text, ref int i, int line, int column)
    {
        char quote = text[i++];
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw new AqlException(AqlErrorKind.Syntax, "unterminated string", line, column);
            }
            char c = text[i++];
            if (c == quote)
            {
                return sb.ToString();
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (i >= text.Length)
            {
                throw new AqlException(AqlErrorKind.Syntax, "unterminated string", line, column);
            }
            char e = text[i++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    if (i + 4 > text.Length || !int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                    {
                        throw new AqlException(AqlErrorKind.Syntax, "invalid \\u escape in a string", line, column);
                    }
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    // \\ \" \' \/ and, as in AQL, any other escaped character stands for itself.
                    sb.Append(e);
                    break;
            }
        }
    }
}
