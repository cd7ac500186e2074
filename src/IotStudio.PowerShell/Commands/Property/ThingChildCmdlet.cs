using System.Management.Automation;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Base of the cmdlets that work on something inside one Thing (properties now; actions, events and history
    /// later): the Thing's id bound by property name from a Thing, and the optional category-scoped path.
    /// </summary>
    public abstract class ThingChildCmdlet : IotStudioSpaceCmdlet
    {
        /// <summary>The Thing's id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Uid", "Id")]
        [ValidateNotNullOrEmpty]
        public string ThingId { get; set; }

        /// <summary>Use the Category's path (the Thing must be in it).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Category { get; set; }
    }
}
