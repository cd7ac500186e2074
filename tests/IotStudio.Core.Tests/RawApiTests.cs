using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Paging;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class RawApiTests
    {
        private static FakeHandler Answering(string json = "{\"ok\":true}") => new FakeHandler().Always(_ => Respond.Json(200, json));

        private static async Task<RecordedRequest> SendOne(ApiRequest request, IotStudioClient client, FakeHandler handler)
        {
            await client.Raw.SendAsync(request, None);
            return Assert.Single(handler.Requests);
        }

        [Theory]
        [InlineData("/spaces/s1/things")]
        [InlineData("spaces/s1/things")]
        [InlineData("  /spaces/s1/things ")]
        public async Task RelativePath_WithOrWithoutLeadingSlash_GoesBelowTheApiUrl_WithTheToken(string path)
        {
            var handler = Answering();
            using var client = WithToken(handler);

            var r = await SendOne(client.Raw.Build("get", path), client, handler);

            Assert.Equal("GET", r.Method);
            Assert.Equal("api.example.test", r.Uri.Host);
            Assert.Equal("/spaces/s1/things", r.Path);
            Assert.Equal("Bearer " + StaticToken, r.Authorization);
        }

        [Fact]
        public async Task AbsoluteUrlBelowTheApiUrl_IsSentAsItsPathBelowTheApiPath()
        {
            var handler = Answering();
            using var client = WithToken(handler, o => o.ApiUrl = new Uri("https://gw.example.test/iot/"));

            var request = client.Raw.Build("GET", "https://GW.example.test/iot/spaces/s1/things?limit=3");
            var r = await SendOne(request, client, handler);

            Assert.Equal("/spaces/s1/things", request.RelativePath);
            Assert.Equal("gw.example.test", r.Uri.Host);
            Assert.Equal("/iot/spaces/s1/things", r.Path);
            Assert.Equal("3", r.QueryValue("limit"));
            Assert.False(client.Raw.IsForeignUrl("https://gw.example.test/iot/spaces/s1/things"));
        }

        [Theory]
        [InlineData("https://evil.example.test/spaces/s1/things")]
        [InlineData("https://api.example.test.evil.example/spaces")]
        [InlineData("http://api.example.test/spaces/s1/things")]
        [InlineData("https://api.example.test:8443/spaces/s1/things")]
        [InlineData("ftp://api.example.test/spaces")]
        [InlineData("//evil.example.test/spaces/s1/things")]
        public async Task UrlOffTheApiHost_IsRefusedBeforeAnyRequest(string url)
        {
            var handler = Answering();
            using var client = WithToken(handler);

            var ex = Assert.Throws<ArgumentException>(() => client.Raw.Build("GET", url));

            Assert.True(client.Raw.IsForeignUrl(url));
            Assert.Contains("https://api.example.test", ex.Message);
            Assert.Contains("token", ex.Message);
            await Task.Yield();
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public void UrlOnTheApiHostButOutsideTheApiPath_IsRefused()
        {
            using var client = WithToken(new FakeHandler(), o => o.ApiUrl = new Uri("https://gw.example.test/iot"));

            Assert.True(client.Raw.IsForeignUrl("https://gw.example.test/other/spaces"));
            Assert.True(client.Raw.IsForeignUrl("https://gw.example.test/iotx/spaces"));
            Assert.Throws<ArgumentException>(() => client.Raw.Build("GET", "https://gw.example.test/other/spaces"));
            Assert.False(client.Raw.IsForeignUrl("/other/spaces"));
        }

        [Fact]
        public async Task Query_ArraysRepeatTheKey_BooleansAreLowercase_NumbersInvariant_NullIsEmpty()
        {
            var handler = Answering();
            using var client = WithToken(handler);
            var query = new OrderedDictionary
            {
                { "thingID[]", new List<object> { "A", "B" } },
                { "in_category", false },
                { "group", true },
                { "ratio", 1.5 },
                { "limit", 7L },
                { "at", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero) },
                { "empty", null },
            };
            var previous = CultureInfo.CurrentCulture;
            RecordedRequest r;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                r = await SendOne(client.Raw.Build("GET", "/spaces/s1/things", query), client, handler);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }

            Assert.Equal(new[] { "A", "B" }, r.QueryValues("thingID[]"));
            Assert.Contains("thingID[]=A&thingID[]=B", r.RawQuery);
            Assert.Equal("false", r.QueryValue("in_category"));
            Assert.Equal("true", r.QueryValue("group"));
            Assert.Equal("1.5", r.QueryValue("ratio"));
            Assert.Equal("7", r.QueryValue("limit"));
            Assert.Equal("2024-05-06T07:08:09+00:00", r.QueryValue("at"));
            Assert.Equal("", r.QueryValue("empty"));
        }

        [Fact]
        public void Query_ObjectOrNestedArrayValue_IsRefused()
        {
            using var client = WithToken(new FakeHandler());

            Assert.Throws<ArgumentException>(() => client.Raw.Build("GET", "/x", new Hashtable { { "a", new Hashtable { { "b", 1 } } } }));
            Assert.Throws<ArgumentException>(() => client.Raw.Build("GET", "/x", new Hashtable { { "a", new object[] { new[] { 1, 2 } } } }));
        }

        [Fact]
        public async Task QueryInThePath_IsKept_BeforeTheQueryMap_AndAPlusStaysAPlus()
        {
            var handler = Answering();
            using var client = WithToken(handler);

            var r = await SendOne(client.Raw.Build("GET", "/spaces/s1/things?sort=+title&title=a%20b", new Hashtable { { "limit", 5 } }), client, handler);

            Assert.Equal("/spaces/s1/things", r.Path);
            Assert.Equal(new[] { "sort", "title", "limit" }, r.Query.Select(kv => kv.Key));
            Assert.Equal("+title", r.QueryValue("sort"));
            Assert.Equal("a b", r.QueryValue("title"));
            Assert.Contains("sort=%2Btitle", r.RawQuery);
        }

        [Fact]
        public async Task PathCharacters_AreEncodedOnce_AndEscapesGivenAreKept()
        {
            var handler = Answering();
            using var client = WithToken(handler);

            var r = await SendOne(client.Raw.Build("GET", "/spaces/my space/things/a%2Fb/properties/t\u00e9mp"), client, handler);

            Assert.Equal("/spaces/my%20space/things/a%2Fb/properties/t%C3%A9mp", r.Uri.AbsolutePath);
        }

        [Theory]
        [InlineData("/spaces/s1/../oauth2/token")]
        [InlineData("/spaces/./s1")]
        [InlineData("/spaces/{space}/things")]
        [InlineData("/spaces/s1/things/{thing-id}/properties")]
        [InlineData("")]
        [InlineData("   ")]
        public void DotSegmentsPlaceholdersAndEmptyPaths_AreRefused(string path)
        {
            using var client = WithToken(new FakeHandler());

            Assert.Throws<ArgumentException>(() => client.Raw.Build("GET", path));
        }

        [Fact]
        public void UnknownMethod_IsRefused_AndTheMethodIsUpperCased()
        {
            using var client = WithToken(new FakeHandler());

            Assert.Throws<ArgumentException>(() => client.Raw.Build("TRACE", "/x"));
            Assert.Equal("PATCH", client.Raw.Build("patch", "/x").Method);
            Assert.Equal("GET", client.Raw.Build(null, "/x").Method);
        }

        [Fact]
        public async Task ObjectBody_IsSentAsJson_StringBody_AsItIs_WithTheContentTypeGiven()
        {
            var handler = Answering();
            using var client = WithToken(handler);

            await client.Raw.SendAsync(client.Raw.Build("POST", "/spaces/s1/things", null, new OrderedDictionary { { "title", "x" }, { "n", 2 } }), None);
            await client.Raw.SendAsync(client.Raw.Build("PATCH", "/spaces/s1/things/" + Uid, null, "[{\"op\":\"remove\",\"path\":\"/title\"}]", "application/json-patch+json"), None);

            var post = handler.Requests[0];
            Assert.Equal("{\"title\":\"x\",\"n\":2}", post.Body);
            Assert.StartsWith("application/json", post.ContentType);
            var patch = handler.Requests[1];
            Assert.Equal("PATCH", patch.Method);
            Assert.Equal("[{\"op\":\"remove\",\"path\":\"/title\"}]", patch.Body);
            Assert.StartsWith("application/json-patch+json", patch.ContentType);
        }

        [Theory]
        [InlineData("GET")]
        [InlineData("HEAD")]
        public void BodyOnARequestThatCarriesNone_IsRefused(string method)
        {
            using var client = WithToken(new FakeHandler());

            var ex = Assert.Throws<ArgumentException>(() => client.Raw.Build(method, "/x", null, "{}"));

            Assert.Contains("query", ex.Message);
        }

        [Fact]
        public async Task ReadValue_JsonBecomesPlainValues_TextStaysText_EmptyIsNull()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, "{\"data\":[{\"n\":1,\"d\":1.25,\"o\":{\"b\":true}}]}"))
                .Enqueue(Respond.Text(System.Net.HttpStatusCode.OK, "plain words", "text/plain"))
                .Enqueue(Respond.Status(204))
                .Enqueue(Respond.Untyped(200, "[1,2]"));
            using var client = WithToken(handler);
            var request = client.Raw.Build("GET", "/x");

            var json = RawApi.ReadValue(request, await client.Raw.SendAsync(request, None));
            var text = RawApi.ReadValue(request, await client.Raw.SendAsync(request, None));
            var empty = RawApi.ReadValue(request, await client.Raw.SendAsync(request, None));
            var untyped = RawApi.ReadValue(request, await client.Raw.SendAsync(request, None));

            GraphAssert.NoJsonTypes(json);
            var map = Assert.IsType<OrderedDictionary>(json);
            var item = Assert.IsType<OrderedDictionary>(Assert.Single((IList)map["data"]));
            Assert.Equal(1L, item["n"]);
            Assert.Equal(1.25m, item["d"]);
            Assert.Equal(true, ((OrderedDictionary)item["o"])["b"]);
            Assert.Equal("plain words", text);
            Assert.Null(empty);
            Assert.Equal(new object[] { 1L, 2L }, Assert.IsType<List<object>>(untyped));
        }

        [Fact]
        public async Task ReadValue_BodyThatClaimsJsonButIsNot_IsAResponseError()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{not json"));
            using var client = WithToken(handler);
            var request = client.Raw.Build("GET", "/x");
            var response = await client.Raw.SendAsync(request, None);

            var ex = Assert.Throws<IotStudioResponseException>(() => RawApi.ReadValue(request, response));

            Assert.Equal(200, ex.StatusCode);
            Assert.Equal("/x", ex.Path);
        }

        [Fact]
        public async Task ApiErrors_AreTheCoreExceptions_GetIsRetried_PostIsNot()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Error(503, "busy"), Respond.Json(200, "{}"))
                .Enqueue(Respond.Error(503, "busy"));
            using var client = WithToken(handler);

            await client.Raw.SendAsync(client.Raw.Build("GET", "/x"), None);
            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Raw.SendAsync(client.Raw.Build("POST", "/x", null, "{}"), None));

            Assert.Equal(3, handler.Requests.Count);
            Assert.Equal(503, ex.StatusCode);
            Assert.Equal("busy", ex.ApiMessage);
        }

        [Fact]
        public async Task Paginate_FollowsNextCursor_SendsTheQueryEachTime_AndStopsAtMaxItems()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, "{\"data\":[{\"n\":1},{\"n\":2}],\"paging\":{\"next_cursor\":\"c2\"}}"))
                .Enqueue(Respond.Json(200, "{\"data\":[{\"n\":3}],\"paging\":{\"next_cursor\":\"c3\"}}"));
            using var client = WithToken(handler);
            var request = client.Raw.Build("GET", "/spaces/s1/things", new Hashtable { { "title", "t" } });

            var pager = client.Raw.Paginate(request, v => (long)((IDictionary)v)["n"], pageSize: 2, maxItems: 3);
            var items = pager.Enumerate(None).ToList();

            Assert.Equal(new[] { 1L, 2L, 3L }, items);
            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(new[] { "2", "1" }, handler.Requests.Select(r => r.QueryValue("limit")));
            Assert.All(handler.Requests, r => Assert.Equal("t", r.QueryValue("title")));
            Assert.Null(handler.Requests[0].QueryValue("next_cursor"));
            Assert.Equal("c2", handler.Requests[1].QueryValue("next_cursor"));
        }

        [Fact]
        public async Task Paginate_TakesThePageSizeFromTheQueryLimit_WhenNoneIsGiven()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"data\":[],\"paging\":{\"next_cursor\":\"\"}}"));
            using var client = WithToken(handler);

            var pager = client.Raw.Paginate(client.Raw.Build("GET", "/spaces/s1/things?limit=7"), v => v);
            await pager.NextPageAsync(None);

            Assert.Equal(7, pager.PageSize);
            Assert.Equal("7", Assert.Single(handler.Requests).QueryValue("limit"));
            Assert.False(pager.HasMore);
        }

        [Fact]
        public void Paginate_AnythingButGet_IsRefused()
        {
            using var client = WithToken(new FakeHandler());

            Assert.Throws<ArgumentException>(() => client.Raw.Paginate(client.Raw.Build("POST", "/x"), v => v));
        }

        [Fact]
        public async Task Paginate_AnswerWithoutData_IsAResponseError()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"uid\":\"x\"}"));
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Raw.Paginate(client.Raw.Build("GET", "/x"), v => v).NextPageAsync(None));
        }
    }
}
