using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes action requests of a Thing.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotAction.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotActionCommand : ThingChildCmdlet, ISupportsForce
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

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess($"Action {Name} {Id} of Thing {ThingId} in space {thing.Space}", Strings.ShouldRemoveAction)) return;
            ForItem(Id, () => Run(ct => connection.Client.Actions.DeleteAsync(thing, Name, Id, ct)));
        }
    }
}
