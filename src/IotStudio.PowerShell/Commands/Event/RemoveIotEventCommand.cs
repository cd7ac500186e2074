using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes events of a Thing.</summary>
    [Cmdlet(VerbsCommon.Remove, "IotEvent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Remove-IotEvent.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveIotEventCommand : RemoveInteractionCmdlet
    {
        /// <summary>The event's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.EventNameCompleter))]
        public override string Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() =>
            Remove("Event", Strings.ShouldRemoveEvent, (client, thing, name, id, ct) => client.Events.DeleteAsync(thing, name, id, ct));
    }
}
