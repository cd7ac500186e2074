using System;
using IotStudio.Models;
using Xunit;

namespace IotStudio.Core.Tests
{
    public class ApiTimeTests
    {
        [Fact]
        public void Rfc3339_Utc()
        {
            Assert.Equal(new DateTimeOffset(2023, 1, 5, 10, 20, 30, TimeSpan.Zero), ApiTime.Parse("2023-01-05T10:20:30Z"));
        }

        [Fact]
        public void Rfc3339_WithOffset_KeepsTheOffset()
        {
            var t = ApiTime.Parse("2023-01-05T10:20:30+02:00").Value;

            Assert.Equal(TimeSpan.FromHours(2), t.Offset);
            Assert.Equal(new DateTime(2023, 1, 5, 8, 20, 30), t.UtcDateTime);
        }

        [Theory]
        [InlineData("2023-01-05T10:20:30.5Z", 5_000_000)]
        [InlineData("2023-01-05T10:20:30.123Z", 1_230_000)]
        [InlineData("2023-01-05T10:20:30.1234567Z", 1_234_567)]
        public void Rfc3339_WithFraction(string text, long fractionTicks)
        {
            var t = ApiTime.Parse(text).Value;

            Assert.Equal(new DateTimeOffset(2023, 1, 5, 10, 20, 30, TimeSpan.Zero).AddTicks(fractionTicks), t);
        }

        [Fact]
        public void Rfc3339_WithNanoseconds_AsGoSendsThem()
        {
            var t = ApiTime.Parse("2023-01-05T10:20:30.123456789Z");

            Assert.NotNull(t);
            Assert.Equal(new DateTimeOffset(2023, 1, 5, 10, 20, 30, 123, TimeSpan.Zero), t.Value.AddTicks(-(t.Value.Ticks % 10_000)));
        }

        [Fact]
        public void SpaceSeparated_WithColonlessOffset()
        {
            Assert.Equal(new DateTimeOffset(2022, 6, 2, 15, 37, 46, TimeSpan.Zero), ApiTime.Parse("2022-06-02 15:37:46+0000"));
        }

        [Fact]
        public void SpaceSeparated_WithNegativeColonlessOffset()
        {
            var t = ApiTime.Parse("2022-06-02 15:37:46-0530").Value;

            Assert.Equal(new TimeSpan(-5, -30, 0), t.Offset);
            Assert.Equal(new DateTime(2022, 6, 2, 21, 7, 46), t.UtcDateTime);
        }

        [Fact]
        public void NoOffset_IsTakenAsUtc()
        {
            Assert.Equal(TimeSpan.Zero, ApiTime.Parse("2023-01-05T10:20:30").Value.Offset);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("yesterday")]
        [InlineData("2023-13-45T99:00:00Z")]
        public void AbsentOrUnreadable_IsNull(string text)
        {
            Assert.Null(ApiTime.Parse(text));
        }

        // The hand-written fast path must read every form it accepts exactly as DateTimeOffset's own parser does.
        [Theory]
        [InlineData("2026-12-06T01:25:17.622Z")]
        [InlineData("2026-12-06T01:25:17Z")]
        [InlineData("2026-12-06t01:25:17.1z")]
        [InlineData("2024-02-29T23:59:59.9999999Z")]
        [InlineData("2023-01-05T10:20:30.123+02:00")]
        [InlineData("2023-01-05T10:20:30-05:30")]
        [InlineData("2022-06-02 15:37:46+0000")]
        [InlineData("2022-06-02 15:37:46.25-0530")]
        [InlineData("2022-06-02 15:37:46+01")]
        [InlineData("0001-01-01T00:00:00Z")]
        [InlineData("9999-12-31T23:59:59Z")]
        public void FastPath_AgreesWithTheFrameworkParser(string text)
        {
            Assert.True(ApiTime.TryParseFast(text, out var fast));
            var colon = System.Text.RegularExpressions.Regex.Replace(text, @"([+-]\d\d)(\d\d)$", "$1:$2");
            var expected = DateTimeOffset.Parse(colon, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, fast);
            Assert.Equal(expected.Offset, fast.Offset);
            Assert.Equal(expected, ApiTime.Parse(text));
        }

        [Theory]
        [InlineData("2023-02-29T10:20:30Z")]
        [InlineData("2023-01-05T24:00:00Z")]
        [InlineData("2023-01-05T10:20:30")]
        [InlineData("2023-01-05T10:20:30.123456789Z")]
        [InlineData("2023-01-05T10:20:30+15:00")]
        [InlineData(" 2023-01-05T10:20:30Z")]
        [InlineData("2023-01-05T10:20:30.Z")]
        [InlineData("0001-01-01T00:00:00+01:00")]
        public void FastPath_LeavesEverythingElseToTheGeneralPath(string text)
        {
            Assert.False(ApiTime.TryParseFast(text, out _));
        }
    }
}
