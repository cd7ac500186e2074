using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.Throttling
{
    /// <summary>
    /// What one connection may send, shared by every command and runspace that uses it: how many requests are in
    /// flight at once, and how fast they leave (<see cref="AdaptiveRate"/>). A request takes 1/L of the in-flight
    /// budget, L being the larger of its command's -ThrottleLimit (<see cref="ThrottleScope"/>) and the connection's
    /// own, so the connection never has more requests in flight than the largest limit that asks, however many
    /// runspaces send through it. After a throttle the budget shrinks with the rate (<see cref="AdaptiveRate.ConcurrencyShare"/>).
    /// </summary>
    internal sealed class ConnectionBudget : IDisposable
    {
        // System.Threading.RateLimiting's ConcurrencyLimiter keeps the count, the queue of waiting requests (oldest
        // first) and their cancellation. Its permit limit is fixed when it is made, so a request's share is its permit
        // count: 4096 / L permits let exactly L requests in at once, for every L from 1 to 64.
        private const int Permits = 4096;

        /// <summary>The largest -ThrottleLimit.</summary>
        public const int MaxThrottleLimit = 64;

        private readonly ConcurrencyLimiter _inFlight = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Permits,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        /// <summary>A budget whose requests count 1/<paramref name="throttleLimit"/> unless their command asks for more.</summary>
        public ConnectionBudget(int throttleLimit, AdaptiveRate rate = null)
        {
            if (throttleLimit < 1 || throttleLimit > MaxThrottleLimit)
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, $"The throttle limit is 1 to {MaxThrottleLimit}.");
            ThrottleLimit = throttleLimit;
            Rate = rate ?? new AdaptiveRate();
        }

        /// <summary>The connection's own limit: requests in flight at once, for commands that do not ask for more.</summary>
        public int ThrottleLimit { get; }

        /// <summary>The adaptive sending rate.</summary>
        public AdaptiveRate Rate { get; }

        /// <summary>How many requests the current flow's command may have in flight now, the throttling share applied.</summary>
        public int CurrentLimit
        {
            get
            {
                var limit = Math.Min(MaxThrottleLimit, Math.Max(ThrottleLimit, ThrottleScope.Current));
                return Math.Max(1, (int)Math.Floor(limit * Rate.ConcurrencyShare));
            }
        }

        /// <summary>Waits for a place in flight and a turn at the current rate; dispose the slot when the answer is in.</summary>
        public async Task<SendSlot> EnterAsync(CancellationToken ct)
        {
            var lease = await _inFlight.AcquireAsync(Permits / CurrentLimit, ct).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw new ObjectDisposedException(nameof(IotStudioClient), "This IoT Studio connection was closed; connect again.");
            }
            try
            {
                await Rate.WaitTurnAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                lease.Dispose();
                throw;
            }
            return new SendSlot(lease, Rate.Now);
        }

        /// <summary>
        /// Takes in the answer to a request sent through <paramref name="slot"/>: 429, and 503 with Retry-After, are
        /// throttles; <paramref name="retryAfter"/> is how long the whole connection then waits.
        /// </summary>
        public void OnAnswer(SendSlot slot, int status, TimeSpan? retryAfter)
        {
            var throttled = status == 429 || (status == 503 && retryAfter.HasValue);
            Rate.OnAnswer(slot.SentAt, throttled, throttled ? retryAfter : null);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _inFlight.Dispose();
            Rate.Dispose();
        }
    }
}
