using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Records an event of a Thing, with its data.</summary>
    [Cmdlet(VerbsCommon.New, "IotEvent", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotEvent.md")]
    [OutputType(typeof(ThingEvent))]
    public sealed class NewIotEventCommand : ThingChildCmdlet
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

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess($"Thing {ThingId} in space {thing.Space}", string.Format(CultureInfo.CurrentCulture, Strings.ShouldCreateEvent, Name))) return;
            ForItem($"{ThingId}/{Name}", () =>
            {
                var data = PlainValue.From(Data);
                WriteObject(Run(ct => connection.Client.Events.CreateAsync(thing, Name, data, ct)));
            });
        }
    }
}
