using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IotStudio.Emulator.Query;

/// <summary>Runs a parsed query over rows: its operations in the order written, then RETURN.</summary>
public sealed class AqlEvaluator
{
    private readonly IReadOnlyDictionary<string, JsonNode> _bind;
    private readonly Dictionary<string, Regex> _likes = new(StringComparer.Ordinal);

    private AqlEvaluator(IReadOnlyDictionary<string, JsonNode> bind)
    {
        _bind = bind;
    }

    /// <summary>The results, in order. <paramref name="rows"/> is what the query's FOR loops over (ignored for a bare RETURN).
    /// Every bind variable the query uses must be given, and every one given must be used.</summary>
    public static List<JsonNode> Run(AqlQuery query, IEnumerable<AqlRow> rows, IReadOnlyDictionary<string, JsonNode> bindVariables)
    {
        bindVariables ??= new Dictionary<string, JsonNode>();
        foreach (var name in query.BindVariables.Order(StringComparer.Ordinal))
        {
            if (!bindVariables.ContainsKey(name))
            {
                throw new AqlException(AqlErrorKind.Invalid, $"no value was given for bind parameter '@{name}'");
            }
        }
        foreach (var name in bindVariables.Keys.Order(StringComparer.Ordinal))
        {
            if (!query.BindVariables.Contains(name))
            {
                throw new AqlException(AqlErrorKind.Invalid, $"bind parameter '{name}' is given but the query does not use it");
            }
        }
        var evaluator = new AqlEvaluator(bindVariables);
        if (query.Variable == null)
        {
            rows = [new AqlJsonRow([])];
        }
        foreach (var operation in query.Operations)
        {
            rows = evaluator.Apply(operation, rows);
        }
        return rows.Select(r => evaluator.Evaluate(query.Return, r)).ToList();
    }

    private IEnumerable<AqlRow> Apply(AqlOperation operation, IEnumerable<AqlRow> rows)
    {
        switch (operation)
        {
            case AqlFilter f:
                return rows.Where(r => AqlValues.Truthy(Evaluate(f.Condition, r)));
            case AqlSort s:
                var keyed = rows.Select(r => (Row: r, Keys: s.Keys.Select(k => Evaluate(k.Value, r)).ToArray())).ToList();
                // OrderBy is stable: rows with equal keys keep the order they came in.
                return keyed.OrderBy(x => x.Keys, Comparer<JsonNode[]>.Create((a, b) =>
                {
                    for (int i = 0; i < a.Length; i++)
                    {
                        int c = AqlValues.Compare(a[i], b[i]);
                        if (c != 0)
                        {
                            return s.Keys[i].Descending ? -c : c;
                        }
                    }
                    return 0;
                })).Select(x => x.Row).ToList();
            case AqlLimit l:
                long offset = l.Offset == null ? 0 : Count(l.Offset, l);
                long count = Count(l.Count, l);
                return rows.Skip((int)Math.Min(offset, int.MaxValue)).Take((int)Math.Min(count, int.MaxValue));
            default:
                throw new InvalidOperationException("unknown operation " + operation);
        }
    }

    private long Count(AqlExpr e, AqlLimit limit)
    {
        var v = Evaluate(e, null);
        if (AqlValues.IsNumber(v))
        {
            double d = AqlValues.Number(v);
            if (d >= 0 && d == Math.Floor(d))
            {
                return (long)Math.Min(d, long.MaxValue);
            }
        }
        throw new AqlException(AqlErrorKind.Invalid, $"LIMIT needs whole numbers of 0 or more, not {(v == null ? "null" : v.ToJsonString())}", limit.Line, limit.Column);
    }

    private JsonNode Evaluate(AqlExpr e, AqlRow row)
    {
        switch (e)
        {
            case AqlLiteral lit:
                return lit.Value;
            case AqlBindVariable b:
                return _bind[b.Name];
            case AqlVariable:
                return (row ?? throw new AqlException(AqlErrorKind.Invalid, "LIMIT values must be constants or bind parameters")).Document();
            case AqlMember m:
                return Member(m, row);
            case AqlArray a:
                return new JsonArray(a.Items.Select(i => Detach(Evaluate(i, row))).ToArray());
            case AqlObject o:
                var obj = new JsonObject();
                foreach (var (key, value) in o.Entries)
                {
                    obj[key] = Detach(Evaluate(value, row));
                }
                return obj;
            case AqlUnary { Operator: "NOT" } u:
                return JsonValue.Create(!AqlValues.Truthy(Evaluate(u.Operand, row)));
            case AqlUnary u:
                var operand = Evaluate(u.Operand, row);
                return AqlValues.IsNumber(operand) ? Negate(operand) : null;
            case AqlBinary bin:
                return Binary(bin, row);
            default:
                throw new InvalidOperationException("unknown expression " + e);
        }
    }

    private JsonNode Member(AqlMember m, AqlRow row)
    {
        JsonNode key = m.Key == null ? null : Evaluate(m.Key, row);
        if (m.Target is AqlVariable && row != null)
        {
            string name = m.Name ?? (AqlValues.IsString(key) ? AqlValues.String(key) : null);
            return name == null ? null : row.Member(name);
        }
        var target = Evaluate(m.Target, row);
        if (m.Name != null)
        {
            return target is JsonObject o ? o[m.Name] : null;
        }
        if (target is JsonObject obj && AqlValues.IsString(key))
        {
            return obj[AqlValues.String(key)];
        }
        if (target is JsonArray arr && AqlValues.IsNumber(key))
        {
            double d = AqlValues.Number(key);
            if (d != Math.Floor(d))
            {
                return null;
            }
            long i = (long)d < 0 ? arr.Count + (long)d : (long)d;
            return i >= 0 && i < arr.Count ? arr[(int)i] : null;
        }
        return null;
    }

    private JsonNode Binary(AqlBinary b, AqlRow row)
    {
        var left = Evaluate(b.Left, row);
        switch (b.Operator)
        {
            // As in AQL, AND and OR give one of their operands, not necessarily a boolean.
            case "AND":
                return AqlValues.Truthy(left) ? Evaluate(b.Right, row) : left;
            case "OR":
                return AqlValues.Truthy(left) ? left : Evaluate(b.Right, row);
        }
        var right = Evaluate(b.Right, row);
        bool result = b.Operator switch
        {
            "==" => AqlValues.Compare(left, right) == 0,
            "!=" => AqlValues.Compare(left, right) != 0,
            "<" => AqlValues.Compare(left, right) < 0,
            "<=" => AqlValues.Compare(left, right) <= 0,
            ">" => AqlValues.Compare(left, right) > 0,
            ">=" => AqlValues.Compare(left, right) >= 0,
            "IN" => In(left, right),
            "NOT IN" => !In(left, right),
            "LIKE" => Like(left, right),
            "NOT LIKE" => !Like(left, right),
            _ => throw new InvalidOperationException("unknown operator " + b.Operator),
        };
        return JsonValue.Create(result);
    }

    private static bool In(JsonNode value, JsonNode list) =>
        list is JsonArray a && a.Any(item => AqlValues.Compare(value, item) == 0);

    private bool Like(JsonNode value, JsonNode pattern)
    {
        string p = AqlValues.Text(pattern);
        if (!_likes.TryGetValue(p, out var regex))
        {
            _likes[p] = regex = AqlValues.LikePattern(p);
        }
        return regex.IsMatch(AqlValues.Text(value));
    }

    private static JsonNode Negate(JsonNode v)
    {
        var jv = (JsonValue)v;
        return jv.TryGetValue(out long l) && l != long.MinValue ? JsonValue.Create(-l) : JsonValue.Create(-AqlValues.Number(v));
    }

    /// <summary>A node can have one parent: one already in a document (a Thing's, a bind variable's, a literal used
    /// before) is copied before it goes into a new array or object.</summary>
    private static JsonNode Detach(JsonNode node) => node?.Parent == null ? node : node.DeepClone();
}
