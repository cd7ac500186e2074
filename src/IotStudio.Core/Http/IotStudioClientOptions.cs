using System;

namespace IotStudio.Http
{
    /// <summary>Settings for one connection's client.</summary>
    public sealed class IotStudioClientOptions
    {
        /// <summary>The public Altair IoT Studio API.</summary>
        public const string DefaultApiUrl = "https://api.swx.altairone.com";

        /// <summary>API base URL; a trailing '/' is ignored.</summary>
        public Uri ApiUrl { get; set; } = new Uri(DefaultApiUrl);
        /// <summary>Time allowed for one HTTP attempt (default 100 s).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
        /// <summary>Accept any server certificate (testing only).</summary>
        public bool SkipCertificateCheck { get; set; }
        /// <summary>Retry behaviour.</summary>
        public RetryPolicy Retry { get; set; } = new RetryPolicy();
        /// <summary>
        /// Requests in flight at once (1 to 64, default 4): the -ThrottleLimit of write cmdlets that do not give one, and
        /// the connection's budget shared by everything that uses it (a command with a larger limit raises it for itself).
        /// </summary>
        public int ThrottleLimit { get; set; } = 4;
        /// <summary>User-Agent header.</summary>
        public string UserAgent { get; set; } = "IotStudio-PowerShell";

        /// <summary>The API URL without a trailing '/', so paths never produce '//'.</summary>
        public string BaseUrl => ApiUrl.ToString().TrimEnd('/');
    }
}
