using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Store;

/// <summary>Evaluates one <c>property:&lt;name&gt;=&lt;op&gt;:&lt;value&gt;</c> condition against a status value.</summary>
public static class PropertyCompare
{
    /// <param name="actual">The status value (null for JSON null).</param>
    /// <param name="present">False when the Thing has no such property: only <c>neq</c> holds then.</param>
    public static bool Test(JsonNode actual, bool present, string op, string raw)
    {
        if (!present)
        {
            return op == "neq";
        }
        switch (actual)
        {
            case JsonArray arr:
                if (op == "contains")
                {
                    foreach (var item in arr)
                    {
                        if (Test(item, true, "eq", raw))
                        {
                            return true;
                        }
                    }
                    return false;
                }
                return Structured(actual, op, raw);
            case JsonObject obj:
                return op == "contains" ? obj.ContainsKey(raw) : Structured(actual, op, raw);
        }

        var kind = actual?.GetValueKind() ?? JsonValueKind.Null;
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
            return text.Contains(raw, StringComparison.Ordinal);
        }
        int c;
        if (kind == JsonValueKind.Number
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double b))
        {
            c = a.CompareTo(b);
        }
        else
        {
            c = string.CompareOrdinal(text, raw);
        }
        return Holds(op, c);
    }

    /// <summary>Arrays and objects: eq/neq compare their compact JSON text; ordering ops never hold.</summary>
    private static bool Structured(JsonNode actual, string op, string raw)
    {
        return op switch
        {
            "eq" => actual.ToJsonString() == raw,
            "neq" => actual.ToJsonString() != raw,
            _ => false,
        };
    }

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
