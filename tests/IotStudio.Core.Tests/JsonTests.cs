using System;
using IotStudio.Api;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Json;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class JsonTests
    {
        // ---- JSON -> CLR ----------------------------------------------------------------------------

        [Fact]
        public void Objects_BecomeOrderedDictionaries_InOrder_WithCaseInsensitiveKeys()
        {
            var d = Assert.IsType<OrderedDictionary>(JsonClr.Parse("{\"Zeta\":1,\"alpha\":2,\"Mid\":3}"));

            Assert.Equal(new object[] { "Zeta", "alpha", "Mid" }, d.Keys.Cast<object>());
            Assert.Equal(1L, d["zeta"]);
            Assert.Equal(2L, d["ALPHA"]);
        }

        [Fact]
        public void KeysDifferingOnlyByCase_AreBothKept()
        {
            var d = Assert.IsType<OrderedDictionary>(JsonClr.Parse("{\"temp\":1,\"Temp\":2,\"other\":{\"x\":3}}"));

            Assert.Equal(3, d.Count);
            Assert.Equal(1L, d["temp"]);
            Assert.Equal(2L, d["Temp"]);
            // The nested object has no clash, so it stays case-insensitive.
            Assert.Equal(3L, ((OrderedDictionary)d["other"])["X"]);
        }

        [Fact]
        public void Arrays_BecomeListsOfObject()
        {
            var list = Assert.IsType<List<object>>(JsonClr.Parse("[1,\"a\",true,null,[2],{\"k\":false}]"));

            Assert.Equal(6, list.Count);
            Assert.Equal(1L, list[0]);
            Assert.Equal("a", list[1]);
            Assert.Equal(true, list[2]);
            Assert.Null(list[3]);
            Assert.Equal(new List<object> { 2L }, list[4]);
            Assert.Equal(false, ((OrderedDictionary)list[5])["k"]);
        }

        [Theory]
        [InlineData("0", 0L)]
        [InlineData("-42", -42L)]
        [InlineData("9223372036854775807", long.MaxValue)]
        public void Integers_BecomeLong(string json, long expected)
        {
            Assert.Equal(expected, Assert.IsType<long>(JsonClr.Parse(json)));
        }

        [Fact]
        public void Decimals_KeepTheirDigits()
        {
            var value = Assert.IsType<decimal>(JsonClr.Parse("12.30"));

            Assert.Equal(12.30m, value);
            Assert.Equal("12.30", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0.1m, Assert.IsType<decimal>(JsonClr.Parse("0.1")));
        }

        [Fact]
        public void IntegerBeyondLong_BecomesDecimal()
        {
            Assert.Equal(12345678901234567890m, Assert.IsType<decimal>(JsonClr.Parse("12345678901234567890")));
        }

        [Theory]
        [InlineData("1e3", 1000.0)]
        [InlineData("1.5E-2", 0.015)]
        [InlineData("-2e+2", -200.0)]
        [InlineData("1e-400", 0.0)]
        public void ExponentForms_BecomeDouble(string json, double expected)
        {
            Assert.Equal(expected, Assert.IsType<double>(JsonClr.Parse(json)));
        }

        [Fact]
        public void HugeExponent_BecomesDouble()
        {
            Assert.IsType<double>(JsonClr.Parse("1e400"));
            Assert.IsType<double>(JsonClr.Parse("-1.7e308"));
        }

        [Fact]
        public void Scalars_AndBlank()
        {
            Assert.Equal(true, JsonClr.Parse("true"));
            Assert.Equal(false, JsonClr.Parse("false"));
            Assert.Null(JsonClr.Parse("null"));
            Assert.Equal("é\"\n", JsonClr.Parse("\"\\u00e9\\\"\\n\""));
            Assert.Null(JsonClr.Parse(""));
            Assert.Null(JsonClr.Parse("  "));
        }

        [Fact]
        public void InvalidJson_ThrowsJsonException()
        {
            Assert.ThrowsAny<JsonException>(() => JsonClr.Parse("{\"a\":"));
        }

        // ---- Things ----------------------------------------------------------------------------------

        private const string RichThing = @"{
            ""uid"": ""01GQ2E9M2Y45BX9EW0X3D6QGXQ"",
            ""id"": ""https://api.example.test/spaces/space1/things/01GQ2E9M2Y45BX9EW0X3D6QGXQ"",
            ""@context"": [""https://www.w3.org/2019/wot/td/v1"", {""saref"": ""https://w3id.org/saref#""}],
            ""@type"": ""Sensor"",
            ""title"": ""Pump"",
            ""description"": ""Main pump"",
            ""categories"": [""pumps"", ""floor1""],
            ""client_id"": ""c-1"",
            ""model"": {""name"": ""PumpModel"", ""version"": 2},
            ""status"": {""temp"": 21.5, ""on"": true, ""tags"": [""a"", {""b"": 1}], ""nested"": {""deep"": {""x"": null}}},
            ""properties"": {""temp"": {""type"": ""number"", ""format"": ""float"", ""default"": 20, ""writeOnly"": false, ""minimum"": -40}},
            ""actions"": {""restart"": {""input"": {""type"": ""object""}}},
            ""events"": {""overheat"": {""data"": {""type"": ""number""}}},
            ""links"": [{""href"": ""/things/x"", ""rel"": ""parent"", ""hreflang"": [""en""]}],
            ""created"": ""2023-01-05T10:20:30Z"",
            ""modified"": ""2022-06-02 15:37:46+0000"",
            ""format"": ""td"",
            ""default"": {""x"": [1, 2.50]},
            ""writeOnly"": true,
            ""securityDefinitions"": {""bearer"": {""scheme"": ""bearer""}}
        }";

        private static async Task<Thing> ReadThing(string json)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, json));
            using var client = WithToken(handler);
            return await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), CancellationToken.None);
        }

        [Fact]
        public async Task ParsedThing_HasNoJsonElementAnywhere()
        {
            var thing = await ReadThing(RichThing);

            GraphAssert.NoJsonTypes(thing);
            Assert.IsType<List<object>>(thing.Context);
            Assert.IsType<OrderedDictionary>(((List<object>)thing.Context)[1]);
            Assert.IsType<List<object>>(thing.Status["tags"]);
            Assert.IsType<OrderedDictionary>(thing.Links[0]);
            Assert.IsType<List<object>>(((OrderedDictionary)thing.Links[0])["hreflang"]);
        }

        [Fact]
        public async Task ParsedThing_KnownFields()
        {
            var thing = await ReadThing(RichThing);

            Assert.Equal(Space, thing.Space);
            Assert.Equal(Uid, thing.Uid);
            Assert.EndsWith("/things/" + Uid, thing.Url);
            Assert.Equal(new[] { "Sensor" }, thing.Type);
            Assert.Equal(new[] { "pumps", "floor1" }, thing.Categories);
            Assert.Equal("c-1", thing.ClientId);
            Assert.Equal("PumpModel", thing.Model.Name);
            Assert.Equal(2L, thing.Model.Version);
            Assert.Equal(21.5m, thing.Status["temp"]);
            Assert.Equal(new DateTimeOffset(2023, 1, 5, 10, 20, 30, TimeSpan.Zero), thing.Created);
            Assert.Equal(new DateTimeOffset(2022, 6, 2, 15, 37, 46, TimeSpan.Zero), thing.Modified);
            Assert.Equal("float", ((OrderedDictionary)thing.Properties["temp"])["format"]);
        }

        [Fact]
        public async Task UnknownThingFields_AreKeptInAdditionalProperties()
        {
            var thing = await ReadThing(RichThing);

            Assert.Equal(new object[] { "format", "default", "writeOnly", "securityDefinitions" }, thing.AdditionalProperties.Keys.Cast<object>());
            Assert.Equal("td", thing.AdditionalProperties["format"]);
            Assert.Equal(true, thing.AdditionalProperties["writeOnly"]);
            var def = Assert.IsType<OrderedDictionary>(thing.AdditionalProperties["default"]);
            Assert.Equal(new List<object> { 1L, 2.50m }, def["x"]);
        }

        [Fact]
        public async Task ToUpdateBody_WritesUnknownFieldsBack()
        {
            var thing = await ReadThing(RichThing);

            var json = JsonClr.Serialize(thing.ToUpdateBody(includeCategories: false));
            var body = Assert.IsType<OrderedDictionary>(JsonClr.Parse(json));

            Assert.Equal("td", body["format"]);
            Assert.Equal(true, body["writeOnly"]);
            Assert.Equal(new List<object> { 1L, 2.50m }, ((OrderedDictionary)body["default"])["x"]);
            Assert.Equal("bearer", ((OrderedDictionary)((OrderedDictionary)body["securityDefinitions"])["bearer"])["scheme"]);
            Assert.Equal("float", ((OrderedDictionary)((OrderedDictionary)body["properties"])["temp"])["format"]);
            Assert.Equal(20L, ((OrderedDictionary)((OrderedDictionary)body["properties"])["temp"])["default"]);
            Assert.Equal("Pump", body["title"]);
            Assert.Equal(Uid, body["uid"]);
            Assert.Equal("Sensor", body["@type"]);  // a single type goes back as a string
            var model = Assert.IsType<OrderedDictionary>(body["model"]);
            Assert.Equal("PumpModel", model["name"]);
            Assert.Equal(2L, model["version"]);
            Assert.False(body.Contains("categories"));
            Assert.Contains("2.50", json);
        }

        [Fact]
        public async Task ToUpdateBody_CategoriesOnlyWhenAsked()
        {
            var thing = await ReadThing(RichThing);

            var body = thing.ToUpdateBody(includeCategories: true);

            Assert.Equal(new[] { "pumps", "floor1" }, body["categories"]);
        }

        [Fact]
        public async Task UpdateAsync_SendsTheBodyAsJson()
        {
            var thing = await ReadThing(RichThing);
            var handler = new FakeHandler().Always(_ => Respond.Json(200, RichThing));
            using var client = WithToken(handler);

            await client.Things.UpdateAsync(new IotStudio.Api.ThingPath(Space, Uid, null), thing.ToUpdateBody(false), null, CancellationToken.None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PUT", r.Method);
            var sent = Assert.IsType<OrderedDictionary>(JsonClr.Parse(r.Body));
            Assert.Equal("td", sent["format"]);
            Assert.Equal(true, sent["writeOnly"]);
        }

        // ---- CLR -> JSON -----------------------------------------------------------------------------

        [Fact]
        public void Serialize_RoundTripsPlainValues()
        {
            var value = new OrderedDictionary
            {
                { "s", "tëxt \"quoted\"\n" },
                { "l", 42L },
                { "i", 7 },
                { "m", 12.30m },
                { "d", 0.25 },
                { "t", true },
                { "f", false },
                { "n", null },
                { "list", new List<object> { 1L, "two", new OrderedDictionary { { "three", 3L } } } },
                { "array", new[] { "a", "b" } },
                { "hash", new Hashtable { { "k", "v" } } },
                { "dict", new Dictionary<string, object> { ["x"] = new List<object>() } },
            };

            var json = JsonClr.Serialize(value);
            var back = Assert.IsType<OrderedDictionary>(JsonClr.Parse(json));

            Assert.Equal(value.Keys.Cast<object>(), back.Keys.Cast<object>());
            Assert.Equal("tëxt \"quoted\"\n", back["s"]);
            Assert.Equal(42L, back["l"]);
            Assert.Equal(7L, back["i"]);
            Assert.Equal(12.30m, back["m"]);
            Assert.Contains("12.30", json);
            Assert.Equal(0.25m, back["d"]);
            Assert.Equal(true, back["t"]);
            Assert.Equal(false, back["f"]);
            Assert.Null(back["n"]);
            var list = Assert.IsType<List<object>>(back["list"]);
            Assert.Equal(1L, list[0]);
            Assert.Equal("two", list[1]);
            Assert.Equal(3L, ((OrderedDictionary)list[2])["three"]);
            Assert.Equal(new List<object> { "a", "b" }, back["array"]);
            Assert.Equal("v", ((OrderedDictionary)back["hash"])["k"]);
            Assert.Empty(Assert.IsType<List<object>>(((OrderedDictionary)back["dict"])["x"]));
        }

        [Fact]
        public void Serialize_ParseSerialize_IsStable()
        {
            const string json = "{\"a\":[1,2.5,\"x\",null,true],\"b\":{\"Temp\":1,\"temp\":2},\"c\":1.5E+300}";

            var once = JsonClr.Serialize(JsonClr.Parse(json));
            var twice = JsonClr.Serialize(JsonClr.Parse(once));

            Assert.Equal(once, twice);
            var b = (OrderedDictionary)((OrderedDictionary)JsonClr.Parse(once))["b"];
            Assert.Equal(2, b.Count);
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void Serialize_RejectsNonFiniteDoubles(double value)
        {
            var ex = Assert.Throws<ArgumentException>(() => JsonClr.Serialize(new Dictionary<string, object> { ["x"] = value }));
            Assert.Contains("NaN", ex.Message);
        }

        [Fact]
        public void Serialize_RejectsNaNFloat()
        {
            Assert.Throws<ArgumentException>(() => JsonClr.Serialize(float.NaN));
        }

        [Fact]
        public void Serialize_RejectsUnknownTypes_WithTheTypeName()
        {
            var ex = Assert.Throws<ArgumentException>(() => JsonClr.Serialize(new { A = 1 }.GetType().GetProperty("A")));
            Assert.Contains("PropertyInfo", ex.Message);
        }

        [Fact]
        public void Serialize_RejectsCycles_InsteadOfOverflowingTheStack()
        {
            var self = new List<object>();
            self.Add(self);

            Assert.Throws<InvalidOperationException>(() => JsonClr.Serialize(self));
        }

        [Fact]
        public void Serialize_OtherPrimitives()
        {
            var at = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1));

            Assert.Equal("2024-01-02T03:04:05.0000000+01:00", JsonClr.Parse(JsonClr.Serialize(at)));
            Assert.Equal("\"x\"", JsonClr.Serialize('x'));
            Assert.Equal("\"Friday\"", JsonClr.Serialize(DayOfWeek.Friday));
            Assert.Equal("{\"raw\":[1, 2]}", JsonClr.Serialize(new OrderedDictionary { { "raw", new RawJson("[1, 2]") } }));
            Assert.Equal("{\"name\":\"m\",\"version\":3}", JsonClr.Serialize(new ModelDescription { Name = "m", Version = 3 }));
            Assert.Equal("{\"name\":\"m\"}", JsonClr.Serialize(new ModelDescription { Name = "m" }));
        }
    }
}
