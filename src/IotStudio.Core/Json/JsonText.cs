using System;
using System.Text.Json;

namespace IotStudio.Json
{
    /// <summary>
    /// Values as the text of one cell (a CSV column, a spreadsheet field), both ways. Text that is JSON stands for the JSON
    /// value (<c>3.5</c>, <c>true</c>, <c>null</c>, <c>"quoted"</c>, <c>[1,2]</c>, <c>{"a":1}</c>); any other text is
    /// itself. <see cref="Write"/> is the inverse: it writes a string as it is unless the text would read back as something
    /// else (<c>"42"</c> stays a string by being quoted), so <c>Read(Write(v))</c> equals <c>v</c>.
    /// </summary>
    public static class JsonText
    {
        /// <summary>The value the text stands for: the JSON value when the whole text is JSON, else the text itself.</summary>
        public static object Read(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || !MayBeJson(text)) return text;
            try
            {
                return JsonClr.Parse(text);
            }
            catch (JsonException)
            {
                return text;
            }
        }

        /// <summary>The text that <see cref="Read"/> turns back into <paramref name="value"/>.</summary>
        public static string Write(object value)
        {
            if (value is string s)
            {
                // Plain text is written as it is; text that would read as a number, a boolean, null or JSON is quoted.
                return s.Length > 0 && Read(s) is string same && same == s ? s : JsonClr.Serialize(s);
            }
            return JsonClr.Serialize(value);
        }

        // JSON text starts with one of these (after blanks): a cheap test that keeps ordinary words out of the parser.
        private static bool MayBeJson(string text)
        {
            var t = text.TrimStart();
            if (t.Length == 0) return false;
            var c = t[0];
            return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || t.StartsWith("true", StringComparison.Ordinal) ||
                   t.StartsWith("false", StringComparison.Ordinal) || t.StartsWith("null", StringComparison.Ordinal);
        }
    }
}
