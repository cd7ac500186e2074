using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
    /// <summary>The server answered 2xx but the body was not what the API promises.</summary>
    public sealed class IotStudioResponseException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioResponseException(string message, string method, string path, RawResponse response, Exception inner = null)
            : base(message, method, path, inner)
        {
            Response = response;
        }

        /// <summary>HTTP status code.</summary>
        public override int StatusCode => Response?.StatusCode ?? 0;
        /// <summary>The raw response.</summary>
        public RawResponse Response { get; }
    }
}
