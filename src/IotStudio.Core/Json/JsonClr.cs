using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace IotStudio.Json
{
    /// <summary>Converts between JSON and plain CLR values so that no JsonElement leaves Core.</summary>
    public static class JsonClr
    {
        /// <summary>Parses JSON text into plain CLR values (see <see cref="ToClr(JsonElement)"/>).</summary>
        public static object Parse(string json)
        {
            if (string.IsNullOrWhiteSpace(json)) return null;
            using (var doc = JsonDocument.Parse(json))
                return ToClr(doc.RootElement);
        }

        /// <summary>Objects become ordered dictionaries, arrays lists, numbers long, decimal or double.</summary>
        public static object ToClr(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    return ToDictionary(e);
                case JsonValueKind.Array:
                    var list = new List<object>(e.GetArrayLength());
                    foreach (var item in e.EnumerateArray()) list.Add(ToClr(item));
                    return list;
                case JsonValueKind.String:
                    return e.GetString();
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var l)) return l;
                    return NonInteger(e);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        // decimal keeps 12.30 exact; a number written with an exponent (or beyond decimal's range) is a double.
        private static object NonInteger(JsonElement e)
        {
            var raw = e.GetRawText();
            if (raw.IndexOf('e') < 0 && raw.IndexOf('E') < 0 &&
                decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m))
                return m;
            return e.GetDouble();
        }

        /// <summary>An object as an ordered dictionary; keys compare case-insensitively unless two differ only by case.</summary>
        public static OrderedDictionary ToDictionary(JsonElement e)
        {
            var dict = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var p in e.EnumerateObject())
            {
                // The name is decoded once: each JsonProperty.Name call allocates a new string.
                var name = p.Name;
                if (dict.Contains(name)) return ToDictionaryOrdinal(e);
                dict.Add(name, ToClr(p.Value));
            }
            return dict;
        }

        private static OrderedDictionary ToDictionaryOrdinal(JsonElement e)
        {
            // Keys that differ only by case must both survive: lose nothing.
            var dict = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject()) dict[p.Name] = ToClr(p.Value);
            return dict;
        }

        /// <summary>Serialises a plain CLR value graph (dictionaries, lists, primitives) to JSON text.</summary>
        public static string Serialize(object value)
        {
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream))
                    Write(writer, value, 0);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }

        /// <summary>Writes one CLR value; unsupported objects are written through their public properties.</summary>
        public static void Write(Utf8JsonWriter w, object value, int depth = 0)
        {
            if (depth > 64) throw new InvalidOperationException("The value is nested more than 64 levels deep; it cannot be sent as JSON.");
            switch (value)
            {
                case null: w.WriteNullValue(); return;
                case string s: w.WriteStringValue(s); return;
                case bool b: w.WriteBooleanValue(b); return;
                case char c: w.WriteStringValue(c.ToString()); return;
                case int i: w.WriteNumberValue(i); return;
                case long l: w.WriteNumberValue(l); return;
                case short sh: w.WriteNumberValue(sh); return;
                case byte by: w.WriteNumberValue(by); return;
                case sbyte sb: w.WriteNumberValue(sb); return;
                case uint ui: w.WriteNumberValue(ui); return;
                case ulong ul: w.WriteNumberValue(ul); return;
                case ushort us: w.WriteNumberValue(us); return;
                case decimal d: w.WriteNumberValue(d); return;
                case double db:
                    if (double.IsNaN(db) || double.IsInfinity(db)) throw new ArgumentException("NaN and Infinity cannot be sent as JSON numbers.");
                    w.WriteNumberValue(db); return;
                case float f:
                    if (float.IsNaN(f) || float.IsInfinity(f)) throw new ArgumentException("NaN and Infinity cannot be sent as JSON numbers.");
                    w.WriteNumberValue(f); return;
                case DateTimeOffset dto: w.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture)); return;
                case DateTime dt: w.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); return;
                case Guid g: w.WriteStringValue(g.ToString()); return;
                case Uri u: w.WriteStringValue(u.ToString()); return;
                case Enum en: w.WriteStringValue(en.ToString()); return;
                case RawJson raw: w.WriteRawValue(raw.Text); return;
                case IDictionary dict:
                    w.WriteStartObject();
                    foreach (DictionaryEntry entry in dict)
                    {
                        w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                        Write(w, entry.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    return;
                case IEnumerable seq:
                    w.WriteStartArray();
                    foreach (var item in seq) Write(w, item, depth + 1);
                    w.WriteEndArray();
                    return;
                case IJsonWritable writable:
                    writable.WriteJson(w, depth + 1);
                    return;
                default:
                    throw new ArgumentException($"A value of type {value.GetType().FullName} cannot be sent as JSON; use a number, string, boolean, array or hashtable.");
            }
        }
    }
}
