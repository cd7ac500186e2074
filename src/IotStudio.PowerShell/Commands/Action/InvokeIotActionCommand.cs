using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Requests an action of a Thing; pipe the request to Wait-IotAction to wait for its end.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IotAction", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "Invoke-IotAction.md")]
    [OutputType(typeof(ThingAction))]
    public sealed class InvokeIotActionCommand : ThingChildCmdlet, IThrottledCmdlet
    {
        /// <summary>The action to request.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ActionNameCompleter))]
        public string Name { get; set; }

        /// <summary>The action's input: number, string, boolean, array or hashtable; none sends an empty request.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public object Input { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess(ThingInSpace(thing.Space), string.Format(CultureInfo.CurrentCulture, Strings.ShouldInvokeAction, Name))) return;
            var target = $"{ThingId}/{Name}";
            ForItem(target, () =>
            {
                var (name, input) = (Name, PlainValue.From(Input));
                var actions = connection.Client.Actions;
                Send(target, $"{thing.Space}/{target}", ct => actions.CreateAsync(thing, name, input, ct), WriteObject);
            });
        }
    }
}
