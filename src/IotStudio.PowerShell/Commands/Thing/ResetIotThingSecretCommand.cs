using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gives a Thing a new OAuth2 client secret (and a client id, the first time); the old secret stops working.</summary>
    [Cmdlet(VerbsCommon.Reset, "IotThingSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Reset-IotThingSecret.md")]
    [OutputType(typeof(ThingSecret))]
    public sealed class ResetIotThingSecretCommand : ThingChildCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess(ThingInSpace(thing.Space), Strings.ShouldResetThingSecret)) return;
            var things = connection.Client.Things;
            Send(ThingId, thing.Space + "/" + thing.ThingId, ct => things.ResetSecretAsync(thing, ct), WriteObject);
        }
    }
}
