using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Turns Things into flat rows for Export-Csv and spreadsheets: Type and Categories joined, Model and ModelVersion, and
    /// one Status.&lt;property&gt; column per property value. Import-Csv | New-IotThing reads the rows back into the same Things.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "IotFlatThing", HelpUri = HelpUris.Cmdlets + "ConvertTo-IotFlatThing.md")]
    [OutputType(typeof(PSObject))]
    public sealed class ConvertToIotFlatThingCommand : PSCmdlet
    {
        private readonly List<Thing> _things = new List<Thing>();
        private readonly List<string> _names = new List<string>();
        private readonly HashSet<string> _seen = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>Things from Get-IotThing.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Thing[] InputObject { get; set; }

        /// <summary>The property values to write as columns, in this order; default: every property any input Thing has (the rows are written at the end).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] PropertyName { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var thing in InputObject)
            {
                // With -PropertyName the columns are known: write each row now. Without, every row needs every Thing's
                // property names (Export-Csv takes its columns from the first row), so the rows wait for the last Thing.
                if (PropertyName != null)
                {
                    WriteObject(FlatThing.ToRow(thing, PropertyName));
                    continue;
                }
                _things.Add(thing);
                foreach (var name in FlatThing.PropertyNames(thing).Where(_seen.Add)) _names.Add(name);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            foreach (var thing in _things) WriteObject(FlatThing.ToRow(thing, _names));
        }
    }
}
