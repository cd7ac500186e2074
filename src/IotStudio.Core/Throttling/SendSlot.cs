using System;
using System.Threading.RateLimiting;

namespace IotStudio.Throttling
{
    /// <summary>A request's place in flight: when it left, and the share of the budget it holds until disposed.</summary>
    internal readonly struct SendSlot : IDisposable
    {
        private readonly RateLimitLease _lease;

        public SendSlot(RateLimitLease lease, double sentAt)
        {
            _lease = lease;
            SentAt = sentAt;
        }

        /// <summary>When the request left, on the rate's clock.</summary>
        public double SentAt { get; }

        public void Dispose() => _lease?.Dispose();
    }
}
