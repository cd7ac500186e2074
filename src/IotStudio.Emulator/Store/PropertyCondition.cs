using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Store;

/// <summary>One <c>property:&lt;name&gt;=[&lt;op&gt;:]&lt;value&gt;</c> condition, tested against <c>status[name]</c>.
/// Numbers compare numerically when both sides are numbers; booleans as <c>true</c>/<c>false</c>; everything
/// else as ordinal strings. <c>contains</c>: substring for scalars, element for arrays, key for objects.
/// A Thing without the property satisfies only <c>neq</c>.</summary>
public sealed class PropertyCondition
{
    private static readonly string[] Ops = ["eq", "neq", "gt", "gte", "lt", "lte", "contains"];

    private PropertyCondition(string name, string op, string raw)
    {
        Name = name;
        Op = op;
        Raw = raw;
        IsNumber = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double n);
        Number = n;
    }

    public string Name { get; }

    public string Op { get; }

    public string Raw { get; }

    private bool IsNumber { get; }

    private double Number { get; }

    public static PropertyCondition Parse(string name, string value)
    {
        int colon = value.IndexOf(':');
        if (colon > 0 && Ops.Contains(value[..colon]))
        {
            return new PropertyCondition(name, value[..colon], value[(colon + 1)..]);
        }
        return new PropertyCondition(name, "eq", value);
    }

    /// <param name="actual">The status value (null for JSON null).</param>
    /// <param name="present">False when the Thing has no such property.</param>
    public bool Test(JsonNode actual, bool present)
    {
        if (!present)
        {
            return Op == "neq";
        }
        return Test(actual, Op);
    }

    private bool Test(JsonNode actual, string op)
    {
        switch (actual)
        {
            case JsonArray arr:
                if (op == "contains")
                {
                    foreach (var item in arr)
                    {
                        if (Test(item, "eq"))
                        {
                            return true;
                        }
                    }
                    return false;
                }
                return Structured(actual, op);
            case JsonObject obj:
                return op == "contains" ? obj.ContainsKey(Raw) : Structured(actual, op);
        }

        var kind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (kind == JsonValueKind.Number && IsNumber && op != "contains")
        {
            var v = (JsonValue)actual;
            double a = v.TryGetValue(out double d) ? d
                : double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return Holds(op, a.CompareTo(Number));
        }
        string text = kind switch
        {
            JsonValueKind.String => actual.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => actual.ToJsonString(),
        };
        if (op == "contains")
        {
            return text.Contains(Raw, StringComparison.Ordinal);
        }
        return Holds(op, string.CompareOrdinal(text, Raw));
    }

    /// <summary>Arrays and objects: eq/neq compare their compact JSON text; ordering ops never hold.</summary>
    private bool Structured(JsonNode actual, string op) => op switch
    {
        "eq" => actual.ToJsonString() == Raw,
        "neq" => actual.ToJsonString() != Raw,
        _ => false,
    };

    private static bool Holds(string op, int c) => op switch
    {
        "eq" => c == 0,
        "neq" => c != 0,
        "gt" => c > 0,
        "gte" => c >= 0,
        "lt" => c < 0,
        "lte" => c <= 0,
        _ => false,
    };
}
