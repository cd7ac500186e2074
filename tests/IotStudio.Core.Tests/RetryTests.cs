using System;
using IotStudio.Api;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class RetryTests
    {
        private static readonly string ThingBody = "{\"uid\":\"" + Uid + "\",\"title\":\"x\"}";

        private static Task<ApiResponse> Send(IotStudioClient client, string method, CancellationToken ct = default) =>
            client.SendAsync(new ApiRequest(method, ThingUrlPath), ct);

        private static HttpResponseMessage ConnectionRefused(RecordedRequest _) =>
            throw new HttpRequestException("Connection refused (api.example.test:443)", new SocketException((int)SocketError.ConnectionRefused));

        // ---- which failures are retried ------------------------------------------------------------

        [Theory]
        [InlineData(408)]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task Get_RetriedOnTransientStatus_ThenSucceeds(int status)
        {
            var handler = new FakeHandler().Enqueue(Respond.Error(status, "transient")).Enqueue(Respond.Json(200, ThingBody));
            using var client = WithToken(handler);

            var thing = await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(Uid, thing.Uid);
            Assert.Equal(2, handler.Requests.Count);
            Assert.All(handler.Requests, r => Assert.Equal(ThingUrlPath, r.Path));
        }

        [Fact]
        public async Task Get_AlwaysFailing_StopsAtMaxAttempts()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(503, "down"));
            using var client = WithToken(handler, o => o.Retry.MaxAttempts = 3);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(503, ex.StatusCode);
            Assert.Equal("down", ex.ApiMessage);
            Assert.Equal(3, handler.Requests.Count);
        }

        [Fact]
        public async Task MaxAttemptsOne_DisablesRetries()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(503, "down"));
            using var client = WithToken(handler, o => o.Retry.MaxAttempts = 1);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(503, ex.StatusCode);
            Assert.Single(handler.Requests);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(409)]
        [InlineData(413)]
        public async Task Get_NotRetriedOnClientError(int status)
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(status, "bad"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(status, ex.StatusCode);
            Assert.Single(handler.Requests);
        }

        [Theory]
        [InlineData("PUT")]
        [InlineData("DELETE")]
        public async Task IdempotentMethods_RetriedOn503(string method)
        {
            var handler = new FakeHandler().Enqueue(Respond.Error(503, "down")).Enqueue(Respond.Status(204));
            using var client = WithToken(handler);

            var response = await Send(client, method);

            Assert.Equal(204, response.StatusCode);
            Assert.Equal(new[] { method, method }, handler.Requests.Select(r => r.Method));
        }

        [Fact]
        public async Task Post_RetriedOn429()
        {
            var handler = new FakeHandler().Enqueue(Respond.Error(429, "slow down")).Enqueue(Respond.Json(201, ThingBody));
            using var client = WithToken(handler);

            var thing = await client.Things.CreateAsync(Space, new Dictionary<string, object> { ["title"] = "x" }, null, null, None);

            Assert.Equal(Uid, thing.Uid);
            Assert.Equal(2, handler.Requests.Count);
            Assert.All(handler.Requests, r => Assert.Equal("{\"title\":\"x\"}", r.Body));
        }

        [Theory]
        [InlineData("POST", 503)]
        [InlineData("POST", 500)]
        [InlineData("POST", 504)]
        [InlineData("PATCH", 503)]
        public async Task NonIdempotent_NotRetriedOnServerError(string method, int status)
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(status, "maybe done"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => Send(client, method));

            Assert.Equal(status, ex.StatusCode);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Post_RetriedWhenTheRequestNeverReachedTheServer()
        {
            var handler = new FakeHandler().Enqueue(ConnectionRefused).Enqueue(Respond.Json(201, ThingBody));
            using var client = WithToken(handler);

            var thing = await client.Things.CreateAsync(Space, new Dictionary<string, object> { ["title"] = "x" }, null, null, None);

            Assert.Equal(Uid, thing.Uid);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task ConnectionRefusedEveryTime_IsTransportException_AfterMaxAttempts()
        {
            var handler = new FakeHandler().Always(ConnectionRefused);
            using var client = WithToken(handler, o => o.Retry.MaxAttempts = 2);

            var ex = await Assert.ThrowsAsync<IotStudioTransportException>(() => Send(client, "POST"));

            Assert.False(ex.TimedOut);
            Assert.Equal(0, ex.StatusCode);
            Assert.Equal("POST", ex.Method);
            Assert.Equal(ThingUrlPath, ex.Path);
            Assert.NotNull(ex.InnerException);
            Assert.Contains("attempt 2 of 2", ex.Message);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task Get_RetriedAfterConnectionDrop()
        {
            var handler = new FakeHandler()
                .Enqueue(_ => throw new IOException("Connection reset by peer"))
                .Enqueue(Respond.Json(200, ThingBody));
            using var client = WithToken(handler);

            var thing = await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(Uid, thing.Uid);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task Get_RetriedWhenTheBodyIsCutOff()
        {
            var handler = new FakeHandler().Enqueue(_ => Respond.DroppedMidBody()).Enqueue(Respond.Json(200, ThingBody));
            using var client = WithToken(handler);

            var thing = await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(Uid, thing.Uid);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task Post_NotRetriedAfterConnectionDrop()
        {
            var handler = new FakeHandler().Always(_ => throw new IOException("Connection reset by peer"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioTransportException>(
                () => client.Things.CreateAsync(Space, new Dictionary<string, object>(), null, null, None));

            Assert.False(ex.TimedOut);
            Assert.Contains("Connection reset by peer", ex.Message);
            Assert.Single(handler.Requests);
        }

        // ---- the policy on its own -------------------------------------------------------------------

        [Theory]
        [InlineData("GET", 503, false, 1, true)]
        [InlineData("GET", 503, false, 3, false)]   // attempt 3 of 3: no more
        [InlineData("GET", 404, false, 1, false)]
        [InlineData("GET", 0, false, 1, true)]      // transport failure on a safe method
        [InlineData("POST", 0, false, 1, false)]    // transport failure after the request may have arrived
        [InlineData("POST", 0, true, 1, true)]      // never reached the server
        [InlineData("POST", 0, true, 3, false)]
        [InlineData("POST", 429, false, 1, true)]
        [InlineData("POST", 502, false, 1, false)]
        [InlineData("PATCH", 429, false, 1, true)]
        [InlineData("DELETE", 500, false, 2, true)]
        public void ShouldRetry_Table(string method, int status, bool neverSent, int attempt, bool expected)
        {
            var policy = new RetryPolicy { MaxAttempts = 3 };

            Assert.Equal(expected, policy.ShouldRetry(new ApiRequest(method, "/x"), status, neverSent, attempt));
        }

        [Fact]
        public void Backoff_StaysWithinHalfToFullOfBaseTimesTwoToTheN_AndGrows()
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromHours(1) };

            for (var attempt = 1; attempt <= 6; attempt++)
            {
                var full = 100 * Math.Pow(2, attempt - 1);
                var samples = Enumerable.Range(0, 200).Select(_ => policy.Backoff(attempt).TotalMilliseconds).ToList();
                Assert.All(samples, ms => Assert.InRange(ms, full * 0.5 - 0.001, full + 0.001));
                Assert.True(samples.Distinct().Count() > 1, $"attempt {attempt}: no jitter");
                // Jitter ranges of consecutive attempts only touch at the edge, so each retry waits at least as long.
                if (attempt > 1) Assert.True(samples.Min() >= 100 * Math.Pow(2, attempt - 2) * 0.999);
            }
        }

        [Theory]
        [InlineData(5)]
        [InlineData(30)]
        [InlineData(5000)]  // 2^4999 overflows to infinity; the cap must still hold
        public void Backoff_IsCappedByMaxDelay(int attempt)
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };

            for (var i = 0; i < 100; i++)
                Assert.InRange(policy.Backoff(attempt), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3));
        }

        // ---- Retry-After -------------------------------------------------------------------------------

        [Theory]
        [InlineData("0", 0)]
        [InlineData("2", 2)]
        [InlineData(" 120 ", 120)]
        [InlineData("-5", 0)]
        public void ParseRetryAfter_Seconds(string header, double expectedSeconds)
        {
            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryPolicy.ParseRetryAfter(header, DateTimeOffset.UtcNow));
        }

        [Fact]
        public void ParseRetryAfter_HttpDate()
        {
            var now = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

            Assert.Equal(TimeSpan.FromSeconds(90), RetryPolicy.ParseRetryAfter("Fri, 01 Mar 2024 12:01:30 GMT", now));
            Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter("Fri, 01 Mar 2024 11:00:00 GMT", now));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("soon")]
        public void ParseRetryAfter_AbsentOrUnreadable_IsNull(string header)
        {
            Assert.Null(RetryPolicy.ParseRetryAfter(header, DateTimeOffset.UtcNow));
        }

        [Fact]
        public async Task RetryAfterZero_IsHonoured_InsteadOfBackoff()
        {
            // A backoff would be 30..60 s here; Retry-After: 0 must win. If it does not, the hook cancels rather than wait.
            var handler = new FakeHandler()
                .Enqueue(Respond.Error(429, "slow", ("Retry-After", "0")))
                .Enqueue(Respond.Json(200, ThingBody));
            using var client = WithToken(handler, o => o.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1) });
            using var cts = new CancellationTokenSource();
            var observer = new RecordingObserver { OnRetryHook = n => { if (n.Delay > TimeSpan.Zero) cts.Cancel(); } };

            using (RequestObservation.Begin(observer))
                await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), cts.Token);

            var notice = Assert.Single(observer.Retries);
            Assert.Equal(TimeSpan.Zero, notice.Delay);
            Assert.Equal(429, notice.StatusCode);
            Assert.Contains("Retry-After 0", notice.Reason);
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task RetryAfterSeconds_IsTheReportedDelay()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(503, "busy", ("Retry-After", "2")));
            using var client = WithToken(handler);
            using var cts = new CancellationTokenSource();
            // Cancel during the wait instead of sleeping 2 s.
            var observer = new RecordingObserver { OnRetryHook = _ => cts.Cancel() };

            using (RequestObservation.Begin(observer))
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TaskAssert.CompletesAsync(client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), cts.Token)));

            var notice = Assert.Single(observer.Retries);
            Assert.Equal(TimeSpan.FromSeconds(2), notice.Delay);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task RetryAfterHttpDate_IsTheReportedDelay()
        {
            var at = DateTimeOffset.UtcNow.AddSeconds(30).ToString("r", CultureInfo.InvariantCulture);
            var handler = new FakeHandler().Always(_ => Respond.Error(503, "busy", ("Retry-After", at)));
            using var client = WithToken(handler);
            using var cts = new CancellationTokenSource();
            var observer = new RecordingObserver { OnRetryHook = _ => cts.Cancel() };

            using (RequestObservation.Begin(observer))
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TaskAssert.CompletesAsync(client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), cts.Token)));

            // The date has whole seconds, so the wait is a little under 30 s; a backoff would be a few ms.
            Assert.InRange(Assert.Single(observer.Retries).Delay, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        }

        [Fact]
        public async Task RetryAfterBeyondMaxRetryAfter_FailsAtOnce()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(429, "come back later", ("Retry-After", "2")));
            using var client = WithToken(handler, o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(1));
            var observer = new RecordingObserver();

            IotStudioApiException ex;
            using (RequestObservation.Begin(observer))
                ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None));

            Assert.Equal(429, ex.StatusCode);
            Assert.Equal("2", ex.Response.Header("Retry-After"));
            Assert.Single(handler.Requests);
            Assert.Empty(observer.Retries);
        }

        // ---- what the observer sees --------------------------------------------------------------------

        [Fact]
        public async Task Observer_GetsOneTracePerAttempt_AndANoticePerRetry()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Error(503, "down"))
                .Enqueue(Respond.Error(502, "proxy"))
                .Enqueue(Respond.Json(200, Bodies.ThingPage(1, 1, "")));
            using var client = WithToken(handler, o => o.Retry.MaxAttempts = 4);
            var observer = new RecordingObserver();

            using (RequestObservation.Begin(observer))
                await client.Things.List(Space, null, pageSize: 7).NextPageAsync(None);

            Assert.Equal(new[] { 503, 502, 200 }, observer.Attempts.Select(a => a.StatusCode));
            Assert.Equal(new[] { 1, 2, 3 }, observer.Attempts.Select(a => a.Attempt));
            Assert.All(observer.Attempts, a =>
            {
                Assert.Equal("GET", a.Method);
                Assert.Equal("/spaces/space1/things?limit=7", a.Path);
                Assert.Null(a.Error);
            });
            Assert.Equal(2, observer.Retries.Count);
            Assert.Equal(new[] { 503, 502 }, observer.Retries.Select(n => n.StatusCode));
            Assert.Equal(new[] { 2, 3 }, observer.Retries.Select(n => n.NextAttempt));
            Assert.All(observer.Retries, n => Assert.Equal(4, n.MaxAttempts));
            Assert.Contains("503 Service Unavailable", observer.Retries[0].Reason);
            Assert.All(observer.Retries, n => Assert.InRange(n.Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(5)));
        }

        [Fact]
        public async Task Observer_TransportFailureTrace_HasStatusZeroAndError()
        {
            var handler = new FakeHandler().Enqueue(ConnectionRefused).Enqueue(Respond.Json(200, ThingBody));
            using var client = WithToken(handler);
            var observer = new RecordingObserver();

            using (RequestObservation.Begin(observer))
                await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Equal(0, observer.Attempts[0].StatusCode);
            Assert.Contains("refused", observer.Attempts[0].Error, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, Assert.Single(observer.Retries).StatusCode);
            Assert.Equal(200, observer.Attempts[1].StatusCode);
        }

        [Fact]
        public async Task Observer_IsScopedToItsFlow()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ThingBody));
            using var client = WithToken(handler);
            var observer = new RecordingObserver();

            using (RequestObservation.Begin(observer))
                await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);
            await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            Assert.Single(observer.Attempts);
            Assert.Null(RequestObservation.Current);
        }

        // ---- cancellation ------------------------------------------------------------------------------

        [Fact]
        public async Task Cancellation_DuringASlowResponse_ThrowsOperationCanceled_WithoutRetrying()
        {
            var entered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var handlerSawCancel = false;
            var handler = new FakeHandler { Fallback = async (r, ct) =>
            {
                entered.TrySetResult(true);
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { handlerSawCancel = true; throw; }
                return Respond.Json(200, ThingBody);
            } };
            using var client = WithToken(handler, o => o.Retry.MaxAttempts = 5);
            using var cts = new CancellationTokenSource();

            var call = client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), cts.Token);
            await TaskAssert.CompletesAsync(entered.Task);
            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TaskAssert.CompletesAsync(call));
            Assert.True(handlerSawCancel);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task AlreadyCancelledToken_SendsNothing()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ThingBody));
            using var client = WithToken(handler);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, null), new CancellationToken(true)));

            Assert.Empty(handler.Requests);
        }
    }
}
