using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
    /// <summary>Base of every exception Core throws.</summary>
    public class IotStudioException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioException(string message, string method = null, string path = null, Exception inner = null)
            : base(message, inner)
        {
            Method = method;
            Path = path;
        }

        /// <summary>HTTP method of the failed request.</summary>
        public string Method { get; }
        /// <summary>Path of the failed request (no query string, no host).</summary>
        public string Path { get; }
        /// <summary>HTTP status, or 0 when no response arrived.</summary>
        public virtual int StatusCode => 0;
    }
}
