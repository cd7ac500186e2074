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
        [AllowNull]
        [AllowEmptyCollection]
        public string[] Category { get; set; }

        /// <summary>A whole Thing Description (hashtable or object); the other parameters override its fields.</summary>
        [Parameter]
        public PSObject InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            var label = Title ?? (InputObject?.BaseObject as Thing)?.Title ?? "(untitled)";
            if (!ShouldProcess($"'{label}' in space {space}", Strings.ShouldCreateThing)) return;
            ForItem(label, () =>
            {
                var body = InitialBody();
                ApplyFields(body);
                // Given, -Category replaces the categories of -InputObject; empty (or a piped Thing's null) leaves none.
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Category)))
                {
                    if (Category != null && Category.Length > 0) body["categories"] = Category;
                    else body.Remove("categories");
                }
                WriteObject(Run(ct => connection.Client.Things.CreateAsync(space, body, null, ct)));
            });
        }

        private OrderedDictionary InitialBody()
        {
            if (InputObject == null) return new OrderedDictionary();
            // A Thing from another space or service: send its description in the API's field names, without its identity.
            if (InputObject.BaseObject is Thing thing)
            {
                var body = PlainValue.Map(thing.ToUpdateBody(includeCategories: true));
                body.Remove("uid");
                body.Remove("id");
                return body;
            }
            return PlainValue.Map(InputObject);
        }
    }
}
