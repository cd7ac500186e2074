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
            // Every Thing of a list carries two timestamps, so the forms the service sends are read by hand first:
            // TryParseExact over the formats below costs several times more.
            if (TryParseFast(text, out var fast)) return fast;
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

        // yyyy-MM-dd('T'|' ')HH:mm:ss[.f{1,7}](Z|±HH:mm|±HHmm|±HH). Anything else (no offset, more than seven
        // fraction digits, surrounding blanks, a leap second) is left to the general path above.
        internal static bool TryParseFast(string s, out DateTimeOffset value)
        {
            value = default;
            var n = s.Length;
            if (n < 20) return false;
            if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return false;
            if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day) ||
                !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
                return false;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
                return false;

            var i = 19;
            long fraction = 0;
            if (s[i] == '.')
            {
                var start = ++i;
                while (i < n && s[i] >= '0' && s[i] <= '9')
                {
                    fraction = fraction * 10 + (s[i] - '0');
                    i++;
                }
                var digits = i - start;
                if (digits == 0 || digits > 7) return false;
                for (var d = digits; d < 7; d++) fraction *= 10;
            }
            if (i >= n) return false;

            int offsetMinutes;
            var c = s[i];
            if (c == 'Z' || c == 'z')
            {
                if (i + 1 != n) return false;
                offsetMinutes = 0;
            }
            else if (c == '+' || c == '-')
            {
                var rest = n - i - 1;
                int oh, om = 0;
                if (rest == 2) { if (!Digits(s, i + 1, 2, out oh)) return false; }
                else if (rest == 4) { if (!Digits(s, i + 1, 2, out oh) || !Digits(s, i + 3, 2, out om)) return false; }
                else if (rest == 5 && s[i + 3] == ':') { if (!Digits(s, i + 1, 2, out oh) || !Digits(s, i + 4, 2, out om)) return false; }
                else return false;
                if (oh > 14 || om > 59 || oh * 60 + om > 14 * 60) return false;
                offsetMinutes = (oh * 60 + om) * (c == '-' ? -1 : 1);
            }
            else return false;

            var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
            var offset = TimeSpan.FromMinutes(offsetMinutes);
            var utcTicks = ticks - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
            value = new DateTimeOffset(ticks, offset);
            return true;
        }

        private static bool Digits(string s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9) return false;
                value = value * 10 + d;
            }
            return true;
        }
    }
}
