using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Control;

/// <summary>
/// A JSON template with per-item values, compiled once and instantiated for each seeded item. Inside any string,
/// <c>{expr}</c> is replaced by the value of an integer expression over <c>i</c> (the item's number, from 1) and
/// <c>j</c> (an entry's number inside an item, from 1: history entries, actions) with
/// <c>+ - * / %</c> and parentheses: <c>"boiler-{i}"</c>, <c>"{i % 40}"</c>. A string that is nothing but one
/// expression becomes a number (<c>"{i % 40}"</c> → <c>17</c>); <c>{{</c> and <c>}}</c> stand for braces.
/// </summary>
public sealed class SeedTemplate
{
    private readonly Func<long, long, JsonNode> _make;

    private SeedTemplate(Func<long, long, JsonNode> make) => _make = make;

    /// <summary>Compiles a template; 400 naming the path of a malformed expression.</summary>
    public static SeedTemplate Compile(JsonNode template, string path = "$") => new(CompileNode(template, path));

    /// <summary>The template's value for item <paramref name="i"/> (and, inside an item, entry <paramref name="j"/>).</summary>
    public JsonNode For(long i, long j = 0) => _make(i, j);

    private static Func<long, long, JsonNode> CompileNode(JsonNode node, string path)
    {
        switch (node)
        {
            case null:
                return (_, _) => null;
            case JsonObject obj:
                var fields = obj.Select(kv => (kv.Key, Make: CompileNode(kv.Value, path + "." + kv.Key))).ToArray();
                return (i, j) =>
                {
                    var o = new JsonObject();
                    foreach (var (key, make) in fields)
                    {
                        o[key] = make(i, j);
                    }
                    return o;
                };
            case JsonArray array:
                var items = array.Select((n, k) => CompileNode(n, $"{path}[{k}]")).ToArray();
                return (i, j) =>
                {
                    var a = new JsonArray();
                    foreach (var make in items)
                    {
                        a.Add(make(i, j));
                    }
                    return a;
                };
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Contains('{'):
                return CompileString(text, path);
            default:
                var constant = node.DeepClone();
                return (_, _) => constant.DeepClone();
        }
    }

    private static Func<long, long, JsonNode> CompileString(string text, string path)
    {
        var parts = new List<(string Literal, Func<long, long, long> Expr)>();
        var literal = new StringBuilder();
        for (int k = 0; k < text.Length; k++)
        {
            char c = text[k];
            if (c == '{' && k + 1 < text.Length && text[k + 1] == '{')
            {
                literal.Append('{');
                k++;
            }
            else if (c == '}' && k + 1 < text.Length && text[k + 1] == '}')
            {
                literal.Append('}');
                k++;
            }
            else if (c == '{')
            {
                int end = text.IndexOf('}', k + 1);
                if (end < 0)
                {
                    throw ApiErrors.BadRequest($"template {path}: '{{' without '}}' in \"{text}\"");
                }
                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), null));
                    literal.Clear();
                }
                parts.Add((null, Expression.Parse(text[(k + 1)..end], path)));
                k = end;
            }
            else
            {
                literal.Append(c);
            }
        }
        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), null));
        }
        if (parts.Count == 1 && parts[0].Expr is { } only)
        {
            return (i, j) => JsonValue.Create(only(i, j));
        }
        var compiled = parts.ToArray();
        return (i, j) =>
        {
            var sb = new StringBuilder();
            foreach (var (lit, expr) in compiled)
            {
                if (expr == null)
                {
                    sb.Append(lit);
                }
                else
                {
                    sb.Append(expr(i, j).ToString(CultureInfo.InvariantCulture));
                }
            }
            return JsonValue.Create(sb.ToString());
        };
    }

    /// <summary>A small recursive-descent parser for integer expressions over <c>i</c>.</summary>
    private sealed class Expression
    {
        private readonly string _text;
        private readonly string _path;
        private int _pos;

        private Expression(string text, string path)
        {
            _text = text;
            _path = path;
        }

        public static Func<long, long, long> Parse(string text, string path)
        {
            var p = new Expression(text, path);
            var f = p.Sum();
            p.Skip();
            if (p._pos != text.Length)
            {
                throw p.Error("unexpected '" + text[p._pos] + "'");
            }
            return f;
        }

        private Func<long, long, long> Sum()
        {
            var left = Product();
            while (true)
            {
                Skip();
                if (Eat('+'))
                {
                    var (l, r) = (left, Product());
                    left = (i, j) => l(i, j) + r(i, j);
                }
                else if (Eat('-'))
                {
                    var (l, r) = (left, Product());
                    left = (i, j) => l(i, j) - r(i, j);
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<long, long, long> Product()
        {
            var left = Atom();
            while (true)
            {
                Skip();
                char op = _pos < _text.Length ? _text[_pos] : '\0';
                if (op is not ('*' or '/' or '%'))
                {
                    return left;
                }
                _pos++;
                var (l, r) = (left, Atom());
                left = op switch
                {
                    '*' => (i, j) => l(i, j) * r(i, j),
                    '/' => (i, j) => r(i, j) == 0 ? 0 : l(i, j) / r(i, j),
                    _ => (i, j) => r(i, j) == 0 ? 0 : l(i, j) % r(i, j),
                };
            }
        }

        private Func<long, long, long> Atom()
        {
            Skip();
            if (Eat('('))
            {
                var inner = Sum();
                Skip();
                if (!Eat(')'))
                {
                    throw Error("')' expected");
                }
                return inner;
            }
            if (Eat('-'))
            {
                var inner = Atom();
                return (i, j) => -inner(i, j);
            }
            if (_pos < _text.Length && (_text[_pos] == 'i' || _text[_pos] == 'j') && (_pos + 1 == _text.Length || !char.IsLetterOrDigit(_text[_pos + 1])))
            {
                return _text[_pos++] == 'i' ? (i, _) => i : (_, j) => j;
            }
            int start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
            if (start == _pos || !long.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw Error("a number, 'i', 'j' or '(' expected");
            }
            return (_, _) => n;
        }

        private bool Eat(char c)
        {
            if (_pos < _text.Length && _text[_pos] == c)
            {
                _pos++;
                return true;
            }
            return false;
        }

        private void Skip()
        {
            while (_pos < _text.Length && _text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private ApiException Error(string what) =>
            ApiErrors.BadRequest($"template {_path}: {what} in expression '{{{_text}}}' at position {_pos + 1}; use i, j, integers, + - * / % and parentheses");
    }
}
