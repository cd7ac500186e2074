using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets the MQTT credentials of a Category, a Thing, or a Thing through a Category; the password is never shown.</summary>
    [Cmdlet(VerbsCommon.Get, "IotMqttCredential", HelpUri = HelpUris.Cmdlets + "Get-IotMqttCredential.md")]
    [OutputType(typeof(MqttCredential))]
    public sealed class GetIotMqttCredentialCommand : MqttCredentialCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, owner) = MqttTarget();
            ForItem(owner.ErrorTarget, () =>
            {
                RequireOwner(owner);
                WriteObject(Run(ct => ReadAsync(connection.Client, owner, ct)));
            });
        }
    }
}
