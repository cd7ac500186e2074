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
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
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
                var fields = BoundFields();
                // Given, -Category replaces the categories of -InputObject; empty (or a piped Thing's null) leaves none.
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Category))) fields.Categories = Category;
                var document = InputObject == null ? null : PlainValue.Map(InputObject.BaseObject is Thing thing ? thing.ToUpdateBody(includeCategories: true) : InputObject);
                WriteObject(Run(ct => connection.Client.Things.CreateAsync(space, document, fields, null, ct)));
            });
        }
    }
}
