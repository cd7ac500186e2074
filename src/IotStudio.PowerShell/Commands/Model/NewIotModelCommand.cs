using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates a Model; binds by property name, so Models from another space (or CSV rows) can be copied.</summary>
    [Cmdlet(VerbsCommon.New, "IotModel", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotModel.md")]
    [OutputType(typeof(ThingModel))]
    public sealed class NewIotModelCommand : NewNamedResourceCmdlet
    {
        /// <summary>The new Model's name: 1 to 26 letters, digits, '_', ':' or '-'.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>Free text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Description { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            Create<ThingModel>(Name, Strings.ShouldCreateModel, (client, space) =>
            {
                var (name, description, extra) = (Name, Description, PlainValue.Map(AdditionalProperties));
                var models = client.Models;
                return ct => models.CreateAsync(space, name, description, extra, ct);
            });
        }
    }
}
