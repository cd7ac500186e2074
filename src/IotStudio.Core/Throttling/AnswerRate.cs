using System;

namespace IotStudio.Throttling
{
    /// <summary>
    /// How many requests the service answered without throttling in the last second, counted in ten buckets of
    /// 100 ms (botocore's RateClocker smooths half-second buckets instead; a plain trailing second answers the
    /// question a throttle asks, "how much did the service let through just now", without a warm-up).
    /// Callers hold a lock: the class is not thread-safe.
    /// </summary>
    internal sealed class AnswerRate
    {
        private const int Buckets = 10;
        private const double BucketSeconds = 1.0 / Buckets;

        private readonly long[] _stamp = new long[Buckets];
        private readonly int[] _count = new int[Buckets];

        public AnswerRate()
        {
            for (var i = 0; i < Buckets; i++) _stamp[i] = long.MinValue;
        }

        /// <summary>Counts one answer at <paramref name="now"/> (seconds).</summary>
        public void Record(double now)
        {
            var bucket = (long)Math.Floor(now / BucketSeconds);
            var slot = (int)(((bucket % Buckets) + Buckets) % Buckets);
            if (_stamp[slot] != bucket)
            {
                _stamp[slot] = bucket;
                _count[slot] = 0;
            }
            _count[slot]++;
        }

        /// <summary>Answers in the second up to <paramref name="now"/>, per second.</summary>
        public double PerSecond(double now)
        {
            var bucket = (long)Math.Floor(now / BucketSeconds);
            var sum = 0;
            for (var i = 0; i < Buckets; i++)
                if (_stamp[i] > bucket - Buckets && _stamp[i] <= bucket) sum += _count[i];
            return sum;
        }
    }
}
