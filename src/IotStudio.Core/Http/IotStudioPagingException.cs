using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Http
{
    /// <summary>The server handed back a cursor it had already given: paging would never end.</summary>
    public sealed class IotStudioPagingException : IotStudioException
    {
        /// <summary>Creates the exception.</summary>
        public IotStudioPagingException(string message, string path) : base(message, "GET", path) { }
    }
}
