using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Infrastructure;

/// <summary>RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over System.Text.Json.Nodes.
/// Applies to the given document in place; callers pass a copy so that a failure changes nothing.</summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="ops"/>; returns the new root. Throws 400 <see cref="ApiException"/>
    /// naming the failing operation's index.</summary>
    public static JsonNode Apply(JsonNode root, JsonNode ops)
    {
        if (ops is not JsonArray list)
        {
            throw ApiErrors.BadRequest("a JSON Patch document must be an array of operations");
        }
        for (int i = 0; i < list.Count; i++)
        {
            try
            {
                root = ApplyOne(root, list[i] as JsonObject ?? throw new PatchError("operation must be an object"));
            }
            catch (PatchError e)
            {
                throw ApiErrors.BadRequest($"JSON Patch operation {i} failed: {e.Message}", new JsonObject
                {
                    ["index"] = i,
                    ["operation"] = list[i]?.DeepClone(),
                });
            }
        }
        return root;
    }

    private sealed class PatchError(string message) : Exception(message);

    private static JsonNode ApplyOne(JsonNode root, JsonObject op)
    {
        string name = StringMember(op, "op");
        string path = StringMember(op, "path");
        switch (name)
        {
            case "add":
                return Add(root, path, Value(op));
            case "remove":
                return Remove(root, path, out _);
            case "replace":
                return Replace(root, path, Value(op));
            case "move":
            {
                string from = StringMember(op, "from");
                if (from == path)
                {
                    Get(root, from);
                    return root;
                }
                if (path.StartsWith(from + "/", StringComparison.Ordinal))
                {
                    throw new PatchError("cannot move a value into one of its children");
                }
                root = Remove(root, from, out var moved);
                return Add(root, path, moved);
            }
            case "copy":
                return Add(root, path, Get(root, StringMember(op, "from"))?.DeepClone());
            case "test":
                if (!JsonNode.DeepEquals(Get(root, path), Value(op)))
                {
                    throw new PatchError($"test failed at '{path}'");
                }
                return root;
            default:
                throw new PatchError($"unknown op '{name}'");
        }
    }

    private static string StringMember(JsonObject op, string name)
    {
        if (op[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }
        throw new PatchError($"missing or non-string '{name}'");
    }

    private static JsonNode Value(JsonObject op)
    {
        if (!op.TryGetPropertyValue("value", out var value))
        {
            throw new PatchError("missing 'value'");
        }
        return value?.DeepClone();
    }

    private static List<string> Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }
        if (pointer[0] != '/')
        {
            throw new PatchError($"invalid JSON Pointer '{pointer}'");
        }
        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();
    }

    private static JsonNode Get(JsonNode root, string pointer)
    {
        JsonNode node = root;
        foreach (var token in Parse(pointer))
        {
            node = Child(node, token, pointer);
        }
        return node;
    }

    private static JsonNode Child(JsonNode node, string token, string pointer)
    {
        switch (node)
        {
            case JsonObject o when o.TryGetPropertyValue(token, out var child):
                return child;
            case JsonArray a when Index(token, a.Count - 1, out int i):
                return a[i];
            default:
                throw new PatchError($"path '{pointer}' does not exist");
        }
    }

    private static bool Index(string token, int max, out int index)
    {
        index = -1;
        return (token == "0" || (token.Length > 0 && token[0] != '0'))
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index <= max;
    }

    private static JsonNode Parent(JsonNode root, List<string> tokens, string pointer)
    {
        JsonNode node = root;
        for (int i = 0; i < tokens.Count - 1; i++)
        {
            node = Child(node, tokens[i], pointer);
        }
        return node;
    }

    private static JsonNode Replace(JsonNode root, string pointer, JsonNode value)
    {
        var tokens = Parse(pointer);
        if (tokens.Count == 0)
        {
            return value;
        }
        string last = tokens[^1];
        switch (Parent(root, tokens, pointer))
        {
            case JsonObject o when o.ContainsKey(last):
                o[last] = value;
                return root;
            case JsonArray a when Index(last, a.Count - 1, out int i):
                a[i] = value;
                return root;
            default:
                throw new PatchError($"path '{pointer}' does not exist");
        }
    }

    private static JsonNode Add(JsonNode root, string pointer, JsonNode value)
    {
        var tokens = Parse(pointer);
        if (tokens.Count == 0)
        {
            return value;
        }
        string last = tokens[^1];
        switch (Parent(root, tokens, pointer))
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when Index(last, a.Count, out int i):
                a.Insert(i, value);
                break;
            default:
                throw new PatchError($"cannot add at '{pointer}'");
        }
        return root;
    }

    private static JsonNode Remove(JsonNode root, string pointer, out JsonNode removed)
    {
        var tokens = Parse(pointer);
        if (tokens.Count == 0)
        {
            throw new PatchError("cannot remove the whole document");
        }
        string last = tokens[^1];
        switch (Parent(root, tokens, pointer))
        {
            case JsonObject o when o.TryGetPropertyValue(last, out removed):
                o.Remove(last);
                return root;
            case JsonArray a when Index(last, a.Count - 1, out int i):
                removed = a[i];
                a.RemoveAt(i);
                return root;
            default:
                throw new PatchError($"path '{pointer}' does not exist");
        }
    }
}
