using System;
using System.Globalization;

namespace IotStudio.Models
{
    /// <summary>Reads API timestamps: RFC 3339, and the '2022-06-02 15:37:46+0000' form the live service also sends.</summary>
    public static class ApiTime
    {
        private static readonly string[] Formats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFzz",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz",
        };

        /// <summary>Writes a timestamp for a request body: RFC 3339 in UTC, with as many fraction digits as it has (<c>2023-05-15T10:00:00.25Z</c>).</summary>
        public static string Format(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

        /// <summary>Parses a timestamp; null when absent or unreadable (the raw text is kept by callers that need it).</summary>
        public static DateTimeOffset? Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            text = text.Trim();
            // '+0000' has no colon; DateTimeOffset wants '+00:00'.
            if (text.Length > 5 && (text[text.Length - 5] == '+' || text[text.Length - 5] == '-') &&
                char.IsDigit(text[text.Length - 4]) && text.IndexOf(':', text.Length - 5) < 0)
                text = text.Substring(0, text.Length - 2) + ":" + text.Substring(text.Length - 2);
            if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
                return exact;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose))
                return loose;
            return null;
        }
    }
}
