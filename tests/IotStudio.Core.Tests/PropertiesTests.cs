using System;
using IotStudio.Api;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Json;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class PropertiesTests
    {
        private static readonly string PropertiesPath = $"/spaces/space1/things/{Uid}/properties";

        [Fact]
        public async Task SetOne_PutsNameValueBody_WithoutUpdateHistoryByDefault()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"temperature\":21.5}"));
            using var client = WithToken(handler);

            var result = await client.Properties.SetOneAsync(new IotStudio.Api.ThingPath(Space, Uid, null), "temperature", 21.5m, updateHistory: true, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PUT", r.Method);
            Assert.Equal(PropertiesPath + "/temperature", r.Path);
            Assert.Equal("", r.RawQuery);
            Assert.Equal("{\"temperature\":21.5}", r.Body);
            Assert.StartsWith("application/json", r.ContentType);
            Assert.Equal(21.5m, result.Values["temperature"]);
            Assert.Equal(Uid, result.ThingId);
            Assert.Equal(Space, result.Space);
        }

        [Fact]
        public async Task SetOne_UpdateHistoryFalse_WhenAsked()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"on\":true}"));
            using var client = WithToken(handler);

            await client.Properties.SetOneAsync(new IotStudio.Api.ThingPath(Space, Uid, null), "on", true, updateHistory: false, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("false", r.QueryValue("update_history"));
            Assert.Equal("update_history=false", r.RawQuery);
            Assert.Equal("{\"on\":true}", r.Body);
        }

        [Theory]
        [InlineData(200)]
        [InlineData(201)]
        public async Task SetOne_Accepts200And201(int status)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(status, "{\"mode\":\"auto\"}"));
            using var client = WithToken(handler);

            var result = await client.Properties.SetOneAsync(new IotStudio.Api.ThingPath(Space, Uid, null), "mode", "auto", true, None);

            Assert.Equal("auto", result.Values["mode"]);
        }

        [Fact]
        public async Task SetOne_StructuredValue_AndCategoryScopedPath()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"cfg\":{\"a\":[1,2]}}"));
            using var client = WithToken(handler);
            var value = new OrderedDictionary { { "a", new List<object> { 1L, 2L } } };

            var result = await client.Properties.SetOneAsync(new IotStudio.Api.ThingPath(Space, Uid, "cat1"), "cfg", value, true, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal($"/spaces/space1/categories/cat1/things/{Uid}/properties/cfg", r.Path);
            Assert.Equal("{\"cfg\":{\"a\":[1,2]}}", r.Body);
            Assert.Equal(new List<object> { 1L, 2L }, ((OrderedDictionary)result.Values["cfg"])["a"]);
            GraphAssert.NoJsonTypes(result);
        }

        [Fact]
        public async Task SetOne_NullValue_IsSentAsJsonNull()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"p\":null}"));
            using var client = WithToken(handler);

            await client.Properties.SetOneAsync(new IotStudio.Api.ThingPath(Space, Uid, null), "p", null, true, None);

            Assert.Equal("{\"p\":null}", handler.Requests[0].Body);
        }

        [Fact]
        public async Task Set_SendsTheWholeMap()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"a\":1,\"b\":\"x\",\"c\":false}"));
            using var client = WithToken(handler);

            var result = await client.Properties.SetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), new OrderedDictionary { { "a", 1 }, { "b", "x" }, { "c", false } }, updateHistory: false, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PUT", r.Method);
            Assert.Equal(PropertiesPath, r.Path);
            Assert.Equal("{\"a\":1,\"b\":\"x\",\"c\":false}", r.Body);
            Assert.Equal("false", r.QueryValue("update_history"));
            Assert.Equal(new[] { "a", "b", "c" }, result.ToRows().Select(p => p.Name));
            Assert.Equal(new object[] { 1L, "x", false }, result.ToRows().Select(p => p.Value));
            Assert.All(result.ToRows(), p => Assert.Equal(Uid, p.ThingId));
        }

        [Fact]
        public async Task Set_EmptyMap_IsRefused()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<ArgumentException>(() => client.Properties.SetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), new Hashtable(), true, None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Properties.SetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), null, true, None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Properties.SetOneAsync(new IotStudio.Api.ThingPath(Space, Uid, null), "", 1, true, None));

            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task Get_ReturnsPlainValues()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"temp\":12.30,\"big\":1e400,\"list\":[1]}"));
            using var client = WithToken(handler);

            var result = await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal("GET", handler.Requests[0].Method);
            Assert.Equal(PropertiesPath, handler.Requests[0].Path);
            Assert.Equal(12.30m, result.Values["temp"]);
            Assert.IsType<double>(result.Values["big"]);
            GraphAssert.NoJsonTypes(result);
        }

        [Fact]
        public async Task Get_NonObjectAnswer_IsResponseException()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "[1]"));
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<IotStudio.Http.IotStudioResponseException>(() => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));
        }
    }
}
