using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes events of a Thing.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotEvent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotEvent.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotEventCommand : ThingChildCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The event's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.EventNameCompleter))]
        public string Name { get; set; }

        /// <summary>The id (ULID) of the occurrence.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess($"Event {Name} {Id} of Thing {ThingId} in space {thing.Space}", Strings.ShouldRemoveEvent)) return;
            var (name, id) = (Name, Id);
            var events = connection.Client.Events;
            Send(id, $"{thing.Space}/{ThingId}/{name}/{id}", ct => events.DeleteAsync(thing, name, id, ct));
        }
    }
}
