using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace IotStudio.Http
{
    /// <summary>The one formatter of query values: how a CLR value is written in a query string.</summary>
    public static class QueryValue
    {
        /// <summary>
        /// The text of one value: booleans lower case, numbers and dates in the invariant culture (dates as ISO 8601),
        /// enums by name, null as an empty string.
        /// </summary>
        public static string Format(object value)
        {
            switch (value)
            {
                case null: return "";
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case DateTimeOffset dto: return dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
                case DateTime dt: return dt.Kind == DateTimeKind.Unspecified
                    ? dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
                    : new DateTimeOffset(dt).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
                case Enum e: return e.ToString();
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString();
            }
        }

        /// <summary>The values a key takes: one for a scalar, one per item for a list (the key repeats).</summary>
        public static IEnumerable<string> Expand(object value)
        {
            if (value is IEnumerable many && !(value is string) && !(value is IDictionary))
            {
                foreach (var item in many) yield return Format(item);
            }
            else yield return Format(value);
        }
    }
}
