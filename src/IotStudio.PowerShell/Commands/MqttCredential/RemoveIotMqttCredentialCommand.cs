using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes the MQTT credentials of a Category, a Thing, or a Thing through a Category.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotMqttCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveIotMqttCredentialCommand : MqttCredentialCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, owner) = MqttTarget();
            ForItem(owner.ErrorTarget, () =>
            {
                RequireOwner(owner);
                if (!ShouldProcess(owner.Describe(), Strings.ShouldRemoveMqttCredential)) return;
                Delete(connection, owner);
            });
        }
    }
}
