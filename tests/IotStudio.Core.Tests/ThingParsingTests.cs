using System;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Models;
using Xunit;

namespace IotStudio.Core.Tests
{
    // Thing.FromJson matches field names as bytes and guesses the next field from the order it saw last: whatever the
    // order, every field must land where it belongs, and unknown fields in AdditionalProperties.
    public class ThingParsingTests
    {
        private const string InServiceOrder =
            "{\"uid\":\"01A\",\"id\":\"http://x/things/01A\",\"categories\":[\"c1\"],\"title\":\"t\",\"status\":{\"temp\":20},\"description\":\"d\"," +
            "\"properties\":{},\"actions\":{},\"events\":{},\"links\":[],\"created\":\"2026-12-06T01:25:17.622Z\",\"modified\":\"2026-12-06T01:25:18Z\"}";

        private const string Shuffled =
            "{\"modified\":\"2022-06-02 15:37:46+0000\",\"x-extra\":1,\"title\":\"u\",\"@type\":\"Boiler\",\"uid\":\"01B\",\"model\":{\"name\":\"m\",\"version\":2}," +
            "\"@context\":\"https://www.w3.org/2022/wot/td/v1.1\",\"client_id\":\"cid\",\"status\":{\"temp\":21.5},\"id\":\"http://x/things/01B\",\"security\":[\"a\"]}";

        private static Thing Parse(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return Thing.FromJson(doc.RootElement, "s");
        }

        [Fact]
        public void EveryField_LandsWhereItBelongs_WhateverTheOrder()
        {
            for (var round = 0; round < 3; round++)
            {
                var a = Parse(InServiceOrder);
                Assert.Equal("01A", a.Uid);
                Assert.Equal("http://x/things/01A", a.Url);
                Assert.Equal(new[] { "c1" }, a.Categories);
                Assert.Equal("t", a.Title);
                Assert.Equal("d", a.Description);
                Assert.Equal(20L, a.Status["temp"]);
                Assert.NotNull(a.Properties);
                Assert.Empty(a.Links);
                Assert.Equal(new DateTimeOffset(2026, 12, 6, 1, 25, 17, 622, TimeSpan.Zero), a.Created);
                Assert.Equal(new DateTimeOffset(2026, 12, 6, 1, 25, 18, TimeSpan.Zero), a.Modified);
                Assert.Empty(a.AdditionalProperties);

                var b = Parse(Shuffled);
                Assert.Equal("01B", b.Uid);
                Assert.Equal("http://x/things/01B", b.Url);
                Assert.Equal("u", b.Title);
                Assert.Equal(new[] { "Boiler" }, b.Type);
                Assert.Equal("m", b.Model.Name);
                Assert.Equal(2L, b.Model.Version);
                Assert.Equal("https://www.w3.org/2022/wot/td/v1.1", b.Context);
                Assert.Equal("cid", b.ClientId);
                Assert.Equal(21.5m, b.Status["temp"]);
                Assert.Equal(new DateTimeOffset(2022, 6, 2, 15, 37, 46, TimeSpan.Zero), b.Modified);
                Assert.Null(b.Created);
                Assert.Null(b.Categories);
                Assert.Equal(new[] { "x-extra", "security" }, new[] { (string)b.AdditionalProperties.Cast()[0], (string)b.AdditionalProperties.Cast()[1] });
                Assert.Equal(1L, b.AdditionalProperties["x-extra"]);
            }
        }
    }

    internal static class OrderedDictionaryKeys
    {
        public static object[] Cast(this OrderedDictionary d)
        {
            var keys = new object[d.Count];
            d.Keys.CopyTo(keys, 0);
            return keys;
        }
    }
}
