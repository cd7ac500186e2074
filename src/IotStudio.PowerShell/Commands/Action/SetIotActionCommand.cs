using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Reports the progress or end of an action request, as the device or back end that carries it out does.</summary>
    [Cmdlet(VerbsCommon.Set, "IotAction", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Status, HelpUri = HelpUris.Cmdlets + "Set-IotAction.md")]
    [OutputType(typeof(ThingAction))]
    public sealed class SetIotActionCommand : ThingChildCmdlet
    {
        /// <summary>The action's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ActionNameCompleter))]
        public string Name { get; set; }

        /// <summary>The id (ULID) of the request.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        /// <summary>The new status, such as running, completed or failed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Status)]
        [Parameter(ParameterSetName = ParameterSets.Output)]
        [ValidateNotNullOrEmpty]
        public string Status { get; set; }

        /// <summary>The action's output: number, string, boolean, array or hashtable.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Output)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public object Output { get; set; }

        /// <summary>Write the updated request.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            var what = Status == null ? Strings.ShouldSetActionOutput : string.Format(CultureInfo.CurrentCulture, Strings.ShouldSetActionStatus, Status);
            if (!ShouldProcess($"Action {Name} {Id} of Thing {ThingId} in space {thing.Space}", what)) return;
            ForItem(Id, () =>
            {
                var output = PlainValue.From(Output);
                var updated = Run(ct => connection.Client.Actions.UpdateAsync(thing, Name, Id, Status, output, ct));
                if (PassThru) WriteObject(updated);
            });
        }
    }
}
