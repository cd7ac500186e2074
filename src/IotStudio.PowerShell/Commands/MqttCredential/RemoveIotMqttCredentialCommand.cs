using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes the MQTT credentials of a Category, a Thing, or a Thing through a Category.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotMqttCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotMqttCredential.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotMqttCredentialCommand : MqttCredentialCmdlet, ISupportsForce
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

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
