using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Threading.Tasks;
using IotStudio.Paging;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    /// <summary>Query cursors: the request body, batches read only when asked, the cap, the total, expiry and <c>then</c>.</summary>
    public class QueryCursorTests
    {
        private const string CursorPath = "/spaces/space1/query/cursor";
        private const string Aql = "FOR t IN things FILTER t.status.temperature > @min RETURN { uid: t.uid, title: t.title }";

        private static string Batch(string result, bool hasMore, string id = "C1", string extra = "", int code = 201) =>
            "{\"error\":false,\"code\":" + code + ",\"result\":" + result + ",\"hasMore\":" + (hasMore ? "true" : "false") +
            (hasMore ? ",\"id\":\"" + id + "\"" : "") + extra + "}";

        private static string Items(int from, int count) =>
            "[" + string.Join(",", Enumerable.Range(from, count).Select(i => "{\"uid\":\"U" + i + "\",\"n\":" + i + "}")) + "]";

        [Fact]
        public async Task Read_SendsNothingUntilAsked_ThenCreatesTheCursorWithTheWholeBody()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, Batch("[{\"uid\":\"A\",\"title\":\"boiler-1\",\"t\":21.5,\"tags\":[\"x\",1]},\"plain\",7,null]", false, extra: ",\"count\":4")));
            using var client = WithToken(handler);
            var request = new QueryRequest(Aql)
            {
                BindVariables = new OrderedDictionary { { "min", 20L }, { "pattern", "boiler%" } },
                BatchSize = 10,
                Count = true,
                TtlSeconds = 30,
            };

            var pager = client.Query.Read(Space, request);
            Assert.Empty(handler.Requests);
            Assert.Null(pager.TotalCount);
            var items = await pager.NextPageAsync(None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal(CursorPath, r.Path);
            Assert.Equal("{\"query\":\"FOR t IN things FILTER t.status.temperature \\u003E @min RETURN { uid: t.uid, title: t.title }\",\"bindVars\":[{\"min\":20,\"pattern\":\"boiler%\"}],\"batchSize\":10,\"count\":true,\"ttl\":30}", r.Body);
            Assert.StartsWith("application/json", r.ContentType);
            Assert.Equal(4, items.Count);
            var first = Assert.IsType<OrderedDictionary>(items[0]);
            Assert.Equal("boiler-1", first["title"]);
            Assert.Equal(21.5m, first["t"]);
            Assert.Equal(new object[] { "x", 1L }, (IEnumerable<object>)first["tags"]);
            Assert.Equal("plain", items[1]);
            Assert.Equal(7L, items[2]);
            Assert.Null(items[3]);
            Assert.Equal(4, pager.TotalCount);
            Assert.False(pager.HasMore);
            GraphAssert.NoJsonTypes(items);
        }

        [Fact]
        public async Task OptionalFields_AreLeftOut_WhenNotGiven()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, Batch("[]", false)));
            using var client = WithToken(handler);

            await client.Query.Read(Space, new QueryRequest("FOR c IN categories RETURN c.name")).NextPageAsync(None);

            Assert.Equal("{\"query\":\"FOR c IN categories RETURN c.name\"}", Assert.Single(handler.Requests).Body);
        }

        [Fact]
        public async Task NextBatch_IsReadFromTheCursor_OnlyWhenAskedFor()
        {
            var handler = new FakeHandler()
                .Route(CursorPath, _ => Respond.Json(201, Batch(Items(1, 2), true, "C9")))
                .Route(CursorPath + "/C9", r => Respond.Json(200, Batch(Items(3, 1), false, code: 200)));
            using var client = WithToken(handler);

            var pager = client.Query.Read(Space, new QueryRequest("FOR t IN things RETURN t") { BatchSize = 2 });
            var first = await pager.NextPageAsync(None);
            Assert.Single(handler.Requests);
            Assert.True(pager.HasMore);
            Assert.Equal("C9", pager.CursorId);
            var second = await pager.NextPageAsync(None);
            var third = await pager.NextPageAsync(None);

            Assert.Equal(2, first.Count);
            Assert.Equal("U3", ((OrderedDictionary)Assert.Single(second))["uid"]);
            Assert.Empty(third);
            Assert.False(pager.HasMore);
            Assert.Equal(2, pager.PagesFetched);
            Assert.Equal(new[] { "POST " + CursorPath, "POST " + CursorPath + "/C9" }, handler.Requests.Select(r => r.Method + " " + r.Path));
            Assert.Null(handler.Requests[1].Body);
            Assert.Null(pager.TotalCount);
        }

        [Fact]
        public void Cap_SmallerThanTheBatch_AsksForNoMore_AndStops()
        {
            // The service may still say hasMore; the cap ends the reading.
            var handler = new FakeHandler().Always(_ => Respond.Json(201, Batch(Items(1, 3), true)));
            using var client = WithToken(handler);

            var pager = client.Query.Read(Space, new QueryRequest("FOR t IN things RETURN t") { BatchSize = 50 }, maxItems: 3);
            var items = pager.Enumerate(None).ToList();

            Assert.Equal(3, items.Count);
            Assert.Contains("\"batchSize\":3", Assert.Single(handler.Requests).Body);
            Assert.False(pager.HasMore);
        }

        [Fact]
        public void Cap_AcrossBatches_StopsAsking_AndNeverYieldsMore()
        {
            var next = 3;
            var handler = new FakeHandler()
                .Route(CursorPath, _ => Respond.Json(201, Batch(Items(1, 2), true)))
                .Route(CursorPath + "/C1", _ => { var body = Batch(Items(next, 2), true, code: 200); next += 2; return Respond.Json(200, body); });
            using var client = WithToken(handler);

            var pager = client.Query.Read(Space, new QueryRequest("FOR t IN things RETURN t") { BatchSize = 2 }, maxItems: 5);
            var items = pager.Enumerate(None).ToList();

            Assert.Equal(5, items.Count);
            Assert.Equal(new[] { "U1", "U2", "U3", "U4", "U5" }, items.Select(i => (string)((OrderedDictionary)i)["uid"]));
            Assert.Equal(3, handler.Requests.Count);
            Assert.Contains("\"batchSize\":2", handler.Requests[0].Body);
        }

        [Fact]
        public async Task CapOfZero_SendsNothing()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            var pager = client.Query.Read(Space, new QueryRequest("FOR t IN things RETURN t"), maxItems: 0);

            Assert.False(pager.HasMore);
            Assert.Empty(await pager.NextPageAsync(None));
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task ExpiredCursor_OnTheNextBatch_IsACursorExpiredException_NotASilentStop()
        {
            var handler = new FakeHandler()
                .Route(CursorPath, _ => Respond.Json(201, Batch(Items(1, 2), true, "C7")))
                .Route(CursorPath + "/C7", _ => Respond.Error(404, "cursor not found"));
            using var client = WithToken(handler);

            var pager = client.Query.Read(Space, new QueryRequest("FOR t IN things RETURN t") { BatchSize = 2 });
            await pager.NextPageAsync(None);
            var ex = await Assert.ThrowsAsync<IotStudioCursorExpiredException>(() => pager.NextPageAsync(None));

            Assert.Equal("C7", ex.CursorId);
            Assert.Equal(404, ex.StatusCode);
            Assert.Equal("POST", ex.Method);
            Assert.Equal(CursorPath + "/C7", ex.Path);
            Assert.Contains("'C7'", ex.Message);
            Assert.Contains("time to live", ex.Message);
            var inner = Assert.IsType<IotStudioApiException>(ex.InnerException);
            Assert.Equal("cursor not found", inner.ApiMessage);
            Assert.Contains("cursor not found", ex.Response.Body);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task NotFound_OnCreate_IsAnOrdinaryApiError()
        {
            // A 404 on create is an unknown collection, not an expired cursor.
            var handler = new FakeHandler().Always(_ => Respond.Error(404, "collection 'gadgets' not found"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Query.Read(Space, new QueryRequest("FOR g IN gadgets RETURN g")).NextPageAsync(None));

            Assert.Equal(404, ex.StatusCode);
            Assert.Equal("collection 'gadgets' not found", ex.ApiMessage);
        }

        [Fact]
        public async Task BadRequest_IsNotRetried_AndCarriesTheApiMessage()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(400, "the query service is read-only: REMOVE is not allowed"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Query.Read(Space, new QueryRequest("FOR t IN things REMOVE t IN things")).NextPageAsync(None));

            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("the query service is read-only: REMOVE is not allowed", ex.ApiMessage);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task HasMoreWithoutCursorId_IsAResponseError()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, "{\"error\":false,\"result\":[1],\"hasMore\":true}"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Query.Read(Space, new QueryRequest("FOR t IN things RETURN 1")).NextPageAsync(None));

            Assert.Contains("no cursor 'id'", ex.Message);
        }

        [Fact]
        public async Task Apply_SendsThen_AndReadsTheCounts()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, Batch(Items(1, 2), false, extra: ",\"then\":{\"success_count\":2,\"error_count\":1}")));
            using var client = WithToken(handler);
            var request = new QueryRequest("FOR t IN things FILTER t.status.temperature > 30 RETURN t")
            {
                Then = new QueryThen(QueryThenOperation.Update, QueryThenResource.Properties, new OrderedDictionary { { "setpoint", 21L } }),
            };

            var result = await client.Query.ApplyAsync(Space, request, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal(CursorPath, r.Path);
            Assert.Equal("{\"query\":\"FOR t IN things FILTER t.status.temperature \\u003E 30 RETURN t\",\"then\":{\"op\":\"update\",\"resource\":\"properties\",\"data\":{\"setpoint\":21}}}", r.Body);
            Assert.Equal(2, result.SuccessCount);
            Assert.Equal(1, result.ErrorCount);
            Assert.Equal("update", result.Operation);
            Assert.Equal("properties", result.Resource);
            Assert.Equal(Space, result.Space);
        }

        [Fact]
        public async Task Apply_Delete_HasNoData_AndBooleanCountsAreReadAsOneOrZero()
        {
            // The YAML types the counts as booleans; a service that follows it literally still gives a usable result.
            var handler = new FakeHandler().Always(_ => Respond.Json(201, Batch("[]", false, extra: ",\"then\":{\"success_count\":true,\"error_count\":false}")));
            using var client = WithToken(handler);

            var result = await client.Query.ApplyAsync(Space, new QueryRequest("FOR t IN things RETURN t") { Then = new QueryThen(QueryThenOperation.Delete) }, None);

            Assert.EndsWith(",\"then\":{\"op\":\"delete\",\"resource\":\"things\"}}", Assert.Single(handler.Requests).Body);
            Assert.Equal(1, result.SuccessCount);
            Assert.Equal(0, result.ErrorCount);
        }

        [Fact]
        public async Task Apply_AnswerWithoutThen_IsAResponseError()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, Batch("[]", false)));
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<IotStudioResponseException>(() =>
                client.Query.ApplyAsync(Space, new QueryRequest("FOR t IN things RETURN t") { Then = new QueryThen(QueryThenOperation.Delete) }, None));
        }

        [Fact]
        public async Task NextBatch_WithThen_SendsItAsTheBody()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Batch("[]", false, code: 200, extra: ",\"then\":{\"success_count\":0,\"error_count\":0}")));
            using var client = WithToken(handler);

            var batch = await client.Query.NextBatchAsync(Space, "C 1", new QueryThen(QueryThenOperation.Delete, QueryThenResource.Properties, new[] { "cpu" }), None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal(CursorPath + "/C%201", r.Path);
            Assert.Equal("{\"then\":{\"op\":\"delete\",\"resource\":\"properties\",\"data\":[\"cpu\"]}}", r.Body);
            Assert.Equal(0, batch.Then.SuccessCount);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(null)]
        public void EmptyQuery_IsRefusedBeforeAnyRequest(string query)
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            var ex = Assert.Throws<ArgumentException>(() => client.Query.Read(Space, new QueryRequest(query)));

            Assert.Contains("The query is empty", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Theory]
        [InlineData("@min")]
        [InlineData("has space")]
        [InlineData("_x")]
        public void BindVariableNames_MustBeWhatAqlWrites(string name)
        {
            using var client = WithToken(new FakeHandler());
            var request = new QueryRequest("FOR t IN things RETURN t") { BindVariables = new Hashtable { { name, 1 } } };

            var ex = Assert.Throws<ArgumentException>(() => client.Query.Read(Space, request));

            Assert.Contains($"'{name}' is not a valid bind variable name", ex.Message);
        }

        [Fact]
        public void BadSizes_AndThenWithoutData_AreRefused()
        {
            using var client = WithToken(new FakeHandler());

            Assert.Throws<ArgumentOutOfRangeException>(() => client.Query.Read(Space, new QueryRequest("x") { BatchSize = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Query.Read(Space, new QueryRequest("x") { BatchSize = 1001 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Query.Read(Space, new QueryRequest("x") { TtlSeconds = 0 }));
            var update = Assert.Throws<ArgumentException>(() => client.Query.ApplyAsync(Space, new QueryRequest("x") { Then = new QueryThen(QueryThenOperation.Update, QueryThenResource.Properties) }, None).GetAwaiter().GetResult());
            Assert.Contains("@{ setpoint = 21 }", update.Message);
            Assert.Throws<ArgumentException>(() => client.Query.Read(Space, new QueryRequest("x") { Then = new QueryThen(QueryThenOperation.Delete) }));
            Assert.Throws<ArgumentException>(() => client.Query.ApplyAsync(Space, new QueryRequest("x"), None).GetAwaiter().GetResult());
            Assert.Throws<ArgumentException>(() => client.Query.Read("", new QueryRequest("x")));
        }
    }
}
