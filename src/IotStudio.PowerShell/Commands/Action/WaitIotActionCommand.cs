using System;
using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Waits until action requests reach a final status (completed, failed, cancelled) and writes them.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "IotAction", HelpUri = HelpUris.Cmdlets + "Wait-IotAction.md")]
    [OutputType(typeof(ThingAction))]
    public sealed class WaitIotActionCommand : ThingChildCmdlet
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

        /// <summary>How long to wait for each request, in seconds (default 300); 0 checks once.</summary>
        [Parameter]
        [ValidateRange(0.0, 86400.0)]
        public double TimeoutSec { get; set; } = 300;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            ForItem(Id, () =>
            {
                var last = Run(ct => connection.Client.Actions.WaitAsync(thing, Name, Id, TimeSpan.FromSeconds(TimeoutSec), ct));
                if (last.IsFinal)
                {
                    WriteObject(last);
                    return;
                }
                var message = string.Format(CultureInfo.CurrentCulture, Strings.ActionWaitTimeout, Name, Id, ThingId, last.Status, TimeoutSec);
                WriteError(new ErrorRecord(new TimeoutException(message), "ActionWaitTimeout", ErrorCategory.OperationTimeout, last)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = Strings.ActionWaitTimeoutAction },
                });
            });
        }
    }
}
