using System;
using System.Globalization;

namespace IotStudio.Http
{
    /// <summary>When and how long to wait before repeating a failed request.</summary>
    public sealed class RetryPolicy
    {
        private static readonly Random Shared = new Random();

        /// <summary>Total attempts, the first included (default 5; 1 disables retries).</summary>
        public int MaxAttempts { get; set; } = 5;
        /// <summary>Delay before the first retry, doubled for each later one (default 500 ms).</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        /// <summary>Longest computed backoff (default 30 s).</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Longest Retry-After honoured; a longer one fails the call instead (default 5 min).</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Statuses worth repeating.</summary>
        public static bool IsRetryableStatus(int status) =>
            status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;

        /// <summary>
        /// Whether a failure may be retried. POST and PATCH are repeated only when the request never reached
        /// the server or the server throttled it (429), so nothing is created twice.
        /// </summary>
        public bool ShouldRetry(ApiRequest request, int status, bool neverSent, int attempt)
        {
            if (attempt >= MaxAttempts) return false;
            if (neverSent) return true;
            if (status == 0) return request.IsIdempotent;
            if (!IsRetryableStatus(status)) return false;
            return request.IsIdempotent || status == 429;
        }

        /// <summary>Exponential backoff with jitter: a random point between half and all of base·2^(attempt-1), capped.</summary>
        public TimeSpan Backoff(int attempt)
        {
            var exp = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
            var cap = Math.Min(exp, MaxDelay.TotalMilliseconds);
            double jitter;
            lock (Shared) jitter = 0.5 + Shared.NextDouble() * 0.5;
            return TimeSpan.FromMilliseconds(cap * jitter);
        }

        /// <summary>Reads Retry-After as seconds or as an HTTP date; null when absent or unreadable.</summary>
        public static TimeSpan? ParseRetryAfter(string value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            value = value.Trim();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                return seconds < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ||
                DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out when))
            {
                var wait = when - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }
}
