using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
    /// <summary>No usable response: the connection failed, was dropped or timed out.</summary>
    public sealed class IotStudioTransportException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioTransportException(string message, string method, string path, bool timedOut, Exception inner)
            : base(message, method, path, inner)
        {
            TimedOut = timedOut;
        }

        /// <summary>True when the request timed out rather than failed.</summary>
        public bool TimedOut { get; }
    }
}
