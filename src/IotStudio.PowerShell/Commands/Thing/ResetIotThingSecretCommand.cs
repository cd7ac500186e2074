using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gives a Thing a new OAuth2 client secret (and a client id, the first time); the old secret stops working.</summary>
    [Cmdlet(VerbsCommon.Reset, "IotThingSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Reset-IotThingSecret.md")]
    [OutputType(typeof(ThingSecret))]
    public sealed class ResetIotThingSecretCommand : ThingChildCmdlet, ISupportsForce
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess($"Thing {ThingId} in space {thing.Space}", Strings.ShouldResetThingSecret)) return;
            ForItem(ThingId, () => WriteObject(Run(ct => connection.Client.Things.ResetSecretAsync(thing, ct))));
        }
    }
}
