using System.Collections.Generic;
using System.Collections.Specialized;
using IotStudio.Json;
using Xunit;

namespace IotStudio.Core.Tests
{
    /// <summary>Values as the text of a CSV cell: JSON text is its value, any other text is itself, and Write is Read's inverse.</summary>
    public class JsonTextTests
    {
        [Fact]
        public void Read_JsonScalars_AreTheirValues()
        {
            Assert.Equal(3.5m, JsonText.Read("3.5"));
            Assert.Equal(42L, JsonText.Read("42"));
            Assert.Equal(-7L, JsonText.Read("-7"));
            Assert.Equal(1e300, JsonText.Read("1e300"));
            Assert.Equal(true, JsonText.Read("true"));
            Assert.Equal(false, JsonText.Read("false"));
            Assert.Null(JsonText.Read("null"));
            Assert.Equal("42", JsonText.Read("\"42\""));
            Assert.Equal(21L, JsonText.Read(" 21 "));
        }

        [Fact]
        public void Read_JsonArraysAndObjects_ArePlainValues()
        {
            var list = Assert.IsType<List<object>>(JsonText.Read("[1,\"a\",null]"));
            Assert.Equal(new object[] { 1L, "a", null }, list);
            var map = Assert.IsType<OrderedDictionary>(JsonText.Read("{\"on\":\"07:00\",\"days\":[1,2]}"));
            Assert.Equal("07:00", map["on"]);
            Assert.Equal(new object[] { 1L, 2L }, (List<object>)map["days"]);
        }

        [Theory]
        [InlineData("eco")]
        [InlineData("007")]            // not a JSON number: leading zero
        [InlineData("12:30")]
        [InlineData("2024-01-05")]
        [InlineData("True")]           // JSON booleans are lower case
        [InlineData("NaN")]
        [InlineData("{not json")]
        [InlineData("[1,2")]
        [InlineData("")]
        [InlineData("  ")]
        [InlineData("1 2")]
        public void Read_OtherText_IsItself(string text)
        {
            Assert.Equal(text, JsonText.Read(text));
        }

        public static IEnumerable<object[]> Values() => new[]
        {
            new object[] { "eco" }, new object[] { "42" }, new object[] { "true" }, new object[] { "null" }, new object[] { "" },
            new object[] { "\"quoted\"" }, new object[] { "[1]" }, new object[] { " 7 " }, new object[] { "007" }, new object[] { "é ü" },
            new object[] { 21.5m }, new object[] { 3L }, new object[] { true }, new object[] { false }, new object[] { null },
        };

        [Theory]
        [MemberData(nameof(Values))]
        public void Write_ThenRead_GivesTheValueBack(object value)
        {
            Assert.Equal(value, JsonText.Read(JsonText.Write(value)));
        }

        [Fact]
        public void Write_KeepsPlainTextReadable_AndQuotesOnlyWhatWouldReadAsSomethingElse()
        {
            Assert.Equal("eco", JsonText.Write("eco"));
            Assert.Equal("12:30", JsonText.Write("12:30"));
            Assert.Equal("\"42\"", JsonText.Write("42"));
            Assert.Equal("\"null\"", JsonText.Write("null"));
            Assert.Equal("\"\"", JsonText.Write(""));
            Assert.Equal("null", JsonText.Write(null));
            Assert.Equal("21.5", JsonText.Write(21.5m));
            Assert.Equal("{\"a\":[1,true]}", JsonText.Write(new OrderedDictionary { { "a", new List<object> { 1L, true } } }));
        }
    }
}
