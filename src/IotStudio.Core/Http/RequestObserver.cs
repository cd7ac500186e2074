using System;
using System.Threading;

namespace IotStudio.Http
{
    /// <summary>What one attempt did; handed to an observer for -Verbose output. Never holds headers or bodies.</summary>
    public sealed class RequestTrace
    {
        internal RequestTrace(string method, string path, int status, TimeSpan duration, int attempt, string error)
        {
            Method = method; Path = path; StatusCode = status; Duration = duration; Attempt = attempt; Error = error;
        }
        /// <summary>HTTP method.</summary>
        public string Method { get; }
        /// <summary>Path and query of the request.</summary>
        public string Path { get; }
        /// <summary>Status, 0 when no response arrived.</summary>
        public int StatusCode { get; }
        /// <summary>Time the attempt took.</summary>
        public TimeSpan Duration { get; }
        /// <summary>1 for the first attempt.</summary>
        public int Attempt { get; }
        /// <summary>Transport error summary, if any.</summary>
        public string Error { get; }
    }

    /// <summary>A wait before the next attempt.</summary>
    public sealed class RetryNotice
    {
        internal RetryNotice(string method, string path, int status, TimeSpan delay, int nextAttempt, int maxAttempts, string reason)
        {
            Method = method; Path = path; StatusCode = status; Delay = delay; NextAttempt = nextAttempt; MaxAttempts = maxAttempts; Reason = reason;
        }
        /// <summary>HTTP method.</summary>
        public string Method { get; }
        /// <summary>Path of the request.</summary>
        public string Path { get; }
        /// <summary>Status that caused the retry (0 for a transport failure).</summary>
        public int StatusCode { get; }
        /// <summary>How long the client waits.</summary>
        public TimeSpan Delay { get; }
        /// <summary>Number of the attempt that follows the wait.</summary>
        public int NextAttempt { get; }
        /// <summary>Attempts allowed in all.</summary>
        public int MaxAttempts { get; }
        /// <summary>Why: status text, Retry-After, or the transport error.</summary>
        public string Reason { get; }
    }

    /// <summary>Receives traces and retry notices for calls made in the current async flow.</summary>
    public interface IRequestObserver
    {
        /// <summary>An attempt finished.</summary>
        void OnAttempt(RequestTrace trace);
        /// <summary>The client is about to wait before retrying.</summary>
        void OnRetry(RetryNotice notice);
        /// <summary>A token was fetched or refreshed.</summary>
        void OnToken(string message);
    }

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
