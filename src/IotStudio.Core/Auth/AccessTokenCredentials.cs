using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;

namespace IotStudio.Auth
{
    /// <summary>A static bearer token, used as it is; it cannot be refreshed.</summary>
    public sealed class AccessTokenCredentials : ConnectionCredentials
    {
        /// <summary>Wraps the token.</summary>
        public AccessTokenCredentials(SecureString token)
        {
            if (token == null || token.Length == 0) throw new ArgumentException("The access token is empty.", nameof(token));
            Token = token.Copy();
            Token.MakeReadOnly();
        }

        internal SecureString Token { get; }
        /// <inheritdoc />
        public override string Method => "AccessToken";
    }
}
