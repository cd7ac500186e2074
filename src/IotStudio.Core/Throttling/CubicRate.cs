using System;

namespace IotStudio.Throttling
{
    /// <summary>
    /// The sending rate after a throttle and while it recovers, on the cubic curve that TCP CUBIC and the AWS SDKs'
    /// adaptive retry mode use (botocore's CubicCalculator): a throttle cuts the rate to β times the rate it happened
    /// at; then the rate climbs fast at first, flattens as it nears the plateau W_max, and only then probes above it.
    /// Times are in seconds on any monotonic clock. Two changes from botocore, both because a throttle here also
    /// pauses the whole connection for its Retry-After: the curve starts when sending starts again (one that climbed
    /// through the pause would resume close to the rate the service just refused), and the plateau sits 5% below
    /// the refused rate instead of on it (a sender held at a per-second limit crosses it now and then from the jitter
    /// of its own timing, and each crossing costs a pause).
    /// </summary>
    internal sealed class CubicRate
    {
        /// <summary>How far a throttle cuts the rate: to 70% of the rate it happened at.</summary>
        public const double Beta = 0.7;
        /// <summary>Where the curve flattens: 95% of the rate the throttle happened at.</summary>
        public const double Plateau = 0.95;
        /// <summary>How steep the curve is (requests per second per second cubed).</summary>
        public const double Scale = 0.4;

        private double _wMax;
        private double _k;
        private double _resume;

        /// <summary>The rate where the curve flattens (W_max).</summary>
        public double PlateauRate => _wMax;

        /// <summary>
        /// Records a throttle at <paramref name="rate"/>, after which sending starts again at <paramref name="resume"/>;
        /// returns the cut rate, β × rate.
        /// </summary>
        public double OnThrottle(double rate, double resume)
        {
            _wMax = Plateau * rate;
            _resume = resume;
            // K: the time the curve takes to climb from the cut rate to the plateau.
            _k = Math.Pow((_wMax - Beta * rate) / Scale, 1.0 / 3.0);
            return Beta * rate;
        }

        /// <summary>The rate the curve allows at <paramref name="now"/>: W(t) = C·(t − K)³ + W_max, t counted from the resume.</summary>
        public double RateAt(double now)
        {
            var t = Math.Max(0, now - _resume) - _k;
            return Scale * t * t * t + _wMax;
        }
    }
}
