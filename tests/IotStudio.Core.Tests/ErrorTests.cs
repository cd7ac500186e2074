using System;
using IotStudio.Api;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ErrorTests
    {

        private static IotStudioClient NoRetryClient(FakeHandler handler, Action<IotStudioClientOptions> configure = null) =>
            WithToken(handler, o =>
            {
                o.Retry.MaxAttempts = 1;
                configure?.Invoke(o);
            });

        [Fact]
        public async Task ApiErrorBody_BecomesApiException_WithEveryField()
        {
            const string body = "{\"error\":{\"status\":404,\"message\":\"Thing not found\",\"details\":{\"id\":\"x\",\"n\":3,\"tags\":[\"a\",1.5],\"more\":{\"ok\":true}}}}";
            var handler = new FakeHandler().Always(_ => Respond.Json(404, body, ("X-Request-Id", "req-42")));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(404, ex.StatusCode);
            Assert.Equal("Thing not found", ex.ApiMessage);
            Assert.Equal("GET", ex.Method);
            Assert.Equal(ThingUrlPath, ex.Path);
            Assert.Contains("404", ex.Message);
            Assert.Contains("Thing not found", ex.Message);
            Assert.Contains(ThingUrlPath, ex.Message);

            Assert.IsType<OrderedDictionary>(ex.Details);
            Assert.Equal("x", ex.Details["id"]);
            Assert.Equal(3L, ex.Details["n"]);
            Assert.Equal(new List<object> { "a", 1.5m }, ex.Details["tags"]);
            Assert.Equal(true, Assert.IsType<OrderedDictionary>(ex.Details["more"])["ok"]);
            GraphAssert.NoJsonTypes(ex.Details);
            Assert.NotNull(ex.Error);
            Assert.Equal(404, ex.Error.Status);
            Assert.Equal("Thing not found", ex.Error.Message);
            Assert.Same(ex.Details, ex.Error.Details);

            Assert.Equal(404, ex.Response.StatusCode);
            Assert.Equal(body, ex.Response.Body);
            Assert.StartsWith("application/json", ex.Response.ContentType);
            Assert.Equal("req-42", ex.Response.Header("x-request-id"));
            Assert.StartsWith("application/json", ex.Response.Headers["Content-Type"]);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task ApiException_NeverCarriesTheToken()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(403, "missing scope"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(403, ex.StatusCode);
            Assert.Equal("missing scope", ex.ApiMessage);
            Assert.DoesNotContain(StaticToken, ex.Message);
            Assert.DoesNotContain(StaticToken, string.Join(";", ex.Response.Headers));
        }

        [Fact]
        public async Task Html502_FromAProxy()
        {
            const string html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
            var handler = new FakeHandler().Always(_ => Respond.Text(HttpStatusCode.BadGateway, html, "text/html"));
            using var client = NoRetryClient(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(502, ex.StatusCode);
            Assert.Contains("502", ex.ApiMessage);
            Assert.Contains("text/html", ex.ApiMessage);
            Assert.Contains("Bad Gateway", ex.ApiMessage);
            Assert.Null(ex.Details);
            Assert.Null(ex.Error);
            Assert.Null(ex.InnerException);
            Assert.StartsWith("text/html", ex.Response.ContentType);
            Assert.Equal(html, ex.Response.Body);
        }

        [Fact]
        public async Task BodyWithoutContentType()
        {
            var handler = new FakeHandler().Always(_ => Respond.Untyped(500, "upstream exploded"));
            using var client = NoRetryClient(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(500, ex.StatusCode);
            Assert.Null(ex.Response.ContentType);
            Assert.Equal("upstream exploded", ex.Response.Body);
            Assert.Contains("without Content-Type", ex.ApiMessage);
            Assert.Contains("upstream exploded", ex.ApiMessage);
        }

        [Fact]
        public async Task ApiErrorJsonWithoutContentType_IsStillRead()
        {
            var handler = new FakeHandler().Always(_ => Respond.Untyped(409, "{\"error\":{\"status\":409,\"message\":\"name taken\"}}"));
            using var client = NoRetryClient(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(409, ex.StatusCode);
            Assert.Equal("name taken", ex.ApiMessage);
        }

        [Fact]
        public async Task EmptyErrorBody()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(500));
            using var client = NoRetryClient(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(500, ex.StatusCode);
            Assert.Equal("", ex.Response.Body);
            Assert.Contains("empty body", ex.ApiMessage);
            Assert.Null(ex.Details);
            Assert.Null(ex.Error);
        }

        [Fact]
        public async Task EmptyNotFound()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(404));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(404, ex.StatusCode);
            Assert.Contains("404 Not Found with an empty body", ex.ApiMessage);
        }

        [Fact]
        public async Task MalformedJsonErrorBody_KeepsTheParseErrorInside()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(400, "{\"error\": {\"message\": "));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(400, ex.StatusCode);
            Assert.IsAssignableFrom<JsonException>(ex.InnerException);
            Assert.Contains("400 Bad Request", ex.ApiMessage);
        }

        [Fact]
        public async Task ApiError_StatusStatedInTheBody_OrTheHttpStatusWhenMissing()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(400, "{\"error\":{\"status\":422,\"message\":\"bad field\"}}"))
                .Enqueue(Respond.Json(409, "{\"error\":{\"message\":\"name taken\"}}"));
            using var client = WithToken(handler);

            var stated = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));
            var missing = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(400, stated.StatusCode);
            Assert.Equal(422, stated.Error.Status);
            Assert.Equal("bad field", stated.Error.Message);
            Assert.Null(stated.Error.Details);
            Assert.Equal(409, missing.Error.Status);
            Assert.Equal("name taken", missing.Error.Message);
        }

        [Fact]
        public async Task ErrorAsPlainString_IsTheMessage()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(400, "{\"error\":\"bad limit\"}"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal("bad limit", ex.ApiMessage);
            Assert.Null(ex.Details);
            Assert.Null(ex.Error);
        }

        [Fact]
        public async Task MalformedJsonOn2xx_IsResponseException()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"uid\": \"01GQ"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(200, ex.StatusCode);
            Assert.Equal("GET", ex.Method);
            Assert.Equal(ThingUrlPath, ex.Path);
            Assert.Equal("{\"uid\": \"01GQ", ex.Response.Body);
            Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        }

        [Fact]
        public async Task WrongJsonShapeOn2xx_IsResponseException()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "[1,2]"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.IsType<FormatException>(ex.InnerException);
        }

        [Fact]
        public async Task EmptyBodyOn2xx_WhereJsonIsPromised_IsResponseException()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(200));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(200, ex.StatusCode);
        }

        [Fact]
        public async Task RawSend_ReturnsBodyAsPlainValues()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"a\":[1,{\"b\":null}]}"));
            using var client = WithToken(handler);

            var response = await client.SendAsync(new ApiRequest("GET", "/spaces/space1/anything"), None);

            var value = Assert.IsType<OrderedDictionary>(response.ToValue());
            var list = Assert.IsType<List<object>>(value["a"]);
            Assert.Equal(1L, list[0]);
            Assert.Null(Assert.IsType<OrderedDictionary>(list[1])["b"]);
            Assert.Equal("/spaces/space1/anything", handler.Requests[0].Path);
        }

        [Fact]
        public async Task RawSend_EmptyBody_IsNull()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(202));
            using var client = WithToken(handler);

            var response = await client.SendAsync(new ApiRequest("POST", "/spaces/space1/communications/email").WithJson(new Dictionary<string, object> { ["to"] = new[] { "a@b.c" } }), None);

            Assert.Equal(202, response.StatusCode);
            Assert.Null(response.ToValue());
            Assert.Equal("{\"to\":[\"a@b.c\"]}", handler.Requests[0].Body);
            Assert.StartsWith("application/json", handler.Requests[0].ContentType);
        }

        [Fact]
        public async Task Timeout_IsTransportExceptionWithTimedOut()
        {
            var handler = new FakeHandler { Fallback = async (r, ct) => { await Task.Delay(Timeout.Infinite, ct); return Respond.Status(200); } };
            using var client = NoRetryClient(handler, o => o.Timeout = TimeSpan.FromMilliseconds(100));

            var ex = await Assert.ThrowsAsync<IotStudioTransportException>(() => TaskAssert.CompletesAsync(client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None)));

            Assert.True(ex.TimedOut);
            Assert.Equal(0, ex.StatusCode);
            Assert.Equal("GET", ex.Method);
            Assert.Equal(ThingUrlPath, ex.Path);
            Assert.Contains("timed out", ex.Message);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Timeout_OnGet_IsRetriedUpToMaxAttempts()
        {
            var handler = new FakeHandler { Fallback = async (r, ct) => { await Task.Delay(Timeout.Infinite, ct); return Respond.Status(200); } };
            using var client = WithToken(handler, o =>
            {
                o.Retry.MaxAttempts = 2;
                o.Timeout = TimeSpan.FromMilliseconds(100);
            });

            var ex = await Assert.ThrowsAsync<IotStudioTransportException>(() => TaskAssert.CompletesAsync(client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None)));

            Assert.True(ex.TimedOut);
            Assert.Contains("attempt 2 of 2", ex.Message);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task ExceptionFamily_AllDeriveFromIotStudioException()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(404, "gone"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAnyAsync<IotStudioException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.IsType<IotStudioApiException>(ex);
            Assert.Equal(404, ex.StatusCode);
        }

        // A successful answer is kept as bytes only; an error body is decoded to text on demand, in the charset the
        // server named (here Latin-1, where 'é' is one byte that UTF-8 would not read).
        [Fact]
        public async Task ErrorBody_IsDecodedInTheCharsetTheServerNamed()
        {
            var handler = new FakeHandler().Always(_ =>
            {
                var m = new System.Net.Http.HttpResponseMessage((HttpStatusCode)502)
                {
                    Content = new System.Net.Http.ByteArrayContent(System.Text.Encoding.Latin1.GetBytes("<html>Passerelle défaillante</html>")),
                };
                m.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("text/html; charset=iso-8859-1");
                return m;
            });
            using var client = NoRetryClient(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new ThingPath(Space, Uid, null), None));

            Assert.Equal(502, ex.Response.StatusCode);
            Assert.Equal("<html>Passerelle défaillante</html>", ex.Response.Body);
        }
    }
}
