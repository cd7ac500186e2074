using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>
    /// One RFC 6902 JSON Patch operation: <c>{"op": "replace", "path": "/description", "value": "x"}</c>. Checked when
    /// made: op is add, remove, replace, move, copy or test; path (and from) are JSON Pointers starting with '/';
    /// move and copy need from; add, replace and test need a value (which may be null).
    /// </summary>
    public sealed class JsonPatchOperation : IJsonWritable
    {
        /// <summary>The operations RFC 6902 defines.</summary>
        public static readonly IReadOnlyList<string> Operations = new[] { "add", "remove", "replace", "move", "copy", "test" };

        /// <summary>Makes and checks an operation; <paramref name="hasValue"/> says whether a value was given (null is a value).</summary>
        public JsonPatchOperation(string op, string path, string from = null, object value = null, bool hasValue = false)
        {
            var normalized = op?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(normalized) || !Operations.Contains(normalized))
                throw new ArgumentException($"'{op}' is not a JSON Patch operation: use one of {string.Join(", ", Operations)}.", nameof(op));
            Op = normalized;
            Path = JsonPointer.Check(path, nameof(path));
            if (Op == "move" || Op == "copy")
            {
                if (from == null) throw new ArgumentException($"A '{Op}' operation needs 'from', the pointer it takes the value from.", nameof(from));
                From = JsonPointer.Check(from, nameof(from));
            }
            if (Op == "add" || Op == "replace" || Op == "test")
            {
                if (!hasValue) throw new ArgumentException($"A '{Op}' operation on {Path} needs a 'value' (it may be null).", nameof(value));
                Value = value;
                HasValue = true;
            }
        }

        /// <summary>add, remove, replace, move, copy or test.</summary>
        public string Op { get; }
        /// <summary>The JSON Pointer the operation works on.</summary>
        public string Path { get; }
        /// <summary>The source pointer of move and copy, else null.</summary>
        public string From { get; }
        /// <summary>The value of add, replace and test (plain CLR values).</summary>
        public object Value { get; }
        /// <summary>True when the operation carries a value.</summary>
        public bool HasValue { get; }

        /// <summary>add <paramref name="value"/> at <paramref name="path"/> (a pointer, or a key as <see cref="JsonPointer.FromKey"/> reads it).</summary>
        public static JsonPatchOperation Add(string path, object value) => new JsonPatchOperation("add", JsonPointer.FromKey(path), null, value, true);
        /// <summary>replace the value at <paramref name="path"/>.</summary>
        public static JsonPatchOperation Replace(string path, object value) => new JsonPatchOperation("replace", JsonPointer.FromKey(path), null, value, true);
        /// <summary>remove the value at <paramref name="path"/>.</summary>
        public static JsonPatchOperation Remove(string path) => new JsonPatchOperation("remove", JsonPointer.FromKey(path));
        /// <summary>test that the value at <paramref name="path"/> equals <paramref name="value"/>.</summary>
        public static JsonPatchOperation Test(string path, object value) => new JsonPatchOperation("test", JsonPointer.FromKey(path), null, value, true);
        /// <summary>move the value at <paramref name="from"/> to <paramref name="path"/>.</summary>
        public static JsonPatchOperation Move(string from, string path) => new JsonPatchOperation("move", JsonPointer.FromKey(path), JsonPointer.FromKey(from));
        /// <summary>copy the value at <paramref name="from"/> to <paramref name="path"/>.</summary>
        public static JsonPatchOperation Copy(string from, string path) => new JsonPatchOperation("copy", JsonPointer.FromKey(path), JsonPointer.FromKey(from));

        /// <summary>
        /// An operation from a map with the keys op, path, from and value (any case), as RFC 6902 writes it.
        /// path and from must be JSON Pointers here; another key is refused, so a misspelt 'value' cannot go unnoticed.
        /// </summary>
        public static JsonPatchOperation FromMap(IDictionary map)
        {
            if (map == null) throw new ArgumentNullException(nameof(map));
            string op = null, path = null, from = null;
            object value = null;
            var hasValue = false;
            foreach (DictionaryEntry kv in map)
            {
                var key = Convert.ToString(kv.Key, CultureInfo.InvariantCulture);
                switch (key?.ToLowerInvariant())
                {
                    case "op": op = Text(kv.Value, "op"); break;
                    case "path": path = Text(kv.Value, "path"); break;
                    case "from": from = Text(kv.Value, "from"); break;
                    case "value": value = kv.Value; hasValue = true; break;
                    default: throw new ArgumentException($"'{key}' is not a member of a JSON Patch operation: use op, path, from and value.", nameof(map));
                }
            }
            if (op == null) throw new ArgumentException("A JSON Patch operation needs 'op'.", nameof(map));
            if (path == null) throw new ArgumentException($"The '{op}' operation needs 'path', a JSON Pointer such as /description.", nameof(map));
            return new JsonPatchOperation(op, path, from, value, hasValue);
        }

        /// <summary>Checks a whole patch: at least one operation, none null. Returns it as a list.</summary>
        public static IReadOnlyList<JsonPatchOperation> CheckPatch(IEnumerable<JsonPatchOperation> patch)
        {
            var list = patch?.ToList() ?? new List<JsonPatchOperation>();
            if (list.Count == 0) throw new ArgumentException("The JSON Patch is empty: give at least one operation.", nameof(patch));
            if (list.Any(o => o == null)) throw new ArgumentException("The JSON Patch holds an empty (null) operation.", nameof(patch));
            return list;
        }

        private static string Text(object value, string name)
        {
            if (value is string s) return s;
            throw new ArgumentException($"The '{name}' of a JSON Patch operation must be a string.", name);
        }

        /// <inheritdoc />
        public void WriteJson(Utf8JsonWriter writer, int depth)
        {
            writer.WriteStartObject();
            writer.WriteString("op", Op);
            if (From != null) writer.WriteString("from", From);
            writer.WriteString("path", Path);
            if (HasValue)
            {
                writer.WritePropertyName("value");
                JsonClr.Write(writer, Value, depth + 1);
            }
            writer.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => From != null ? $"{Op} {From} -> {Path}" : $"{Op} {Path}";
    }
}
