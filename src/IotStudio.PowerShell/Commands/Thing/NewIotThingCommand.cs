using System.Collections.Specialized;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates a Thing; binds by property name, so Import-Csv rows become Things.</summary>
    [Cmdlet(VerbsCommon.New, "IotThing", SupportsShouldProcess = true)]
    [OutputType(typeof(Thing))]
    public sealed class NewIotThingCommand : ThingFieldsCmdlet
    {
        /// <summary>Categories the Thing joins (the body's categories).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Categories")]
        [ValidateNotNullOrEmpty]
        public string[] Category { get; set; }

        /// <summary>A whole Thing Description (hashtable or object); the other parameters override its fields.</summary>
        [Parameter]
        public PSObject InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            var body = InputObject == null ? new OrderedDictionary() : PlainValue.Map(InputObject);
            ApplyFields(body);
            if (Category != null) body["categories"] = Category;
            var label = Title ?? body["title"] as string ?? "(untitled)";
            if (!ShouldProcess($"'{label}' in space {space}", Strings.ShouldCreateThing)) return;
            ForItem(label, () => WriteObject(Run(ct => connection.Client.Things.CreateAsync(space, body, null, ct))));
        }
    }
}
