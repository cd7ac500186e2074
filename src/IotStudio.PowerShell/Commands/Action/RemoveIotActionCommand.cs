using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes action requests of a Thing.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotAction.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotActionCommand : ThingChildCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The action's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ActionNameCompleter))]
        public string Name { get; set; }

        /// <summary>The id (ULID) of the request.</summary>
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
            if (!ShouldProcess($"Action {Name} {Id} of Thing {ThingId} in space {thing.Space}", Strings.ShouldRemoveAction)) return;
            var (name, id) = (Name, Id);
            var actions = connection.Client.Actions;
            Send(id, $"{thing.Space}/{ThingId}/{name}/{id}", ct => actions.DeleteAsync(thing, name, id, ct));
        }
    }
}
