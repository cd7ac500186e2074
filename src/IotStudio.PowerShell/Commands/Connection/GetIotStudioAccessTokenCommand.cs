using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Gets the connection's current access token (fetched or refreshed first when needed) as a SecureString, with its
    /// expiry, scopes and API URL, for calling the API with another tool.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "IotStudioAccessToken", HelpUri = HelpUris.Cmdlets + "Get-IotStudioAccessToken.md")]
    [OutputType(typeof(AccessToken))]
    public sealed class GetIotStudioAccessTokenCommand : IotStudioCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            ForItem(connection, () => WriteObject(Run(ct => connection.Client.GetAccessTokenAsync(ct))));
        }
    }
}
