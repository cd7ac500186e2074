using System;
using System.Threading;

namespace IotStudio.Http
{
    /// <summary>
    /// The -ThrottleLimit of the command whose requests the current async flow sends (scoped like
    /// <see cref="RequestObservation"/>). A connection lets as many requests be in flight at once as the largest
    /// limit among the commands using it, at least its own.
    /// </summary>
    public static class ThrottleScope
    {
        private static readonly AsyncLocal<int> CurrentLimit = new AsyncLocal<int>();

        /// <summary>The limit of the current flow, or 0 when none was set (the connection's own applies).</summary>
        public static int Current => CurrentLimit.Value;

        /// <summary>Sets the limit until the returned object is disposed.</summary>
        public static IDisposable Begin(int throttleLimit)
        {
            var previous = CurrentLimit.Value;
            CurrentLimit.Value = throttleLimit;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly int _previous;
            public Restore(int previous) { _previous = previous; }
            public void Dispose() => CurrentLimit.Value = _previous;
        }
    }
}
