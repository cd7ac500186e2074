using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Reports the progress or end of an action request, as the device or back end that carries it out does.</summary>
    [Cmdlet(VerbsCommon.Set, "IotAction", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Status, HelpUri = HelpUris.Cmdlets + "Set-IotAction.md")]
    [OutputType(typeof(ThingAction))]
    public sealed class SetIotActionCommand : ThingChildCmdlet, IThrottledCmdlet
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

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            var what = Status == null ? Strings.ShouldSetActionOutput : string.Format(CultureInfo.CurrentCulture, Strings.ShouldSetActionStatus, Status);
            if (!ShouldProcess(ItemOfThingInSpace("Action", Name, Id, thing.Space), what)) return;
            ForItem(Id, () =>
            {
                var (name, id, status, output) = (Name, Id, Status, PlainValue.From(Output));
                var actions = connection.Client.Actions;
                Send(id, $"{thing.Space}/{ThingId}/{name}/{id}", ct => actions.UpdateAsync(thing, name, id, status, output, ct), updated =>
                {
                    if (PassThru) WriteObject(updated);
                });
            });
        }
    }
}
