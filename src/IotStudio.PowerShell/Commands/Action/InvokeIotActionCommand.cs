using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Requests an action of a Thing; pipe the request to Wait-IotAction to wait for its end.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IotAction", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "Invoke-IotAction.md")]
    [OutputType(typeof(ThingAction))]
    public sealed class InvokeIotActionCommand : ThingChildCmdlet
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

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess($"Thing {ThingId} in space {thing.Space}", string.Format(CultureInfo.CurrentCulture, Strings.ShouldInvokeAction, Name))) return;
            ForItem($"{ThingId}/{Name}", () =>
            {
                var input = PlainValue.From(Input);
                WriteObject(Run(ct => connection.Client.Actions.CreateAsync(thing, Name, input, ct)));
            });
        }
    }
}
