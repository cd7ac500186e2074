using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;

namespace IotStudio.Auth
{
    /// <summary>How a connection authenticates. Secrets stay in SecureStrings until the moment they are sent.</summary>
    public abstract class ConnectionCredentials
    {
        internal ConnectionCredentials() { }

        /// <summary>A name for display: "AccessToken" or "ClientCredentials".</summary>
        public abstract string Method { get; }
    }
}
