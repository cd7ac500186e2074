using System;
using System.Globalization;
using System.Text.RegularExpressions;
using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>
    /// The time selection of a properties-history request (the API's <c>at</c>): one instant, or a range
    /// <c>from|to</c> whose ends are date-times or the API's short forms (a year <c>2022|2023</c>, a month
    /// <c>2022-12|2023-03</c>, a day <c>2023-05-15|2023-05-30</c>). A short form covers its whole period, so
    /// <c>2022|2023</c> runs from 2022-01-01T00:00Z through the last instant of 2023. Both ends are inclusive.
    /// A range whose start is after its end is refused when it is made.
    /// </summary>
    public sealed class HistoryRange
    {
        /// <summary>The start used for a range with no start (<see cref="Between"/> without <c>from</c>).</summary>
        public static readonly DateTimeOffset Earliest = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        /// <summary>The end used for a range with no end (<see cref="Between"/> without <c>to</c>): the last millisecond of 9999.</summary>
        public static readonly DateTimeOffset Latest = new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);

        private const string Forms = "use a date-time (2023-05-15T10:00:00Z), a range 'from|to' of date-times, or the short forms '2022|2023', '2022-12|2023-03', '2023-05-15|2023-05-30'";
        private static readonly Regex YearPattern = new Regex(@"^\d{4}\z", RegexOptions.CultureInvariant);
        private static readonly Regex MonthPattern = new Regex(@"^(\d{4})-(\d{2})\z", RegexOptions.CultureInvariant);
        private static readonly Regex DayPattern = new Regex(@"^(\d{4})-(\d{2})-(\d{2})\z", RegexOptions.CultureInvariant);
        private static readonly Regex DateTimePattern = new Regex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}", RegexOptions.CultureInvariant);

        private HistoryRange(DateTimeOffset from, HistoryPrecision fromPrecision, DateTimeOffset to, HistoryPrecision toPrecision, bool isInstant)
        {
            From = from;
            FromPrecision = fromPrecision;
            ToPrecision = toPrecision;
            IsInstant = isInstant;
            To = isInstant ? from : EndOf(to, toPrecision);
            if (From > To)
                throw new ArgumentException($"The time range '{this}' is reversed: its start ({From:O}) is after its end ({To:O}).", "At");
        }

        /// <summary>The first instant selected (the start of its period for a short form).</summary>
        public DateTimeOffset From { get; }
        /// <summary>The last instant selected (the last tick of its period for a short form).</summary>
        public DateTimeOffset To { get; }
        /// <summary>How the start was given.</summary>
        public HistoryPrecision FromPrecision { get; }
        /// <summary>How the end was given.</summary>
        public HistoryPrecision ToPrecision { get; }
        /// <summary>True for one instant (no '|' on the wire).</summary>
        public bool IsInstant { get; }

        /// <summary>Exactly one instant.</summary>
        public static HistoryRange At(DateTimeOffset instant) =>
            new HistoryRange(instant, HistoryPrecision.Instant, instant, HistoryPrecision.Instant, true);

        /// <summary>
        /// From <paramref name="from"/> through <paramref name="to"/>, both inclusive; a missing end is open
        /// (<see cref="Earliest"/>, <see cref="Latest"/>). Null when both are missing.
        /// </summary>
        public static HistoryRange Between(DateTimeOffset? from, DateTimeOffset? to)
        {
            if (!from.HasValue && !to.HasValue) return null;
            return new HistoryRange(from ?? Earliest, HistoryPrecision.Instant, to ?? Latest, HistoryPrecision.Instant, false);
        }

        /// <summary>
        /// Reads the text of an <c>at</c>: a date-time (RFC 3339; no offset means UTC), a range <c>from|to</c> whose ends
        /// are date-times or short forms, or a lone short form (<c>2023-05</c>), which selects its whole period.
        /// Throws ArgumentException naming what is wrong.
        /// </summary>
        public static HistoryRange Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"The time is empty: {Forms}.", "At");
            text = text.Trim();
            var bar = text.IndexOf('|');
            if (bar < 0)
            {
                var (at, precision) = ParseEnd(text, text);
                return precision == HistoryPrecision.Instant
                    ? At(at)
                    : new HistoryRange(at, precision, at, precision, false);
            }
            if (text.IndexOf('|', bar + 1) >= 0) throw new ArgumentException($"'{text}' has more than one '|': {Forms}.", "At");
            var (from, fromPrecision) = ParseEnd(text.Substring(0, bar).Trim(), text);
            var (to, toPrecision) = ParseEnd(text.Substring(bar + 1).Trim(), text);
            return new HistoryRange(from, fromPrecision, to, toPrecision, false);
        }

        /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
        public static bool TryParse(string text, out HistoryRange range)
        {
            try
            {
                range = Parse(text);
                return true;
            }
            catch (ArgumentException)
            {
                range = null;
                return false;
            }
        }

        /// <summary>True when <paramref name="instant"/> is inside the selection.</summary>
        public bool Contains(DateTimeOffset instant) => instant >= From && instant <= To;

        /// <summary>The wire text of <c>at</c>: short forms as given, date-times through <see cref="QueryValue.Format"/> in UTC.</summary>
        public override string ToString() =>
            IsInstant ? Format(From, HistoryPrecision.Instant) : Format(From, FromPrecision) + "|" + Format(StartOf(To, ToPrecision), ToPrecision);

        private static string Format(DateTimeOffset value, HistoryPrecision precision)
        {
            switch (precision)
            {
                case HistoryPrecision.Year: return value.ToString("yyyy", CultureInfo.InvariantCulture);
                case HistoryPrecision.Month: return value.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                case HistoryPrecision.Day: return value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                default: return QueryValue.Format(value.ToUniversalTime());
            }
        }

        private static (DateTimeOffset, HistoryPrecision) ParseEnd(string part, string whole)
        {
            string Bad(string why) => $"'{whole}' is not a valid time{why}: {Forms}.";
            if (part.Length == 0) throw new ArgumentException(Bad(" (one end of the range is empty)"), "At");
            try
            {
                if (YearPattern.IsMatch(part))
                    return (new DateTimeOffset(Number(part), 1, 1, 0, 0, 0, TimeSpan.Zero), HistoryPrecision.Year);
                var m = MonthPattern.Match(part);
                if (m.Success)
                    return (new DateTimeOffset(Number(m.Groups[1].Value), Number(m.Groups[2].Value), 1, 0, 0, 0, TimeSpan.Zero), HistoryPrecision.Month);
                m = DayPattern.Match(part);
                if (m.Success)
                    return (new DateTimeOffset(Number(m.Groups[1].Value), Number(m.Groups[2].Value), Number(m.Groups[3].Value), 0, 0, 0, TimeSpan.Zero), HistoryPrecision.Day);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new ArgumentException(Bad($" ('{part}' is not a calendar date)"), "At");
            }
            if (DateTimePattern.IsMatch(part))
            {
                var parsed = ApiTime.Parse(part);
                if (parsed.HasValue) return (parsed.Value, HistoryPrecision.Instant);
            }
            throw new ArgumentException(Bad(part == whole ? "" : $" ('{part}' is not a date-time or a short form)"), "At");
        }

        private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

        private static DateTimeOffset StartOf(DateTimeOffset end, HistoryPrecision precision)
        {
            switch (precision)
            {
                case HistoryPrecision.Year: return new DateTimeOffset(end.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
                case HistoryPrecision.Month: return new DateTimeOffset(end.Year, end.Month, 1, 0, 0, 0, TimeSpan.Zero);
                case HistoryPrecision.Day: return new DateTimeOffset(end.Year, end.Month, end.Day, 0, 0, 0, TimeSpan.Zero);
                default: return end;
            }
        }

        private static DateTimeOffset EndOf(DateTimeOffset start, HistoryPrecision precision)
        {
            // The last tick of the period; year 9999 has no next year to subtract from.
            switch (precision)
            {
                case HistoryPrecision.Year: return start.Year == 9999 ? DateTimeOffset.MaxValue : start.AddYears(1).AddTicks(-1);
                case HistoryPrecision.Month: return start.Year == 9999 && start.Month == 12 ? DateTimeOffset.MaxValue : start.AddMonths(1).AddTicks(-1);
                case HistoryPrecision.Day: return start.Date == DateTime.MaxValue.Date ? DateTimeOffset.MaxValue : start.AddDays(1).AddTicks(-1);
                default: return start;
            }
        }
    }
}
