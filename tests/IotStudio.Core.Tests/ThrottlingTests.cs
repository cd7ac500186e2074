using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using IotStudio.Throttling;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ThrottlingTests
    {
        private sealed class FakeClock
        {
            public double Now = 1000;
            public double Read() => Now;
        }

        // ---- the cubic curve -----------------------------------------------------------------------

        [Fact]
        public void Cubic_CutsToBeta_ClimbsToThePlateauJustBelowTheThrottledRate_ThenProbesAbove()
        {
            var cubic = new CubicRate();

            var cut = cubic.OnThrottle(200, 10.0);

            Assert.Equal(140, cut, 6);
            Assert.Equal(140, cubic.RateAt(10.0), 6);
            Assert.Equal(190, cubic.PlateauRate, 6);
            var k = Math.Pow((190 - 140) / CubicRate.Scale, 1.0 / 3.0);
            Assert.Equal(190, cubic.RateAt(10.0 + k), 6);
            // Fast at first, flat near the plateau, then above the rate that was refused.
            var early = cubic.RateAt(11.0) - cubic.RateAt(10.0);
            var late = cubic.RateAt(10.0 + k) - cubic.RateAt(9.0 + k);
            Assert.True(early > 5 * late, $"early climb {early}, late climb {late}");
            Assert.True(cubic.RateAt(13.0 + k) > 200);
        }

        [Fact]
        public void Cubic_StartsWhenSendingResumes()
        {
            var cubic = new CubicRate();
            cubic.OnThrottle(200, resume: 11.0);

            Assert.Equal(140, cubic.RateAt(10.5), 6);
            Assert.Equal(140, cubic.RateAt(11.0), 6);
            Assert.True(cubic.RateAt(12.0) > 150);
        }

        // ---- the answers of the last second ----------------------------------------------------------

        [Fact]
        public void AnswerRate_CountsTheTrailingSecondOnly()
        {
            var rate = new AnswerRate();
            for (var i = 0; i < 50; i++) rate.Record(10.0 + i * 0.01);

            Assert.Equal(50, rate.PerSecond(10.6));
            Assert.Equal(50, rate.PerSecond(10.95));
            Assert.True(rate.PerSecond(11.3) < 50);
            Assert.Equal(0, rate.PerSecond(11.6));
        }

        // ---- the adaptive rate -----------------------------------------------------------------------

        [Fact]
        public void Adaptive_IsUnlimitedUntilTheFirstThrottle()
        {
            var clock = new FakeClock();
            using var rate = new AdaptiveRate(clock.Read);
            for (var i = 0; i < 100; i++) rate.OnAnswer(clock.Now, throttled: false, retryAfter: null);

            Assert.Null(rate.Rate);
            Assert.Equal(1.0, rate.ConcurrencyShare);
            Assert.Equal(0, rate.Cuts);
        }

        [Fact]
        public void Adaptive_Throttle_PausesForRetryAfter_AndCutsToBetaTimesWhatWasLetThrough()
        {
            var clock = new FakeClock();
            using var rate = new AdaptiveRate(clock.Read);
            for (var i = 0; i < 200; i++)
            {
                clock.Now += 0.001;
                rate.OnAnswer(clock.Now, false, null);
            }
            var sentAt = clock.Now;
            clock.Now += 0.01;

            rate.OnAnswer(sentAt, throttled: true, retryAfter: TimeSpan.FromSeconds(1));

            Assert.Equal(140, rate.Rate.Value, 6);
            Assert.Equal(clock.Now + 1, rate.PausedUntil, 6);
            Assert.Equal(1, rate.Cuts);
            Assert.Equal(140.0 / 190, rate.ConcurrencyShare, 6);
        }

        [Fact]
        public void Adaptive_ThrottlesOfRequestsSentBeforeTheCut_DoNotCutAgain_ButLaterOnesDo()
        {
            var clock = new FakeClock();
            using var rate = new AdaptiveRate(clock.Read);
            for (var i = 0; i < 100; i++) rate.OnAnswer(clock.Now, false, null);
            var before = clock.Now;
            clock.Now += 0.01;
            rate.OnAnswer(before, true, TimeSpan.FromSeconds(1));
            var afterFirst = rate.Rate.Value;

            // The other requests that were in flight come back throttled too: same cut, longer pause.
            for (var i = 0; i < 15; i++)
            {
                clock.Now += 0.001;
                rate.OnAnswer(before, true, TimeSpan.FromSeconds(1));
            }
            Assert.Equal(1, rate.Cuts);
            Assert.Equal(afterFirst, rate.Rate.Value, 6);
            Assert.Equal(clock.Now + 1, rate.PausedUntil, 6);

            // A request sent after the cut that is throttled again cuts again.
            var sent = clock.Now;
            clock.Now += 0.01;
            rate.OnAnswer(sent, true, TimeSpan.FromSeconds(1));
            Assert.Equal(2, rate.Cuts);
            Assert.True(rate.Rate.Value < afterFirst);
        }

        [Fact]
        public void Adaptive_ClimbsBackWithAnswers_AndStopsLimitingOnceFarAbove()
        {
            var clock = new FakeClock();
            using var rate = new AdaptiveRate(clock.Read);
            for (var i = 0; i < 200; i++) rate.OnAnswer(clock.Now, false, null);
            rate.OnAnswer(clock.Now, true, TimeSpan.FromSeconds(1));
            Assert.Equal(140, rate.Rate.Value, 6);

            var seen = new List<double>();
            for (var t = 0; t < 6; t++)
            {
                clock.Now += 1;
                rate.OnAnswer(clock.Now, false, null);
                seen.Add(rate.Rate.Value);
            }
            // One second of pause, then the climb from 140 towards the plateau at 190.
            Assert.Equal(140, seen[0], 6);
            Assert.Equal(seen.OrderBy(x => x), seen);
            Assert.InRange(seen[4], 185, 190);
            Assert.Equal(1.0, rate.ConcurrencyShare, 6);

            clock.Now += 60;
            rate.OnAnswer(clock.Now, false, null);
            Assert.Null(rate.Rate);
        }

        [Fact]
        public void Adaptive_AThrottleWithNothingLetThrough_FallsToTheLowestRate()
        {
            var clock = new FakeClock();
            using var rate = new AdaptiveRate(clock.Read);

            rate.OnAnswer(clock.Now, true, null);

            Assert.Equal(AdaptiveRate.MinRate, rate.Rate.Value, 6);
            Assert.Equal(double.NegativeInfinity, rate.PausedUntil);
        }

        [Fact]
        public async Task Adaptive_WaitTurn_SendsNoFasterThanTheRate()
        {
            using var rate = new AdaptiveRate();
            // 100 answers in the last second, then a throttle without Retry-After: 70 requests a second.
            for (var i = 0; i < 100; i++) rate.OnAnswer(rate.Now, false, null);
            rate.OnAnswer(rate.Now, true, null);
            Assert.Equal(70, rate.Rate.Value, 6);

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 35; i++) await rate.WaitTurnAsync(None);

            // A tenth of a second of sending goes at once (7 requests), however long the bucket filled; the other 28
            // need 0.4 s at 70 a second.
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(330), $"35 turns took {watch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public async Task Adaptive_WaitTurn_WaitsOutThePause_AndIsCancellable()
        {
            using var rate = new AdaptiveRate();
            rate.OnAnswer(rate.Now, true, TimeSpan.FromMilliseconds(300));

            var watch = Stopwatch.StartNew();
            await rate.WaitTurnAsync(None);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"waited {watch.ElapsedMilliseconds} ms");

            rate.OnAnswer(rate.Now, true, TimeSpan.FromSeconds(30));
            using var cts = new CancellationTokenSource(50);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rate.WaitTurnAsync(cts.Token));
        }

        // ---- the connection's budget -----------------------------------------------------------------

        [Fact]
        public async Task Budget_LetsTheConnectionsLimitIn_AndACommandsLargerLimitRaisesItForItself()
        {
            using var budget = new ConnectionBudget(4);
            var slots = new List<SendSlot>();
            for (var i = 0; i < 4; i++) slots.Add(await budget.EnterAsync(None));
            var fifth = budget.EnterAsync(None);
            await Task.Delay(50);
            Assert.False(fifth.IsCompleted);

            slots[0].Dispose();
            slots.Add(await fifth.WaitAsync(TimeSpan.FromSeconds(5)));
            foreach (var s in slots.Skip(1)) s.Dispose();

            // A command with -ThrottleLimit 16: sixteen at once; a default request has to wait for its share.
            var wide = new List<SendSlot>();
            using (ThrottleScope.Begin(16))
                for (var i = 0; i < 16; i++) wide.Add(await budget.EnterAsync(None));
            var narrow = budget.EnterAsync(None);
            await Task.Delay(50);
            Assert.False(narrow.IsCompleted);
            for (var i = 0; i < 4; i++) wide[i].Dispose();
            (await narrow.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
            foreach (var s in wide.Skip(4)) s.Dispose();
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(11)]
        [InlineData(64)]
        public async Task Budget_AdmitsExactlyTheLimit(int limit)
        {
            using var budget = new ConnectionBudget(limit);
            var slots = new List<SendSlot>();
            for (var i = 0; i < limit; i++) slots.Add(await budget.EnterAsync(None));
            var next = budget.EnterAsync(None);
            await Task.Delay(20);
            Assert.False(next.IsCompleted);
            slots[0].Dispose();
            (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
            foreach (var s in slots.Skip(1)) s.Dispose();
        }

        [Fact]
        public void Budget_RefusesALimitOutOfRange()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionBudget(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionBudget(65));
        }

        // ---- through the client --------------------------------------------------------------------

        private static FakeHandler Slow(int delayMs, Action<int> inFlight)
        {
            var current = 0;
            var handler = new FakeHandler { MaxRequests = 1000 };
            handler.Fallback = async (r, ct) =>
            {
                inFlight(Interlocked.Increment(ref current));
                await Task.Delay(delayMs, ct);
                Interlocked.Decrement(ref current);
                return Respond.Json(200, "{\"uid\":\"" + Uid + "\",\"title\":\"x\"}");
            };
            return handler;
        }

        [Fact]
        public async Task Client_ManyCallersAtOnce_ShareTheConnectionsLimit()
        {
            var max = 0;
            var handler = Slow(40, n => InterlockedMax(ref max, n));
            using var client = WithToken(handler, o => o.ThrottleLimit = 3);

            // Twenty callers, as twenty runspaces would be: never more than three requests in flight.
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid), None))));

            Assert.Equal(20, handler.Requests.Count);
            Assert.Equal(3, max);
        }

        [Fact]
        public async Task Client_ACommandsThrottleLimit_RaisesTheBudgetForItsRequests()
        {
            var max = 0;
            var handler = Slow(40, n => InterlockedMax(ref max, n));
            using var client = WithToken(handler, o => o.ThrottleLimit = 2);

            await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
            {
                using (ThrottleScope.Begin(8)) await client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid), None);
            })));

            Assert.Equal(8, max);
        }

        [Fact]
        public async Task Client_A429WithRetryAfter_HoldsEveryRequestOfTheConnection_AndCutsItsRate()
        {
            var arrivals = new List<(string Path, long Ms)>();
            var watch = Stopwatch.StartNew();
            var first = true;
            var handler = new FakeHandler { MaxRequests = 100 };
            handler.Fallback = (r, ct) =>
            {
                lock (arrivals) arrivals.Add((r.Path, watch.ElapsedMilliseconds));
                if (r.Path.EndsWith("/a", StringComparison.Ordinal) && first)
                {
                    first = false;
                    return Task.FromResult(Respond.Error(429, "slow down", ("Retry-After", "0.4")));
                }
                return Task.FromResult(Respond.Json(200, "{}"));
            };
            using var client = WithToken(handler);
            Assert.Null(client.SendRate);

            await client.SendAsync(new ApiRequest("GET", "/spaces/s/a"), None);
            var throttledAt = arrivals[0].Ms;
            await client.SendAsync(new ApiRequest("GET", "/spaces/s/b"), None);

            Assert.Equal(new[] { "/spaces/s/a", "/spaces/s/a", "/spaces/s/b" }, arrivals.Select(a => a.Path));
            // The retry of /a waited its Retry-After, and /b, another request, waited it out too.
            Assert.True(arrivals[1].Ms - throttledAt >= 350, $"retry after {arrivals[1].Ms - throttledAt} ms");
            Assert.True(arrivals[2].Ms - throttledAt >= 350, $"next request after {arrivals[2].Ms - throttledAt} ms");
            Assert.NotNull(client.SendRate);
        }

        [Fact]
        public async Task Client_A503WithoutRetryAfter_IsNoThrottle()
        {
            var handler = new FakeHandler().Enqueue(Respond.Error(503, "down")).Enqueue(Respond.Json(200, "{}"));
            using var client = WithToken(handler);

            await client.SendAsync(new ApiRequest("GET", "/spaces/s/a"), None);

            Assert.Null(client.SendRate);
            Assert.Equal(0, client.Budget.Rate.Cuts);
        }

        [Fact]
        public async Task Client_A503WithRetryAfter_IsAThrottle()
        {
            var handler = new FakeHandler().Enqueue(Respond.Error(503, "busy", ("Retry-After", "0"))).Enqueue(Respond.Json(200, "{}"));
            using var client = WithToken(handler);

            await client.SendAsync(new ApiRequest("GET", "/spaces/s/a"), None);

            Assert.Equal(1, client.Budget.Rate.Cuts);
            Assert.NotNull(client.SendRate);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)))
                if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
        }
    }
}
