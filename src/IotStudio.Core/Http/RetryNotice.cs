using System;
using System.Threading;

namespace IotStudio.Http
{
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
}
