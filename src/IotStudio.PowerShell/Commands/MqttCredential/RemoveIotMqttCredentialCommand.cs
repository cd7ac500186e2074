using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes the MQTT credentials of a Category, a Thing, or a Thing through a Category.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotMqttCredential", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotMqttCredential.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotMqttCredentialCommand : MqttCredentialCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() =>
            SendChange(Strings.ShouldRemoveMqttCredential, (client, owner) => ct => DeleteAsync(client, owner, ct));
    }
}
