using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Sets property values of a Thing: one with -Name/-Value, or several at once with -Values.</summary>
    [Cmdlet(VerbsCommon.Set, "IotProperty", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Single)]
    [OutputType(typeof(PropertyValue))]
    public sealed class SetIotPropertyCommand : ThingChildCmdlet
    {
        /// <summary>The property to set.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.Single, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PropertyNameCompleter))]
        public string Name { get; set; }

        /// <summary>Its new value: number, string, boolean, $null, array or hashtable.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ParameterSets.Single, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public object Value { get; set; }

        /// <summary>Several values at once: @{ setpoint = 21; mode = 'eco' }.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Map)]
        [ValidateNotNull]
        public Hashtable Values { get; set; }

        /// <summary>Keep these values out of the properties history (update_history=false).</summary>
        [Parameter]
        public SwitchParameter NoHistory { get; set; }

        /// <summary>Write the values the service stored.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            var space = thing.Space;
            if (ParameterSetName == ParameterSets.Map)
            {
                if (Values.Count == 0) ThrowItemError(new PSArgumentException(Strings.ValuesEmpty), ThingId);
                var what = string.Join(", ", Values.Keys.Cast<object>().Select(k => k.ToString()));
                if (!ShouldProcess($"Thing {ThingId} in space {space}", string.Format(CultureInfo.CurrentCulture, Strings.ShouldSetProperty, what))) return;
                ForItem(ThingId, () =>
                {
                    var map = PlainValue.Map(Values);
                    Emit(Run(ct => connection.Client.Properties.SetAsync(thing, map, !NoHistory, ct)));
                });
                return;
            }
            if (!ShouldProcess($"Thing {ThingId} in space {space}", string.Format(CultureInfo.CurrentCulture, Strings.ShouldSetProperty, Name))) return;
            ForItem($"{ThingId}/{Name}", () =>
            {
                var value = PlainValue.From(Value);
                Emit(Run(ct => connection.Client.Properties.SetOneAsync(thing, Name, value, !NoHistory, ct)));
            });
        }

        private void Emit(PropertyValues stored)
        {
            if (PassThru) foreach (var row in stored.ToRows()) WriteObject(row);
        }
    }
}
