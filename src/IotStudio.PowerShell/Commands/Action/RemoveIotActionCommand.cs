using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes action requests of a Thing.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotAction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotAction.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotActionCommand : RemoveInteractionCmdlet
    {
        /// <summary>The action's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ActionNameCompleter))]
        public override string Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() =>
            Remove("Action", Strings.ShouldRemoveAction, (client, thing, name, id, ct) => client.Actions.DeleteAsync(thing, name, id, ct));
    }
}
