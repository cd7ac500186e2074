using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace IotStudio.Throttling
{
    /// <summary>
    /// One connection's client-side sending rate, set by the service's answers: the design of the AWS SDKs' adaptive
    /// retry mode (botocore's ClientRateLimiter). Nothing is limited until the service first throttles. A throttle
    /// (429, or 503 with Retry-After) holds every request of the connection until its Retry-After has passed, and cuts
    /// the rate to β times what the service let through in the last second; later answers let it climb back along
    /// <see cref="CubicRate"/>. Once it has climbed past <see cref="MaxRate"/>, limiting stops until the next throttle.
    /// Thread-safe.
    /// </summary>
    internal sealed class AdaptiveRate : IDisposable
    {
        // System.Threading.RateLimiting's TokenBucketRateLimiter keeps the bucket: its tokens, the queue of waiting
        // requests (oldest first) and their cancellation. Its fill rate is fixed when it is made, while this rate moves
        // with every answer; so the bucket fills at a fixed TokensPerSecond and a request costs TokensPerSecond / rate
        // tokens: the price sets the rate, and the library does the rest. What is written here is only the adjusting
        // (when and how far the rate moves, in OnAnswer) and the price. Polly.Core's rate limiter strategy wraps the
        // same limiters and adds no adaptive rate, so it would add a dependency and nothing else.
        private const int TokensPerSecond = 10_000;
        // The bucket holds a second of fill, so the dearest request (the lowest rate, one a second) fits in it. A full
        // bucket would let a second's worth of requests out at once after a pause, which is what a service counting
        // requests per second refuses; so a request first drops what is above a tenth of a second of fill (the
        // library has no way to cap a burst below its bucket size).
        private const int BucketSize = TokensPerSecond;
        private const int BurstTokens = TokensPerSecond / 10;

        /// <summary>The lowest rate, in requests per second: one request costs the whole bucket.</summary>
        public const double MinRate = (double)TokensPerSecond / BucketSize;
        /// <summary>Above this rate a request would cost less than one token: limiting stops.</summary>
        public const double MaxRate = TokensPerSecond;

        private readonly object _sync = new object();
        private readonly Func<double> _clock;
        private readonly AnswerRate _answers = new AnswerRate();
        private readonly CubicRate _cubic = new CubicRate();
        private Bucket _bucket;
        private double _rate = double.PositiveInfinity;
        private double _lastCut = double.NegativeInfinity;
        private double _pausedUntil = double.NegativeInfinity;
        private bool _disposed;

        /// <summary>A rate on the monotonic clock; <paramref name="clock"/> (seconds) is for tests.</summary>
        public AdaptiveRate(Func<double> clock = null)
        {
            _clock = clock ?? (() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
        }

        /// <summary>Now, in seconds, on this rate's clock.</summary>
        public double Now => _clock();

        /// <summary>Requests per second the connection allows itself, or null while it is not limited.</summary>
        public double? Rate
        {
            get { lock (_sync) return _bucket == null ? (double?)null : _rate; }
        }

        /// <summary>
        /// The part of its concurrency budget the connection uses now: 1 while not limited; after a throttle the rate
        /// over the plateau of its curve, so requests in flight follow the rate down and back up.
        /// </summary>
        public double ConcurrencyShare
        {
            get { lock (_sync) return _bucket == null ? 1.0 : Math.Min(1.0, _rate / Math.Max(MinRate, _cubic.PlateauRate)); }
        }

        /// <summary>How many throttles cut the rate (the throttles of requests sent before a cut do not cut it again).</summary>
        public int Cuts { get; private set; }

        /// <summary>When the Retry-After of the last throttle has passed, on this rate's clock.</summary>
        public double PausedUntil
        {
            get { lock (_sync) return _pausedUntil; }
        }

        /// <summary>Waits until one more request may be sent: a token at the current rate, then the end of any pause.</summary>
        public async Task WaitTurnAsync(CancellationToken ct)
        {
            Bucket bucket;
            int price;
            lock (_sync)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(AdaptiveRate));
                bucket = _bucket;
                price = bucket == null ? 0 : Price(_rate);
            }
            if (bucket != null) await bucket.TakeAsync(price, ct).ConfigureAwait(false);
            // The pause is checked last, so a request that got its token before a throttle arrived still waits it out.
            for (;;)
            {
                double wait;
                lock (_sync) wait = _pausedUntil - _clock();
                if (wait <= 0) return;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait * 1000)), ct).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Takes in one answer to a request sent at <paramref name="sentAt"/> (on this rate's clock): a throttle pauses
        /// the connection for <paramref name="retryAfter"/> and cuts the rate; any other answer counts as let through.
        /// </summary>
        public void OnAnswer(double sentAt, bool throttled, TimeSpan? retryAfter)
        {
            Bucket retired = null;
            lock (_sync)
            {
                if (_disposed) return;
                var now = _clock();
                if (!throttled)
                {
                    _answers.Record(now);
                    if (_bucket != null)
                    {
                        _rate = Math.Max(MinRate, _cubic.RateAt(now));
                        if (_rate >= MaxRate)
                        {
                            retired = _bucket;
                            _bucket = null;
                            _rate = double.PositiveInfinity;
                        }
                    }
                }
                else
                {
                    if (retryAfter.HasValue) _pausedUntil = Math.Max(_pausedUntil, now + retryAfter.Value.TotalSeconds);
                    // A request sent before the last cut went out at the old rate; its throttle is the one already
                    // acted on (all the requests in flight at a throttle tend to come back throttled together).
                    if (sentAt >= _lastCut)
                    {
                        var letThrough = Math.Max(MinRate, _answers.PerSecond(now));
                        var before = _bucket == null ? letThrough : Math.Min(letThrough, _rate);
                        _rate = Math.Max(MinRate, _cubic.OnThrottle(before, Math.Max(now, _pausedUntil)));
                        _lastCut = now;
                        Cuts++;
                        if (_bucket == null) _bucket = new Bucket();
                    }
                }
            }
            retired?.Dispose();
        }

        private static int Price(double rate) => (int)Math.Max(1, Math.Min(BucketSize, Math.Round(TokensPerSecond / rate)));

        /// <inheritdoc />
        public void Dispose()
        {
            Bucket bucket;
            lock (_sync)
            {
                _disposed = true;
                bucket = _bucket;
                _bucket = null;
            }
            bucket?.Dispose();
        }

        /// <summary>The token bucket, and the timer that lets waiting requests go while there are any.</summary>
        private sealed class Bucket : IDisposable
        {
            // The library's own replenishing timer adds a fixed amount per tick and trusts the timer to keep time (on
            // Windows a 20 ms timer ticks every 31 ms, which would bend the rate by a third), and it ticks for as long as
            // the limiter lives. Replenished by hand, the bucket adds what the time elapsed is worth, so this timer only
            // decides how soon a waiting request goes, and it runs only while requests wait.
            private static readonly TimeSpan WakeEvery = TimeSpan.FromMilliseconds(20);

            private readonly TokenBucketRateLimiter _tokens = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = BucketSize,
                TokensPerPeriod = TokensPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                AutoReplenishment = false,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            private readonly Timer _timer;
            private int _ticking;

            public Bucket()
            {
                _timer = new Timer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            public async Task TakeAsync(int price, CancellationToken ct)
            {
                try
                {
                    _tokens.TryReplenish();
                    var excess = _tokens.GetStatistics()?.CurrentAvailablePermits - BurstTokens;
                    if (excess > 0) _tokens.AttemptAcquire((int)excess.Value).Dispose();
                    var lease = _tokens.AcquireAsync(price, ct);
                    if (!lease.IsCompleted) Wake();
                    // A lease that is not granted means the bucket was retired while this request waited (the rate
                    // outgrew it, or the connection closed): it goes on without one; a closed connection fails it later.
                    using (await lease.ConfigureAwait(false)) { }
                }
                catch (ObjectDisposedException)
                {
                    // Retired between reading it and asking it: the same as a lease not granted.
                }
            }

            private void Wake()
            {
                if (Interlocked.Exchange(ref _ticking, 1) == 0) Change(WakeEvery);
            }

            private void Tick()
            {
                try
                {
                    _tokens.TryReplenish();
                    if (_tokens.GetStatistics()?.CurrentQueuedCount > 0) return;
                    Volatile.Write(ref _ticking, 0);
                    Change(Timeout.InfiniteTimeSpan);
                    // A request that queued after the look above and found the timer still ticking would wait forever.
                    if (_tokens.GetStatistics()?.CurrentQueuedCount > 0) Wake();
                }
                catch (ObjectDisposedException)
                {
                    // A last tick after the bucket was retired.
                }
            }

            private void Change(TimeSpan period)
            {
                try { _timer.Change(period, period); }
                catch (ObjectDisposedException) { }
            }

            public void Dispose()
            {
                _timer.Dispose();
                _tokens.Dispose();
            }
        }
    }
}
