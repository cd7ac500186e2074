using System;

namespace IotStudio.Http
{
    /// <summary>
    /// The connection was disconnected (its client disposed) before or while a call used it: by this caller, or by
    /// another thread or runspace holding the same connection. Nothing more can be sent through it.
    /// </summary>
    public sealed class IotStudioConnectionClosedException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioConnectionClosedException(string apiUrl, string method = null, string path = null, Exception inner = null)
            : base($"This connection was disconnected ({apiUrl}), possibly by another thread or runspace that shares it; connect again.", method, path, inner)
        {
            ApiUrl = apiUrl;
        }

        /// <summary>The API URL of the closed connection.</summary>
        public string ApiUrl { get; }
    }
}
