using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using IotStudio.Emulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IotStudio.Emulator.Tests
{
    /// <summary>The query cursor routes over HTTP, in strict mode (every answer checked against the API description).</summary>
    public sealed class QueryEndpointTests : IAsyncLifetime
    {
        private const string Token = "query-test-token";
        private const string Cursor = "/spaces/q/query/cursor";
        private WebApplication _app;
        private HttpClient _http;
        private EmulatorStore _store;
        private DateTime _now = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

        public async Task InitializeAsync()
        {
            _app = EmulatorApp.Build(EmulatorOptions.Parse(new[] { "--port", "0", "--token", Token, "--strict" }, out _));
            await _app.StartAsync();
            string url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            _http = new HttpClient { BaseAddress = new Uri(url) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            _store = _app.Services.GetRequiredService<EmulatorStore>();
            _store.Clock = () => _now;
            var space = _store.Space("q");
            lock (space.Sync)
            {
                for (int i = 1; i <= 5; i++)
                {
                    var body = new JsonObject { ["title"] = $"boiler-{i}", ["status"] = new JsonObject { ["temperature"] = 10 * i } };
                    space.AddThing(body, [], DateTime.UtcNow);
                }
            }
        }

        public async Task DisposeAsync()
        {
            _http?.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task<(HttpStatusCode Status, JsonObject Body)> Post(string path, string json)
        {
            using var content = json == null ? null : new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(path, content);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text).AsObject());
        }

        private static string[] Titles(JsonObject body) => body["result"].AsArray().Select(r => r.GetValue<string>()).ToArray();

        [Fact]
        public async Task Batches_AreReadUntilHasMoreIsFalse_ThenTheCursorIsGone()
        {
            var (status, first) = await Post(Cursor, """{"query":"FOR t IN things SORT t.title DESC RETURN t.title","batchSize":2,"count":true}""");

            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal(new[] { "boiler-5", "boiler-4" }, Titles(first));
            Assert.True(first["hasMore"].GetValue<bool>());
            Assert.Equal(5, first["count"].GetValue<int>());
            Assert.False(first["error"].GetValue<bool>());
            Assert.Equal(201, first["code"].GetValue<int>());
            string id = first["id"].GetValue<string>();

            var (s2, second) = await Post($"{Cursor}/{id}", null);
            var (s3, third) = await Post($"{Cursor}/{id}", null);
            var (s4, gone) = await Post($"{Cursor}/{id}", null);

            Assert.Equal(HttpStatusCode.OK, s2);
            Assert.Equal(new[] { "boiler-3", "boiler-2" }, Titles(second));
            Assert.Equal(200, second["code"].GetValue<int>());
            Assert.Equal(5, second["count"].GetValue<int>());
            Assert.Equal(new[] { "boiler-1" }, Titles(third));
            Assert.False(third["hasMore"].GetValue<bool>());
            Assert.Null(third["id"]);
            Assert.Equal(HttpStatusCode.NotFound, s4);
            Assert.Equal(id, gone["error"]["details"]["cursor_id"].GetValue<string>());
        }

        [Fact]
        public async Task AllResultsInTheFirstBatch_NeedNoCursor_AndCountIsOnlyGivenWhenAsked()
        {
            var (status, body) = await Post(Cursor, """{"query":"FOR t IN things FILTER t.status.temperature >= @min RETURN { title: t.title, t: t.status.temperature }","bindVars":[{"min":40}]}""");

            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal("[{\"title\":\"boiler-4\",\"t\":40},{\"title\":\"boiler-5\",\"t\":50}]", body["result"].ToJsonString());
            Assert.False(body["hasMore"].GetValue<bool>());
            Assert.Null(body["id"]);
            Assert.Null(body["count"]);
        }

        [Fact]
        public async Task Ttl_RunsOutBetweenReads_AndEachReadRenewsIt()
        {
            var (_, first) = await Post(Cursor, """{"query":"FOR t IN things RETURN t.uid","batchSize":1,"ttl":10}""");
            string id = first["id"].GetValue<string>();

            _now = _now.AddSeconds(9);
            Assert.Equal(HttpStatusCode.OK, (await Post($"{Cursor}/{id}", null)).Status);
            _now = _now.AddSeconds(9);
            Assert.Equal(HttpStatusCode.OK, (await Post($"{Cursor}/{id}", null)).Status);
            _now = _now.AddSeconds(10);
            var (status, body) = await Post($"{Cursor}/{id}", null);

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.StartsWith($"cursor not found: '{id}'", body["error"]["message"].GetValue<string>());
        }

        [Fact]
        public async Task AnotherSpace_DoesNotSeeTheCursor()
        {
            var (_, first) = await Post(Cursor, """{"query":"FOR t IN things RETURN t.uid","batchSize":1}""");

            Assert.Equal(HttpStatusCode.NotFound, (await Post($"/spaces/other/query/cursor/{first["id"]}", null)).Status);
        }

        [Fact]
        public async Task NullFields_AreNotGiven_AndBindVarsMayBeAnObject()
        {
            var (status, body) = await Post(Cursor, """{"query":"FOR c IN categories RETURN c","bindVars":null,"batchSize":null,"count":null,"ttl":null,"then":null,"cache":true,"options":{"fullCount":true}}""");
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Empty(body["result"].AsArray());

            var (s2, b2) = await Post(Cursor, """{"query":"FOR t IN things FILTER t.title == @title RETURN t.title","bindVars":{"title":"boiler-2"}}""");
            Assert.True(s2 == HttpStatusCode.Created, b2?.ToJsonString());
            Assert.Equal(new[] { "boiler-2" }, Titles(b2));
        }

        [Theory]
        [InlineData("""{"query":"FOR t IN things REMOVE t IN things"}""", "the query service is read-only: REMOVE is not allowed at position 1:17", "read-only")]
        [InlineData("""{"query":"FOR t IN things LET x = 1 RETURN x"}""", "LET is not supported by the emulator's AQL subset at position 1:17", "unsupported")]
        [InlineData("""{"query":"FOR t IN things RETURN"}""", "syntax error, unexpected the end of the query (expected a value) at position 1:23", "syntax")]
        [InlineData("""{"query":"FOR t IN things FILTER t.a > @min RETURN t"}""", "no value was given for bind parameter '@min'", "invalid")]
        [InlineData("""{"query":"FOR t IN things RETURN t","bindVars":[{"a":1},{"a":2}]}""", "bind parameter 'a' is given twice", null)]
        [InlineData("""{"query":"   "}""", "the query is empty", "syntax")]
        [InlineData("""{"batchSize":5}""", "query is required: a string holding an AQL query", null)]
        [InlineData("""{"query":"FOR t IN things RETURN t","batchSize":0}""", "batchSize must be a whole number of 1 or more", null)]
        [InlineData("""{"query":"FOR t IN things RETURN t","then":{"op":"truncate"}}""", "then.op 'truncate' is not supported: use update or delete", null)]
        [InlineData("""{"query":"FOR t IN things RETURN t","then":{"op":"update","resource":"properties"}}""", "then.data must be an object of property values to update", null)]
        public async Task BadQueries_Answer400_SayingWhy(string json, string message, string reason)
        {
            var (status, body) = await Post(Cursor, json);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(message, body["error"]["message"].GetValue<string>());
            Assert.Equal(reason, body["error"]["details"]?["reason"]?.GetValue<string>());
        }

        [Fact]
        public async Task UnknownCollection_Is404()
        {
            var (status, body) = await Post(Cursor, """{"query":"FOR g IN gadgets RETURN g"}""");

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("gadgets", body["error"]["details"]["collection"].GetValue<string>());
        }

        [Fact]
        public async Task Then_UpdatesPropertyValues_OfEveryResult_AndCountsWhatItCouldNot()
        {
            var (status, body) = await Post(Cursor, """
                {"query":"FOR t IN things FILTER t.status.temperature > 25 RETURN { uid: t.uid }","batchSize":1,
                 "then":{"op":"update","resource":"properties","data":{"setpoint":21}}}
                """);
            var (_, titles) = await Post(Cursor, """{"query":"FOR t IN things FILTER t.status.setpoint == 21 RETURN t.title"}""");
            var (_, bad) = await Post(Cursor, """{"query":"FOR t IN things RETURN t.title","then":{"op":"delete"}}""");

            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal(3, body["then"]["success_count"].GetValue<int>());
            Assert.Equal(0, body["then"]["error_count"].GetValue<int>());
            Assert.Equal(new[] { "boiler-3", "boiler-4", "boiler-5" }, Titles(titles));
            // Results that name no Thing are errors, and nothing is deleted.
            Assert.Equal(0, bad["then"]["success_count"].GetValue<int>());
            Assert.Equal(5, bad["then"]["error_count"].GetValue<int>());
            Assert.Equal(5, _store.Space("q").Things.Count);
        }

        [Fact]
        public async Task Then_UpdatesThingFields_DeletesPropertyValues_AndDeletesThings()
        {
            var (_, update) = await Post(Cursor, """{"query":"FOR t IN things FILTER t.title IN ['boiler-1','boiler-2'] RETURN t","then":{"op":"update","resource":"things","data":{"description":"retired","title":null}}}""");
            var (_, props) = await Post(Cursor, """{"query":"FOR t IN things FILTER t.description == 'retired' RETURN t","then":{"op":"delete","resource":"properties","data":["temperature"]}}""");
            var (_, after) = await Post(Cursor, """{"query":"FOR t IN things FILTER t.description == 'retired' RETURN [t.title, t.status]"}""");
            var (_, delete) = await Post(Cursor, """{"query":"FOR t IN things FILTER t.description == 'retired' RETURN t","then":{"op":"delete"}}""");

            Assert.Equal(2, update["then"]["success_count"].GetValue<int>());
            Assert.Equal(2, props["then"]["success_count"].GetValue<int>());
            Assert.Equal("[[null,{}],[null,{}]]", after["result"].ToJsonString());
            Assert.Equal(2, delete["then"]["success_count"].GetValue<int>());
            // The results are the Things as the query read them, before the delete.
            Assert.Equal(2, delete["result"].AsArray().Count);
            Assert.Equal(3, _store.Space("q").Things.Count);
        }

        [Fact]
        public async Task Then_OnTheNextBatch_AppliesToThatBatchOnly()
        {
            var (_, first) = await Post(Cursor, """{"query":"FOR t IN things SORT t.title RETURN t","batchSize":2}""");
            var (status, next) = await Post($"{Cursor}/{first["id"]}", """{"then":{"op":"delete"}}""");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(2, next["then"]["success_count"].GetValue<int>());
            Assert.Equal(new[] { "boiler-1", "boiler-2", "boiler-5" }, _store.Space("q").Things.Select(t => t.Title).ToArray());
        }

        [Fact]
        public async Task ExpireCursors_ControlEndpoint_ExpiresEveryOpenCursor()
        {
            var (_, first) = await Post(Cursor, """{"query":"FOR t IN things RETURN t.uid","batchSize":1}""");

            using var response = await new HttpClient { BaseAddress = _http.BaseAddress }.PostAsync("/_emulator/expire-cursors", null);
            var expired = JsonNode.Parse(await response.Content.ReadAsStringAsync())["expired"].GetValue<int>();

            Assert.Equal(1, expired);
            Assert.Equal(HttpStatusCode.NotFound, (await Post($"{Cursor}/{first["id"]}", null)).Status);
        }
    }
}
