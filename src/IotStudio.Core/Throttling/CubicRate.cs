using System;

namespace IotStudio.Throttling
{
    /// <summary>
    /// The sending rate after a throttle and while it recovers, on the cubic curve that TCP CUBIC and the AWS SDKs'
    /// adaptive retry mode use (botocore's CubicCalculator): a throttle cuts the rate to β times the rate it happened
    /// at (W_max); then the rate climbs fast at first, flattens as it nears W_max (the rate the service last refused),
    /// and only then probes above it. Times are in seconds on any monotonic clock.
    /// </summary>
    internal sealed class CubicRate
    {
        /// <summary>How far a throttle cuts the rate: to 70% of the rate it happened at.</summary>
        public const double Beta = 0.7;
        /// <summary>How steep the curve is (requests per second per second cubed).</summary>
        public const double Scale = 0.4;

        private double _wMax;
        private double _k;
        private double _lastThrottle;

        /// <summary>The rate at the last throttle (W_max).</summary>
        public double ThrottledAt => _wMax;

        /// <summary>Records a throttle at <paramref name="rate"/> and returns the cut rate, β × rate.</summary>
        public double OnThrottle(double rate, double now)
        {
            _wMax = rate;
            _lastThrottle = now;
            // K: the time the curve takes to climb from β·W_max back to W_max.
            _k = Math.Pow(_wMax * (1 - Beta) / Scale, 1.0 / 3.0);
            return Beta * rate;
        }

        /// <summary>The rate the curve allows at <paramref name="now"/>: W(t) = C·(t − K)³ + W_max.</summary>
        public double RateAt(double now)
        {
            var t = now - _lastThrottle - _k;
            return Scale * t * t * t + _wMax;
        }
    }
}
