using System;
using System.Threading;

namespace IotStudio.Http
{
    /// <summary>Scopes an observer to the calls started in the current async flow (one pipeline's calls).</summary>
    public static class RequestObservation
    {
        private static readonly AsyncLocal<IRequestObserver> CurrentObserver = new AsyncLocal<IRequestObserver>();

        /// <summary>The observer of the current flow, or null.</summary>
        public static IRequestObserver Current => CurrentObserver.Value;

        /// <summary>Sets the observer until the returned object is disposed.</summary>
        public static IDisposable Begin(IRequestObserver observer)
        {
            var previous = CurrentObserver.Value;
            CurrentObserver.Value = observer;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly IRequestObserver _previous;
            public Restore(IRequestObserver previous) { _previous = previous; }
            public void Dispose() => CurrentObserver.Value = _previous;
        }
    }
}
