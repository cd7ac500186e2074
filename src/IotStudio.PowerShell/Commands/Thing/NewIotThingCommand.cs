using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates a Thing; binds by property name, so Import-Csv rows become Things.</summary>
    [Cmdlet(VerbsCommon.New, "IotThing", SupportsShouldProcess = true)]
    [OutputType(typeof(Thing))]
    public sealed class NewIotThingCommand : ThingFieldsCmdlet, IThrottledCmdlet
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

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

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
                var things = connection.Client.Things;
                Send(label, ct => things.CreateAsync(space, document, fields, null, ct), WriteObject);
            });
        }
    }
}
