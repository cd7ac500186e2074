using System;
using System.Collections;
using System.Globalization;

namespace IotStudio.Http
{
    /// <summary>
    /// Writes free-form query values the way the API reads them: an array repeats its key (<c>thingID[]=A&amp;thingID[]=B</c>),
    /// booleans are lowercase, numbers and dates are culture-invariant, and null leaves the key out.
    /// </summary>
    public static class QueryFormatter
    {
        /// <summary>One scalar value as query text; null for null.</summary>
        public static string Format(object value)
        {
            switch (value)
            {
                case null: return null;
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case DateTimeOffset dto: return dto.ToString("o", CultureInfo.InvariantCulture);
                case DateTime dt: return dt.ToString("o", CultureInfo.InvariantCulture);
                case Enum e: return e.ToString();
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                case IDictionary _:
                    throw new ArgumentException("A query value cannot be a hashtable or an object; give a string, number, boolean or an array of them.");
                default: return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        /// <summary>Adds <paramref name="key"/> once per value: once for a scalar, once per item for an array, not at all for null.</summary>
        public static ApiRequest Add(ApiRequest request, string key, object value)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("A query key cannot be empty.", nameof(key));
            if (value is IEnumerable items && !(value is string) && !(value is IDictionary))
            {
                foreach (var item in items)
                {
                    if (item is IEnumerable && !(item is string) && !(item is IDictionary))
                        throw new ArgumentException($"The query value of '{key}' is an array of arrays; give a flat array.");
                    request.AddQuery(key, Format(item));
                }
                return request;
            }
            return request.AddQuery(key, Format(value));
        }

        /// <summary>Adds every entry of a map (keys as text, in the map's order).</summary>
        public static ApiRequest AddAll(ApiRequest request, IDictionary query)
        {
            if (query == null) return request;
            foreach (DictionaryEntry kv in query)
                Add(request, Convert.ToString(kv.Key, CultureInfo.InvariantCulture), kv.Value);
            return request;
        }
    }
}
