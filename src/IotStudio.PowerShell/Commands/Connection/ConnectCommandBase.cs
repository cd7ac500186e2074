using System;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using IotStudio.Auth;
using IotStudio.Http;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>The parameters shared by Connect-IotStudio, New-IotStudioConnection and Use-IotStudioConnection.</summary>
    public abstract class ConnectCommandBase : IotStudioCmdletBase
    {
        /// <summary>The API base URL.</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        [ValidateNotNull]
        public Uri ApiUrl { get; set; } = new Uri(IotStudioClientOptions.DefaultApiUrl);

        /// <summary>The default space for later calls.</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SpaceCompleter))]
        public string Space { get; set; }

        /// <summary>A static bearer token.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.AccessToken)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; }

        /// <summary>OAuth2 client credentials: user name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ClientCredential)]
        [ValidateNotNull]
        [Credential]
        public PSCredential ClientCredential { get; set; }

        /// <summary>OAuth2 client id.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ClientSecret)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; }

        /// <summary>OAuth2 client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ClientSecret)]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; }

        /// <summary>Scopes to ask for, such as category thing; default: what the client is granted.</summary>
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        [ArgumentCompleter(typeof(Completion.ScopeCompleter))]
        public string[] Scope { get; set; }

        /// <summary>Token endpoint; default {ApiUrl}/oauth2/token.</summary>
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        public Uri TokenUrl { get; set; }

        /// <summary>Revoke endpoint; default {ApiUrl}/oauth2/revoke.</summary>
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        public Uri RevokeUrl { get; set; }

        /// <summary>Refresh the token this many seconds before it expires (default 10).</summary>
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        [ValidateRange(0, 86400)]
        public int TokenRefreshSeconds { get; set; } = 10;

        /// <summary>Seconds allowed for one HTTP attempt (default 100).</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Retries after a throttled, failed or unanswered request (default 4).</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = 4;

        /// <summary>Delay before the first retry, doubled for each next one, with jitter (default 0.5 s).</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        [ValidateRange(0.0, 600.0)]
        public double RetryIntervalSec { get; set; } = 0.5;

        /// <summary>Requests in flight at once on this connection (1 to 64, default 4): the -ThrottleLimit of write cmdlets that do not give one.</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Accept any server certificate. For testing only.</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Send credentials over plain http to a host other than this machine (like Invoke-RestMethod's switch).</summary>
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [Parameter(ParameterSetName = ParameterSets.ClientCredential)]
        [Parameter(ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ParameterSets.EnvironmentVariable)]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>Read the API URL, space, credentials and scopes from the IOTSTUDIO_* environment variables (a parameter given wins).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.EnvironmentVariable)]
        public SwitchParameter EnvironmentVariable { get; set; }

        /// <summary>Builds the connection; for client credentials the first token is fetched now, so bad credentials fail here.</summary>
        protected IotStudioConnection Open()
        {
            Loading.DisplayData.EnsureLoaded(this);
            if (ParameterSetName == ParameterSets.EnvironmentVariable) EnvironmentConnection.Apply(this);
            CheckUrl(ApiUrl, nameof(ApiUrl));
            if (TokenUrl != null) CheckUrl(TokenUrl, nameof(TokenUrl));
            if (RevokeUrl != null) CheckUrl(RevokeUrl, nameof(RevokeUrl));
            if (SkipCertificateCheck) WriteWarning(Strings.SkipCertificateWarning);
            IotStudioClient client = null;
            try
            {
                var credentials = Credentials();
                var options = new IotStudioClientOptions
                {
                    ApiUrl = ApiUrl,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    SkipCertificateCheck = SkipCertificateCheck,
                    Retry = new RetryPolicy { MaxAttempts = MaximumRetryCount + 1, BaseDelay = TimeSpan.FromSeconds(RetryIntervalSec) },
                    ThrottleLimit = ThrottleLimit,
                };
                client = new IotStudioClient(options, credentials);
                var opened = client;
                Run(ct => opened.ConnectAsync(ct));
                var connection = new IotStudioConnection(client, Space);
                ConnectionStore.Register(connection);
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.Connected, connection.ApiUrl,
                    credentials is ClientCredentials cc ? "client " + cc.ClientId : "a static access token"));
                return connection;
            }
            catch (Exception ex)
            {
                // Disposing also cancels a token request still in flight (Ctrl+C), so nothing is left running.
                client?.Dispose();
                if (IsItemFailure(ex)) ThrowTerminatingError(ErrorMapper.ToRecord(ex, "Connection", ApiUrl));
                throw;
            }
        }

        private ConnectionCredentials Credentials()
        {
            switch (ParameterSetName)
            {
                case ParameterSets.AccessToken: return new AccessTokenCredentials(AccessToken);
                case ParameterSets.ClientCredential: return ClientCreds(ClientCredential.UserName, ClientCredential.Password);
                case ParameterSets.EnvironmentVariable when ClientId == null: return new AccessTokenCredentials(AccessToken);
                default: return ClientCreds(ClientId, ClientSecret);
            }
        }

        // Secrets never travel in clear text to another machine unless the caller says so; loopback (the emulator) is fine.
        private void CheckUrl(Uri url, string parameter)
        {
            string problem = null;
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                problem = string.Format(CultureInfo.CurrentCulture, Strings.UrlNotHttp, parameter, IotStudioClientOptions.DefaultApiUrl, url);
            else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback && !AllowUnencryptedAuthentication)
                problem = string.Format(CultureInfo.CurrentCulture, Strings.UrlUnencrypted, parameter, url, CredentialGiven());
            if (problem != null)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(problem, parameter), "InvalidApiUrl", ErrorCategory.InvalidArgument, url)
                {
                    ErrorDetails = new ErrorDetails(problem) { RecommendedAction = Strings.ActionUrlUnencrypted },
                });
        }

        // The credential this call was given, as the plain-http refusal names it (never its secret).
        private string CredentialGiven()
        {
            switch (ParameterSetName)
            {
                case ParameterSets.AccessToken: return Strings.CredentialAccessToken;
                case ParameterSets.ClientCredential: return string.Format(CultureInfo.CurrentCulture, Strings.CredentialClientCredential, ClientCredential?.UserName);
                case ParameterSets.EnvironmentVariable when ClientId == null:
                    return string.Format(CultureInfo.CurrentCulture, Strings.CredentialEnvironmentToken, EnvironmentConnection.AccessToken);
                case ParameterSets.EnvironmentVariable:
                    return string.Format(CultureInfo.CurrentCulture, Strings.CredentialEnvironmentSecret, EnvironmentConnection.ClientSecret, ClientId);
                default: return string.Format(CultureInfo.CurrentCulture, Strings.CredentialClientSecret, ClientId);
            }
        }

        private ClientCredentials ClientCreds(string id, SecureString secret) =>
            new ClientCredentials(id, secret, Scope)
            {
                TokenUrl = TokenUrl,
                RevokeUrl = RevokeUrl,
                RefreshBefore = TimeSpan.FromSeconds(TokenRefreshSeconds),
            };
    }
}
