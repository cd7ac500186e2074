using System.Globalization;
using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Base of every cmdlet that works on something inside one Thing (properties, history, actions, events, MQTT
    /// credentials, its secret): the Thing's id bound by property name from a Thing (or anything with a ThingId),
    /// the space from the piped object, and -Category for the category-scoped path. Core gets one <see cref="ThingPath"/>.
    /// </summary>
    public abstract class ThingChildCmdlet : IotStudioSpaceCmdlet
    {
        /// <summary>The Thing's id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Uid")]
        [PipelineSource(typeof(Thing))]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ThingIdCompleter))]
        public virtual string ThingId { get; set; }

        /// <summary>Use the Category's path (the Thing must be in it).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public virtual string Category { get; set; }

        /// <summary>The target -WhatIf and -Confirm name for a change to the Thing: "Thing id in space S".</summary>
        protected string ThingInSpace(string space) => InSpace(string.Format(CultureInfo.CurrentCulture, Strings.TargetThing, ThingId), space);

        /// <summary>The target for a change to one action request or event occurrence of the Thing.</summary>
        protected string ItemOfThingInSpace(string kind, string name, string id, string space) =>
            InSpace(string.Format(CultureInfo.CurrentCulture, Strings.TargetOfThing, kind, name, id, ThingId), space);

        /// <summary>The connection and the Thing's path, or a terminating error when there is no connection or space.</summary>
        protected (IotStudioConnection Connection, ThingPath Thing) ThingTarget()
        {
            var (connection, space) = Target();
            return (connection, new ThingPath(space, ThingId, Category));
        }
    }
}
