using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Records an event of a Thing, with its data.</summary>
    [Cmdlet(VerbsCommon.New, "IotEvent", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotEvent.md")]
    [OutputType(typeof(ThingEvent))]
    public sealed class NewIotEventCommand : ThingChildCmdlet, IThrottledCmdlet
    {
        /// <summary>The event's name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.EventNameCompleter))]
        public string Name { get; set; }

        /// <summary>The event's data: number, string, boolean, array or hashtable; none records the event without data.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public object Data { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess(ThingInSpace(thing.Space), string.Format(CultureInfo.CurrentCulture, Strings.ShouldCreateEvent, Name))) return;
            var target = $"{ThingId}/{Name}";
            ForItem(target, () =>
            {
                var (name, data) = (Name, PlainValue.From(Data));
                var events = connection.Client.Events;
                Send(target, $"{thing.Space}/{target}", ct => events.CreateAsync(thing, name, data, ct), WriteObject);
            });
        }
    }
}
