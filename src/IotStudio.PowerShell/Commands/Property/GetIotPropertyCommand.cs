using System;
using System.Collections.Specialized;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets a Thing's property values, one object per property.</summary>
    [Cmdlet(VerbsCommon.Get, "IotProperty", HelpUri = HelpUris.Cmdlets + "Get-IotProperty.md")]
    [OutputType(typeof(PropertyValue), typeof(OrderedDictionary))]
    public sealed class GetIotPropertyCommand : ThingChildCmdlet
    {
        /// <summary>Only these properties (one request each); default: all in one request.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PropertyNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>Write one ordered dictionary (name → value) per Thing instead of one object per property.</summary>
        [Parameter]
        public SwitchParameter AsHashtable { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            if (Name == null)
            {
                ForItem(ThingId, () => Emit(Run(ct => connection.Client.Properties.GetAsync(thing, ct))));
                return;
            }
            // With -AsHashtable the named values of one Thing are gathered into one dictionary, as without -Name.
            var merged = AsHashtable ? new OrderedDictionary(StringComparer.OrdinalIgnoreCase) : null;
            foreach (var name in Name)
            {
                ForItem($"{ThingId}/{name}", () =>
                {
                    var values = Run(ct => connection.Client.Properties.GetOneAsync(thing, name, ct));
                    if (merged == null) Emit(values);
                    else foreach (System.Collections.DictionaryEntry kv in values.Values) merged[kv.Key] = kv.Value;
                });
            }
            if (merged != null && merged.Count > 0) WriteObject(merged);
        }

        private void Emit(PropertyValues values)
        {
            if (AsHashtable) WriteObject(values.Values);
            else foreach (var row in values.ToRows()) WriteObject(row);
        }
    }
}
