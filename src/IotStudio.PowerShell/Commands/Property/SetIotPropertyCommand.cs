using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Sets property values of a Thing: one with -Name/-Value, or several at once with -Values.</summary>
    [Cmdlet(VerbsCommon.Set, "IotProperty", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Single, HelpUri = HelpUris.Cmdlets + "Set-IotProperty.md")]
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

        /// <summary>Send a -Value that comes from the pipeline as text (a CSV cell) as a string, instead of reading "3.5", "true", "null" or JSON text as that value.</summary>
        [Parameter]
        public SwitchParameter AsString { get; set; }

        private bool _valueOnCommandLine;

        /// <inheritdoc />
        protected override void BeginProcessing() => _valueOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Value));

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
                // A value from the pipeline is text when it comes from Import-Csv and the like: read it as JSON text (see
                // PlainValue.FromText). A value given on the command line, or from the module's own objects, is already typed.
                var fromText = !_valueOnCommandLine && !AsString && PipelineInput.ModuleType(PipelineInput.Current(this)) == null;
                var value = fromText ? PlainValue.FromText(Value) : PlainValue.From(Value);
                Emit(Run(ct => connection.Client.Properties.SetOneAsync(thing, Name, value, !NoHistory, ct)));
            });
        }

        private void Emit(PropertyValues stored)
        {
            if (PassThru) foreach (var row in stored.ToRows()) WriteObject(row);
        }
    }
}
