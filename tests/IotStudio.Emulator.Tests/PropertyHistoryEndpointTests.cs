using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IotStudio.Emulator.Tests
{
    /// <summary>
    /// The properties-history routes of the emulator (in strict mode, so every answer also matches the API
    /// description), for what the module never sends: a delete without 'at', malformed and reversed ranges, a
    /// conflicting upload of several entries, and the wire forms of 'at'.
    /// </summary>
    public sealed class PropertyHistoryEndpointTests : IAsyncLifetime
    {
        private const string Token = "history-test-token";
        private WebApplication _app;
        private HttpClient _http;
        private string _thing;

        public async Task InitializeAsync()
        {
            _app = EmulatorApp.Build(EmulatorOptions.Parse(new[] { "--port", "0", "--token", Token, "--strict" }, out _));
            await _app.StartAsync();
            string url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            _http = new HttpClient { BaseAddress = new Uri(url) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var (_, thing) = await SendAsync(HttpMethod.Post, "/spaces/test/things", "{\"title\":\"boiler\"}");
            _thing = thing.GetProperty("uid").GetString();
        }

        public async Task DisposeAsync()
        {
            _http?.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private string History => $"/spaces/test/things/{_thing}/properties-history";

        private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string json = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return (response.StatusCode, body);
        }

        private async Task<string[]> ListAsync(string query, string path = null)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, (path ?? History) + query);
            Assert.Equal(HttpStatusCode.OK, status);
            return body.GetProperty("data").EnumerateArray()
                .Select(i => i.GetProperty("at").GetString() + " " + i.GetProperty("properties").GetRawText())
                .ToArray();
        }

        private const string ThreeEntries = "[{\"at\":\"2023-05-15T10:00:00Z\",\"properties\":{\"t\":1,\"mode\":\"eco\"}}," +
            "{\"at\":\"2023-05-15T12:00:00.5+02:00\",\"properties\":{\"t\":2}}," +
            "{\"at\":\"2023-06-01T00:00:00Z\",\"properties\":{\"t\":3}}]";

        [Fact]
        public async Task Post_StoresEntries_AnswersThemInUtc_AndListsOneValuePerItemInTimeThenNameOrder()
        {
            var (status, created) = await SendAsync(HttpMethod.Post, History, ThreeEntries);

            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal(new[] { "2023-05-15T10:00:00.000Z", "2023-05-15T10:00:00.500Z", "2023-06-01T00:00:00.000Z" },
                created.EnumerateArray().Select(e => e.GetProperty("at").GetString()));
            Assert.Equal(new[]
            {
                "2023-05-15T10:00:00.000Z {\"mode\":\"eco\"}",
                "2023-05-15T10:00:00.000Z {\"t\":1}",
                "2023-05-15T10:00:00.500Z {\"t\":2}",
                "2023-06-01T00:00:00.000Z {\"t\":3}",
            }, await ListAsync(""));
            Assert.Equal(new[] { "2023-05-15T10:00:00.000Z {\"mode\":\"eco\",\"t\":1}", "2023-05-15T10:00:00.500Z {\"t\":2}", "2023-06-01T00:00:00.000Z {\"t\":3}" },
                await ListAsync("?group=true"));
            Assert.Equal(3, (await ListAsync("", History + "/t")).Length);
            Assert.Equal(new[] { "2023-05-15T10:00:00.000Z {\"mode\":\"eco\"}" }, await ListAsync("?property_name[]=mode&property_name[]=nothing"));
        }

        [Theory]
        [InlineData("2023|2023", 4)]
        [InlineData("2023-05|2023-05", 3)]
        [InlineData("2023-05-15|2023-05-31", 3)]
        [InlineData("2023-06-01|2023-06-01", 1)]
        [InlineData("2023-05-15T10:00:00.500Z|2023-06-01T00:00:00Z", 2)]
        [InlineData("2023-05-15T10:00:00Z", 2)]
        [InlineData("2023-05-15T12:00:00.5%2B02:00", 1)]
        [InlineData("2022|2023-05-14", 0)]
        public async Task At_SelectsAnInstantOrARange_ShortFormsCoveringTheirWholePeriod(string at, int count)
        {
            await SendAsync(HttpMethod.Post, History, ThreeEntries);

            Assert.Equal(count, (await ListAsync("?at=" + at)).Length);
        }

        [Theory]
        [InlineData("2023|2022", "reversed")]
        [InlineData("2023-05-31|2023-05-15", "reversed")]
        [InlineData("2023", "not a date-time")]
        [InlineData("2023-13|2024", "not a calendar date")]
        [InlineData("yesterday", "not a date-time")]
        [InlineData("2023|", "empty")]
        public async Task At_Malformed_OrReversed_Is400(string at, string why)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, History + "?at=" + at);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(why, body.GetProperty("error").GetProperty("message").GetString());
        }

        [Fact]
        public async Task Post_RefusesTheWholeRequestWith409_ForAValueAlreadyThere_OrGivenTwice()
        {
            await SendAsync(HttpMethod.Post, History, "{\"at\":\"2023-05-15T10:00:00Z\",\"properties\":{\"t\":1}}");

            var (status, body) = await SendAsync(HttpMethod.Post, History,
                "[{\"at\":\"2023-05-15T11:00:00Z\",\"properties\":{\"t\":5}},{\"at\":\"2023-05-15T10:00:00.000Z\",\"properties\":{\"u\":0,\"t\":9}}]");
            var (twice, _) = await SendAsync(HttpMethod.Post, History + "/u",
                "[{\"at\":\"2023-05-15T11:00:00Z\",\"properties\":{\"u\":1}},{\"at\":\"2023-05-15T11:00:00Z\",\"properties\":{\"u\":2}}]");

            Assert.Equal(HttpStatusCode.Conflict, status);
            var error = body.GetProperty("error");
            Assert.Equal(409, error.GetProperty("status").GetInt32());
            Assert.Equal("t", error.GetProperty("details").GetProperty("property").GetString());
            Assert.Equal("2023-05-15T10:00:00.000Z", error.GetProperty("details").GetProperty("at").GetString());
            Assert.Equal(HttpStatusCode.Conflict, twice);
            Assert.Equal(new[] { "2023-05-15T10:00:00.000Z {\"t\":1}" }, await ListAsync(""));
        }

        [Theory]
        [InlineData("{\"at\":\"2023-05-15T10:00:00Z\",\"properties\":{\"t\":1,\"u\":2}}", "'t' alone")]
        [InlineData("{\"at\":\"2023-05\",\"properties\":{\"t\":1}}", "date-time")]
        [InlineData("{\"properties\":{\"t\":1}}", "needs 'at'")]
        [InlineData("{\"at\":\"2023-05-15T10:00:00Z\",\"properties\":{}}", "needs 'properties'")]
        [InlineData("[]", "no history entries")]
        [InlineData("[1]", "must be an object")]
        public async Task Post_MalformedEntries_Are400(string json, string why)
        {
            var (status, body) = await SendAsync(HttpMethod.Post, History + "/t", json);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(why, body.GetProperty("error").GetProperty("message").GetString());
        }

        [Fact]
        public async Task Delete_NeedsAt_AndRemovesTheRangeOfTheNamedPropertiesOnly()
        {
            await SendAsync(HttpMethod.Post, History, ThreeEntries);

            var (without, body) = await SendAsync(HttpMethod.Delete, History);
            Assert.Equal(HttpStatusCode.BadRequest, without);
            Assert.Contains("at is required", body.GetProperty("error").GetProperty("message").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Delete, History + "/t")).Status);

            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, History + "?at=2023-05|2023-05&property_name[]=t")).Status);
            Assert.Equal(new[] { "2023-05-15T10:00:00.000Z {\"mode\":\"eco\"}", "2023-06-01T00:00:00.000Z {\"t\":3}" }, await ListAsync(""));
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, History + "/mode?at=2023|2023")).Status);
            Assert.Equal(new[] { "2023-06-01T00:00:00.000Z {\"t\":3}" }, await ListAsync(""));
        }

        [Fact]
        public async Task PropertyUpdates_AreRecorded_UnlessUpdateHistoryIsFalse()
        {
            await SendAsync(HttpMethod.Put, $"/spaces/test/things/{_thing}/properties", "{\"t\":20,\"mode\":\"eco\"}");
            await SendAsync(HttpMethod.Put, $"/spaces/test/things/{_thing}/properties/t?update_history=false", "{\"t\":99}");

            var items = await ListAsync("?group=true");

            var item = Assert.Single(items);
            Assert.EndsWith(" {\"mode\":\"eco\",\"t\":20}", item);
        }

        [Fact]
        public async Task Lists_PageByKey_AndTheScopedPathNeedsTheThingInTheCategory()
        {
            await SendAsync(HttpMethod.Post, History, ThreeEntries);

            var (_, first) = await SendAsync(HttpMethod.Get, History + "?limit=3");
            string next = first.GetProperty("paging").GetProperty("next_cursor").GetString();
            Assert.Equal(3, first.GetProperty("data").GetArrayLength());
            var (_, second) = await SendAsync(HttpMethod.Get, History + "?limit=3&next_cursor=" + Uri.EscapeDataString(next));
            Assert.Equal("{\"t\":3}", second.GetProperty("data")[0].GetProperty("properties").GetRawText());
            Assert.Equal("", second.GetProperty("paging").GetProperty("next_cursor").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Get, History + "?group=true&limit=3&next_cursor=" + Uri.EscapeDataString(next))).Status);

            await SendAsync(HttpMethod.Post, "/spaces/test/categories", "{\"name\":\"Boilers\"}");
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/spaces/test/categories/Boilers/things/{_thing}/properties-history")).Status);
        }
    }
}
