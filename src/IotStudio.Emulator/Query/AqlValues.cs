using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IotStudio.Emulator.Query;

/// <summary>
/// AQL's value rules over JSON nodes (C# null is AQL null): types order null &lt; bool &lt; number &lt; string &lt; array &lt;
/// object; equal types compare by value (strings by code point, arrays element by element, objects attribute by attribute
/// in name order); truthiness and the text a value has for LIKE.
/// </summary>
public static class AqlValues
{
    public static int Rank(JsonNode v) => v switch
    {
        null => 0,
        JsonObject => 5,
        JsonArray => 4,
        JsonValue jv => jv.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => 1,
            JsonValueKind.Number => 2,
            JsonValueKind.String => 3,
            _ => 0,
        },
        _ => 0,
    };

    public static bool IsNumber(JsonNode v) => Rank(v) == 2;

    public static bool IsString(JsonNode v) => Rank(v) == 3;

    public static double Number(JsonNode v)
    {
        var jv = (JsonValue)v;
        if (jv.TryGetValue(out double d))
        {
            return d;
        }
        if (jv.TryGetValue(out long l))
        {
            return l;
        }
        if (jv.TryGetValue(out int i))
        {
            return i;
        }
        if (jv.TryGetValue(out decimal m))
        {
            return (double)m;
        }
        return double.Parse(jv.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static string String(JsonNode v) => v.GetValue<string>();

    private static bool Bool(JsonNode v) => v.GetValueKind() == JsonValueKind.True;

    public static int Compare(JsonNode a, JsonNode b)
    {
        int ra = Rank(a), rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }
        switch (ra)
        {
            case 1:
                return Bool(a).CompareTo(Bool(b));
            case 2:
                return Number(a).CompareTo(Number(b));
            case 3:
                return Math.Sign(string.CompareOrdinal(String(a), String(b)));
            case 4:
                var x = (JsonArray)a;
                var y = (JsonArray)b;
                for (int i = 0; i < Math.Max(x.Count, y.Count); i++)
                {
                    int c = Compare(i < x.Count ? x[i] : null, i < y.Count ? y[i] : null);
                    if (c != 0)
                    {
                        return c;
                    }
                }
                return 0;
            case 5:
                var p = (JsonObject)a;
                var q = (JsonObject)b;
                foreach (var key in p.Select(kv => kv.Key).Union(q.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
                {
                    bool inP = p.TryGetPropertyValue(key, out var pv);
                    bool inQ = q.TryGetPropertyValue(key, out var qv);
                    if (inP != inQ)
                    {
                        // An attribute only one side has makes that side greater.
                        return inP ? 1 : -1;
                    }
                    int c = Compare(pv, qv);
                    if (c != 0)
                    {
                        return c;
                    }
                }
                return 0;
            default:
                return 0;
        }
    }

    public static bool Truthy(JsonNode v) => Rank(v) switch
    {
        0 => false,
        1 => Bool(v),
        2 => Number(v) != 0,
        3 => String(v).Length > 0,
        _ => true,
    };

    /// <summary>The text AQL gives a value where it needs a string (LIKE): null is empty, strings are themselves,
    /// everything else its JSON.</summary>
    public static string Text(JsonNode v) => Rank(v) switch
    {
        0 => "",
        3 => String(v),
        2 => Number(v).ToString("R", CultureInfo.InvariantCulture),
        _ => v.ToJsonString(),
    };

    /// <summary>LIKE: '%' any run of characters, '_' one character, a backslash makes the next one literal; case-sensitive,
    /// and the whole text must match.</summary>
    public static Regex LikePattern(string pattern)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '%')
            {
                sb.Append(".*");
            }
            else if (c == '_')
            {
                sb.Append('.');
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }
}
