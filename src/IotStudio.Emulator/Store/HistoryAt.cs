using System.Globalization;
using System.Text.RegularExpressions;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>The <c>at</c> of a properties-history request: one instant, or a range <c>from|to</c> whose ends are
/// date-times or the short forms <c>2022</c>, <c>2022-12</c>, <c>2023-05-15</c> (UTC). A short form covers its whole
/// period, so <c>2022|2023</c> ends with the last instant of 2023. Both ends are inclusive. Held in UTC ticks.</summary>
public sealed partial class HistoryAt
{
    private const string Forms = "use a date-time, or a range from|to of date-times or of the short forms 2022|2023, 2022-12|2023-03, 2023-05-15|2023-05-30";

    private HistoryAt(long from, long to, bool instant)
    {
        From = from;
        To = to;
        IsInstant = instant;
    }

    /// <summary>First tick selected.</summary>
    public long From { get; }

    /// <summary>Last tick selected.</summary>
    public long To { get; }

    public bool IsInstant { get; }

    public bool Contains(long ticks) => ticks >= From && ticks <= To;

    /// <summary>Reads <c>at</c>; 400 naming the problem when it is malformed or reversed.</summary>
    public static HistoryAt Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiErrors.BadRequest("at is empty: " + Forms, ApiErrors.Details("at", text));
        }
        int bar = text.IndexOf('|');
        if (bar < 0)
        {
            // Alone, only a date-time: the short forms are range ends.
            long instant = TryDateTime(text, out var t) ? PropertyHistory.Truncate(t) : throw Bad(text, $"'{text}' is not a date-time");
            return new HistoryAt(instant, instant, true);
        }
        var (from, _) = End(text[..bar], text);
        var (_, end) = End(text[(bar + 1)..], text);
        if (from > end)
        {
            throw ApiErrors.BadRequest($"at '{text}' is reversed: its start is after its end", ApiErrors.Details("at", text));
        }
        return new HistoryAt(from, end, false);
    }

    /// <summary>One end: its first and last tick (the same for a date-time).</summary>
    private static (long First, long Last) End(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Bad(whole, "one end of the range is empty");
        }
        try
        {
            if (YearForm().IsMatch(part))
            {
                var y = new DateTime(Int(part), 1, 1, 0, 0, 0, DateTimeKind.Utc);
                return (y.Ticks, Last(y, d => d.AddYears(1)));
            }
            var m = MonthForm().Match(part);
            if (m.Success)
            {
                var mo = new DateTime(Int(m.Groups[1].Value), Int(m.Groups[2].Value), 1, 0, 0, 0, DateTimeKind.Utc);
                return (mo.Ticks, Last(mo, d => d.AddMonths(1)));
            }
            m = DayForm().Match(part);
            if (m.Success)
            {
                var day = new DateTime(Int(m.Groups[1].Value), Int(m.Groups[2].Value), Int(m.Groups[3].Value), 0, 0, 0, DateTimeKind.Utc);
                return (day.Ticks, Last(day, d => d.AddDays(1)));
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Bad(whole, $"'{part}' is not a calendar date");
        }
        if (TryDateTime(part, out var t))
        {
            return (t.UtcTicks, t.UtcTicks);
        }
        throw Bad(whole, $"'{part}' is not a date-time or a short form");
    }

    private static long Last(DateTime start, Func<DateTime, DateTime> next)
    {
        try
        {
            return next(start).Ticks - 1;
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTime.MaxValue.Ticks;
        }
    }

    /// <summary>An RFC 3339 date-time (a space may stand for the <c>T</c>; no offset means UTC).</summary>
    public static bool TryDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        return DateTimeForm().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static ApiException Bad(string whole, string why) =>
        ApiErrors.BadRequest($"invalid at '{whole}': {why}; {Forms}", ApiErrors.Details("at", whole));

    [GeneratedRegex(@"^\d{4}\z")]
    private static partial Regex YearForm();

    [GeneratedRegex(@"^(\d{4})-(\d{2})\z")]
    private static partial Regex MonthForm();

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})\z")]
    private static partial Regex DayForm();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:?\d{2})?\z")]
    private static partial Regex DateTimeForm();
}
