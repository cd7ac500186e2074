using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using IotStudio.PowerShell.Commands;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Connect-IotStudio -EnvironmentVariable: the API URL, space, credentials and scopes from IOTSTUDIO_* variables,
    /// which a job, a container or a scheduled task inherits, so it connects without a serialised connection. A
    /// parameter given on the command line wins over its variable; a secret is read into a SecureString and never shown.
    /// </summary>
    internal static class EnvironmentConnection
    {
        public const string ApiUrl = "IOTSTUDIO_API_URL";
        public const string Space = "IOTSTUDIO_SPACE";
        public const string ClientId = "IOTSTUDIO_CLIENT_ID";
        public const string ClientSecret = "IOTSTUDIO_CLIENT_SECRET";
        public const string AccessToken = "IOTSTUDIO_ACCESS_TOKEN";
        public const string Scope = "IOTSTUDIO_SCOPE";
        public const string TokenUrl = "IOTSTUDIO_TOKEN_URL";
        public const string RevokeUrl = "IOTSTUDIO_REVOKE_URL";

        /// <summary>Fills the cmdlet's connection parameters from the variables, or ends it naming the variable that is missing or wrong.</summary>
        public static void Apply(ConnectCommandBase cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            var used = new List<string>();
            string Read(string name)
            {
                var value = Environment.GetEnvironmentVariable(name);
                if (string.IsNullOrWhiteSpace(value)) return null;
                used.Add(name);
                return value;
            }

            var url = Read(ApiUrl);
            if (url != null && !bound.ContainsKey(nameof(ConnectCommandBase.ApiUrl))) cmdlet.ApiUrl = Url(cmdlet, ApiUrl, url);
            var space = Read(Space);
            if (space != null && !bound.ContainsKey(nameof(ConnectCommandBase.Space))) cmdlet.Space = space.Trim();

            var id = Read(ClientId);
            var secret = Read(ClientSecret);
            var token = Read(AccessToken);
            if (id != null)
            {
                if (secret == null) Fail(cmdlet, "EnvironmentVariableMissing", ClientSecret, string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentSecretMissing, ClientId, ClientSecret));
                cmdlet.ClientId = id.Trim();
                cmdlet.ClientSecret = Secure(secret);
                var scope = Read(Scope);
                if (scope != null && !bound.ContainsKey(nameof(ConnectCommandBase.Scope))) cmdlet.Scope = new[] { scope };
                var tokenUrl = Read(TokenUrl);
                if (tokenUrl != null && !bound.ContainsKey(nameof(ConnectCommandBase.TokenUrl))) cmdlet.TokenUrl = Url(cmdlet, TokenUrl, tokenUrl);
                var revokeUrl = Read(RevokeUrl);
                if (revokeUrl != null && !bound.ContainsKey(nameof(ConnectCommandBase.RevokeUrl))) cmdlet.RevokeUrl = Url(cmdlet, RevokeUrl, revokeUrl);
            }
            else if (token != null)
            {
                cmdlet.AccessToken = Secure(token);
            }
            else
            {
                Fail(cmdlet, "EnvironmentVariableMissing", ClientId, string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentCredentialMissing, ClientId, ClientSecret, AccessToken));
            }
            cmdlet.WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.VerboseEnvironment, string.Join(", ", used)));
        }

        private static Uri Url(PSCmdlet cmdlet, string variable, string value)
        {
            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url))
                Fail(cmdlet, "EnvironmentVariableInvalid", variable, string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentUrlInvalid, variable, value.Trim()));
            return url;
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        // The target is the variable's name, never its value.
        private static void Fail(PSCmdlet cmdlet, string id, string variable, string message) =>
            cmdlet.ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), id, ErrorCategory.InvalidArgument, variable)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = Strings.EnvironmentAction },
            });
    }
}
