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
}
