using System.Collections;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates a Model; binds by property name, so Models from another space (or CSV rows) can be copied.</summary>
    [Cmdlet(VerbsCommon.New, "IotModel", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotModel.md")]
    [OutputType(typeof(ThingModel))]
    public sealed class NewIotModelCommand : IotStudioSpaceCmdlet, IThrottledCmdlet
    {
        /// <summary>The new Model's name: 1 to 26 letters, digits, '_', ':' or '-'.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>Free text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Description { get; set; }

        /// <summary>Other body fields, sent as given.</summary>
        [Parameter]
        public Hashtable AdditionalProperties { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            if (!ShouldProcess($"{Name} in space {space}", Strings.ShouldCreateModel)) return;
            ForItem(Name, () =>
            {
                var (name, description, extra) = (Name, Description, PlainValue.Map(AdditionalProperties));
                var models = connection.Client.Models;
                Send(name, space + "/" + name, ct => models.CreateAsync(space, name, description, extra, ct), WriteObject);
            });
        }
    }
}
