using System;
using IotStudio.Api;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Auth;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class AuthTests
    {
        private const string TokenPath = "/oauth2/token";
        private const string RevokePath = "/oauth2/revoke";
        private static readonly string PropertiesPath = $"/spaces/space1/things/{Uid}/properties";

        private static FakeHandler ApiAnswering200()
        {
            return new FakeHandler().Always(_ => Respond.Json(200, "{\"temp\":1}"));
        }

        /// <summary>Each token request gets a new token: tok-1, tok-2, ...</summary>
        private static FakeHandler WithTokenEndpoint(FakeHandler handler, double expiresIn = 3600)
        {
            var n = 0;
            return handler.Route(TokenPath, _ => Respond.Token("tok-" + Interlocked.Increment(ref n), expiresIn));
        }

        [Fact]
        public async Task StaticToken_IsSentAsBearer_AndNoTokenRequestIsMade()
        {
            var handler = ApiAnswering200();
            using var client = WithToken(handler);

            await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("Bearer " + StaticToken, r.Authorization);
            Assert.Equal("application/json", r.Header("Accept"));
            Assert.False(client.CanRevoke);
        }

        [Fact]
        public async Task ClientCredentials_PostsFormToTokenEndpoint_BeforeTheFirstCall()
        {
            var handler = WithTokenEndpoint(ApiAnswering200());
            using var client = WithClientCredentials(handler, scopes: new[] { "a", "b" });

            await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(2, handler.Requests.Count);
            var token = handler.Requests[0];
            Assert.Equal("POST", token.Method);
            Assert.Equal("https://api.example.test/oauth2/token", token.Uri.GetLeftPart(UriPartial.Path));
            Assert.StartsWith("application/x-www-form-urlencoded", token.ContentType);
            Assert.Null(token.Authorization);
            Assert.Equal("client_credentials", token.FormValue("grant_type"));
            Assert.Equal(ClientId, token.FormValue("client_id"));
            Assert.Equal(ClientSecret, token.FormValue("client_secret"));
            Assert.Equal("a b", token.FormValue("scope"));
            Assert.Contains("&scope=a%20b", token.Body);

            var api = handler.Requests[1];
            Assert.Equal(PropertiesPath, api.Path);
            Assert.Equal("Bearer tok-1", api.Authorization);
            Assert.Equal("thing category", client.GrantedScope);
            Assert.NotNull(client.TokenExpiresAt);
        }

        [Fact]
        public async Task Scopes_SplitOnSpacesAndCommas_AndDeduplicated_NoneMeansNoScopeField()
        {
            var scoped = WithTokenEndpoint(ApiAnswering200());
            using (var client = WithClientCredentials(scoped, scopes: new[] { "thing category", "thing,query", "app function" }))
                await client.ConnectAsync(None);
            var unscoped = WithTokenEndpoint(ApiAnswering200());
            using (var client = WithClientCredentials(unscoped))
                await client.ConnectAsync(None);

            Assert.Equal("thing category query app function", scoped.TokenRequests.Single().FormValue("scope"));
            Assert.DoesNotContain("scope=", unscoped.TokenRequests.Single().Body);
        }

        [Fact]
        public async Task TokenUrl_CanBeOverridden()
        {
            var handler = ApiAnswering200().Route("/realms/x/token", _ => Respond.Token("custom"));
            using var client = WithClientCredentials(handler, c => c.TokenUrl = new Uri("https://login.example.test/realms/x/token"));

            await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal("login.example.test", handler.Requests[0].Uri.Host);
            Assert.Equal("/realms/x/token", handler.Requests[0].Path);
            Assert.Equal("Bearer custom", handler.Requests[1].Authorization);
        }

        [Fact]
        public async Task TokenUrl_DefaultsBelowApiUrlWithPath()
        {
            var handler = ApiAnswering200().Route("/iot/oauth2/token", _ => Respond.Token("t"));
            using var client = WithClientCredentials(handler, configure: o => o.ApiUrl = new Uri("https://gw.example.test/iot/"));

            await client.ConnectAsync(None);

            Assert.Equal("/iot/oauth2/token", Assert.Single(handler.Requests).Path);
        }

        [Fact]
        public async Task FreshToken_IsReused()
        {
            var handler = WithTokenEndpoint(ApiAnswering200(), expiresIn: 3600);
            using var client = WithClientCredentials(handler);

            for (var i = 0; i < 5; i++) await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Single(handler.TokenRequests);
            Assert.Equal(5, handler.ApiRequests.Count);
            Assert.All(handler.ApiRequests, r => Assert.Equal("Bearer tok-1", r.Authorization));
        }

        [Fact]
        public async Task TokenAlreadyExpired_IsRefreshedBeforeEachCall()
        {
            // expires_in 0: the token is stale as soon as it arrives.
            var handler = WithTokenEndpoint(ApiAnswering200(), expiresIn: 0);
            using var client = WithClientCredentials(handler, c => c.RefreshBefore = TimeSpan.FromSeconds(10));

            for (var i = 0; i < 3; i++) await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(new[] { "token", "api", "token", "api", "token", "api" },
                handler.Requests.Select(r => r.IsOAuth ? "token" : "api"));
            Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-2", "Bearer tok-3" }, handler.ApiRequests.Select(r => r.Authorization));
        }

        [Fact]
        public async Task RefreshBeforeAsLongAsTheLifetime_IsCappedAtHalfTheLifetime_SoOneTokenServesManyCalls()
        {
            // A margin of the whole lifetime would make every token stale at once: a token request per call.
            var handler = WithTokenEndpoint(ApiAnswering200(), expiresIn: 3600);
            using var client = WithClientCredentials(handler, c => c.RefreshBefore = TimeSpan.FromSeconds(3600));

            for (var i = 0; i < 3; i++) await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(new[] { "token", "api", "api", "api" }, handler.Requests.Select(r => r.IsOAuth ? "token" : "api"));
        }

        [Fact]
        public async Task ConcurrentCalls_CauseExactlyOneTokenRequest()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var tokenAsked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var handler = ApiAnswering200().Route(TokenPath, async (r, ct) =>
            {
                tokenAsked.TrySetResult(true);
                await release.Task.ConfigureAwait(false);
                return Respond.Token("shared");
            });
            using var client = WithClientCredentials(handler);

            var calls = Enumerable.Range(0, 20).Select(_ => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None)).ToArray();
            await TaskAssert.CompletesAsync(tokenAsked.Task);
            Assert.All(calls, c => Assert.False(c.IsCompleted));
            release.SetResult(true);
            await TaskAssert.CompletesAsync(Task.WhenAll(calls));

            Assert.Single(handler.TokenRequests);
            Assert.Equal(20, handler.ApiRequests.Count);
            Assert.All(handler.ApiRequests, r => Assert.Equal("Bearer shared", r.Authorization));
        }

        [Fact]
        public async Task CallerCancelledDuringTokenFetch_DoesNotKillTheSharedFetch()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var tokenAsked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var handler = ApiAnswering200().Route(TokenPath, async (r, ct) =>
            {
                tokenAsked.TrySetResult(true);
                await release.Task.ConfigureAwait(false);
                return Respond.Token("survivor");
            });
            using var client = WithClientCredentials(handler);
            using var cts = new CancellationTokenSource();

            var cancelled = client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), cts.Token);
            var patient = client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);
            await TaskAssert.CompletesAsync(tokenAsked.Task);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TaskAssert.CompletesAsync(cancelled));
            release.SetResult(true);
            await TaskAssert.CompletesAsync(patient);

            Assert.Single(handler.TokenRequests);
            Assert.Equal("Bearer survivor", Assert.Single(handler.ApiRequests).Authorization);
        }

        [Fact]
        public async Task ApiCall401_ForcesOneRefreshAndOneRetry()
        {
            var handler = WithTokenEndpoint(new FakeHandler())
                .Enqueue(Respond.Error(401, "token expired"))
                .Enqueue(Respond.Json(200, "{\"temp\":2}"));
            using var client = WithClientCredentials(handler);

            var values = await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(2L, values.Values["temp"]);
            Assert.Equal(new[] { "token", "api", "token", "api" }, handler.Requests.Select(r => r.IsOAuth ? "token" : "api"));
            Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-2" }, handler.ApiRequests.Select(r => r.Authorization));
        }

        [Fact]
        public async Task ApiCall401Twice_ThrowsApiException401_WithoutLooping()
        {
            var handler = WithTokenEndpoint(new FakeHandler()).Always(_ => Respond.Error(401, "nope"));
            using var client = WithClientCredentials(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(401, ex.StatusCode);
            Assert.Equal("nope", ex.ApiMessage);
            Assert.Equal(2, handler.TokenRequests.Count);
            Assert.Equal(2, handler.ApiRequests.Count);
        }

        [Fact]
        public async Task Concurrent401s_CauseOneRefresh_AndEveryCallSucceeds()
        {
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var n = 0;
            var handler = new FakeHandler()
                .Route(TokenPath, async (r, ct) =>
                {
                    var token = "tok-" + Interlocked.Increment(ref n);
                    await release.Task.ConfigureAwait(false);
                    return Respond.Token(token);
                })
                .Always(r => r.Authorization == "Bearer tok-1" ? Respond.Error(401, "revoked") : Respond.Json(200, "{\"temp\":1}"));
            using var client = WithClientCredentials(handler);

            var calls = Enumerable.Range(0, 10).Select(_ => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None)).ToArray();
            release.SetResult(true);
            await TaskAssert.CompletesAsync(Task.WhenAll(calls));

            Assert.Equal(2, handler.TokenRequests.Count);  // the first grant and one forced refresh
            Assert.Equal(10, handler.ApiRequests.Count(r => r.Authorization == "Bearer tok-2"));
        }

        [Fact]
        public async Task FailedTokenFetch_IsNotReplayed_TheNextCallAsksAgain()
        {
            var tokenAnswers = new Queue<HttpResponseMessage>(new[] { Respond.Error(503, "token service restarting"), Respond.Token("tok-ok") });
            var handler = ApiAnswering200().Route(TokenPath, _ => tokenAnswers.Dequeue());
            using var client = WithClientCredentials(handler);

            // A failing token endpoint (5xx) is an HTTP failure, not an OAuth2 refusal of the credentials.
            var first = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));
            await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(503, first.StatusCode);
            Assert.Equal(2, handler.TokenRequests.Count);
            Assert.Equal("Bearer tok-ok", Assert.Single(handler.ApiRequests).Authorization);
        }

        [Fact]
        public async Task StaticToken401_IsNotRetried()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(401, "expired"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(401, ex.StatusCode);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Disconnect_RevokesWithForm_ThenTheClientIsDisposed()
        {
            var handler = WithTokenEndpoint(ApiAnswering200()).Route(RevokePath, _ => Respond.Status(200));
            var client = WithClientCredentials(handler);
            await client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            await client.DisconnectAsync(None);

            var revoke = handler.Requests.Last();
            Assert.Equal("POST", revoke.Method);
            Assert.Equal(RevokePath, revoke.Path);
            Assert.StartsWith("application/x-www-form-urlencoded", revoke.ContentType);
            Assert.Equal("tok-1", revoke.FormValue("token"));
            Assert.Equal(ClientId, revoke.FormValue("client_id"));
            Assert.Equal(ClientSecret, revoke.FormValue("client_secret"));
            Assert.True(client.IsDisposed);
            var before = handler.Requests.Count;
            await Assert.ThrowsAsync<IotStudioConnectionClosedException>(() => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));
            Assert.Equal(before, handler.Requests.Count);
        }

        [Fact]
        public async Task Disconnect_WhileARequestIsInFlight_EndsItAsConnectionClosed_NotAsATransportFailure()
        {
            // Another runspace sharing the connection disconnects it while this call waits for its answer.
            var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var handler = new FakeHandler();
            handler.Enqueue(async (r, ct) =>
            {
                started.TrySetResult(true);
                await Task.Delay(Timeout.Infinite, ct);
                return Respond.Json(200, "{}");
            });
            var client = WithToken(handler, o => o.Retry = new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.Zero });
            var call = client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);
            await TaskAssert.CompletesAsync(started.Task);

            client.Dispose();

            var ex = await Assert.ThrowsAsync<IotStudioConnectionClosedException>(() => TaskAssert.CompletesAsync(call));
            Assert.Contains("This connection was disconnected", ex.Message);
            Assert.DoesNotContain("HttpClient", ex.Message);
            Assert.Equal("GET", ex.Method);
            Assert.Single(handler.Requests);  // not retried as a lost connection
        }

        [Fact]
        public async Task Disconnect_WithoutAToken_RevokesNothing_AndDisposes()
        {
            var handler = new FakeHandler();
            var client = WithClientCredentials(handler);

            await client.DisconnectAsync(None);
            await client.DisconnectAsync(None);  // a second disconnect is harmless

            Assert.Empty(handler.Requests);
            Assert.True(client.IsDisposed);
        }

        [Fact]
        public async Task Disconnect_WhenRevokeFails_StillDisposes()
        {
            var handler = WithTokenEndpoint(ApiAnswering200()).Route(RevokePath, _ => Respond.Json(400, "{\"error\":\"invalid_request\"}"));
            var client = WithClientCredentials(handler);
            await client.ConnectAsync(None);

            var ex = await Assert.ThrowsAsync<IotStudioOAuthException>(() => client.DisconnectAsync(None));

            Assert.Equal("invalid_request", ex.Error);
            Assert.True(client.IsDisposed);
        }

        [Fact]
        public async Task StaticToken_Disconnect_SendsNothing()
        {
            var handler = new FakeHandler();
            var client = WithToken(handler);

            await client.DisconnectAsync(None);

            Assert.Empty(handler.Requests);
            Assert.True(client.IsDisposed);
            await Assert.ThrowsAsync<IotStudioConnectionClosedException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));
        }

        [Fact]
        public async Task TokenEndpointRefusal_IsOAuthException_WithErrorAndDescription()
        {
            var handler = ApiAnswering200().Route(TokenPath,
                _ => Respond.Json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
            using var client = WithClientCredentials(handler);

            var ex = await Assert.ThrowsAsync<IotStudioOAuthException>(() => client.Properties.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(401, ex.StatusCode);
            Assert.Equal("invalid_client", ex.Error);
            Assert.Equal("Client authentication failed", ex.ErrorDescription);
            Assert.Equal("POST", ex.Method);
            Assert.Equal(TokenPath, ex.Path);
            Assert.Contains("invalid_client", ex.Message);
            Assert.DoesNotContain(ClientSecret, ex.Message);
            Assert.Single(handler.Requests);  // the API call was never made
        }

        [Fact]
        public async Task ConnectAsync_FailsFastOnBadCredentials_NonJsonBody()
        {
            var handler = new FakeHandler().Route(TokenPath, _ => Respond.Text(System.Net.HttpStatusCode.BadRequest, "<html>bad</html>", "text/html"));
            using var client = WithClientCredentials(handler);

            var ex = await Assert.ThrowsAsync<IotStudioOAuthException>(() => client.ConnectAsync(None));

            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("http_400", ex.Error);
            Assert.Equal("<html>bad</html>", ex.Response.Body);
        }

        [Fact]
        public async Task TokenAnswerWithoutAccessToken_IsResponseException()
        {
            var handler = new FakeHandler().Route(TokenPath, _ => Respond.Json(200, "{\"token_type\":\"bearer\"}"));
            using var client = WithClientCredentials(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.ConnectAsync(None));

            Assert.Equal(TokenPath, ex.Path);
            Assert.Equal(200, ex.StatusCode);
        }

        [Fact]
        public async Task Observer_IsToldAboutTheToken_WithoutTheTokenItself()
        {
            var handler = WithTokenEndpoint(ApiAnswering200());
            using var client = WithClientCredentials(handler);
            var observer = new RecordingObserver();

            using (RequestObservation.Begin(observer))
                await client.ConnectAsync(None);

            var message = Assert.Single(observer.Tokens);
            Assert.Contains(ClientId, message);
            Assert.DoesNotContain("tok-1", message);
            Assert.Equal("/oauth2/token", Assert.Single(observer.Attempts).Path);
        }

        [Fact]
        public void Credentials_RefuseEmptyValues()
        {
            Assert.Throws<ArgumentException>(() => new AccessTokenCredentials(Secure("")));
            Assert.Throws<ArgumentException>(() => new ClientCredentials(" ", Secure("x")));
            Assert.Throws<ArgumentException>(() => new ClientCredentials("id", Secure("")));
            Assert.Equal("AccessToken", new AccessTokenCredentials(Secure("t")).Method);
            Assert.Equal("ClientCredentials", new ClientCredentials("id", Secure("s")).Method);
        }
    }
}
