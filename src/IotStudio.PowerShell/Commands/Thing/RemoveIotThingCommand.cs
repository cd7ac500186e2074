using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Deletes Things by id, or every Thing matching a filter (which must not be empty).</summary>
    [Cmdlet(VerbsCommon.Remove, "IotThing", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ParameterSets.ById, HelpUri = HelpUris.Cmdlets + "Remove-IotThing.md")]
    [OutputType(typeof(string))]
    public sealed class RemoveIotThingCommand : IotStudioSpaceCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The Things' ids.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Uid")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ThingIdCompleter))]
        public string[] ThingId { get; set; }

        /// <summary>Use the Category's path (the Thing must be in it).</summary>
        [Parameter(ParameterSetName = ParameterSets.ById)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string Category { get; set; }

        /// <summary>Filter: Things of this @type.</summary>
        [Parameter(ParameterSetName = ParameterSets.ByFilter)]
        [ValidateNotNullOrEmpty]
        public string Type { get; set; }

        /// <summary>Filter: Things in any of these Categories.</summary>
        [Parameter(ParameterSetName = ParameterSets.ByFilter)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string[] InCategory { get; set; }

        /// <summary>Filter: property conditions, as for Get-IotThing.</summary>
        [Parameter(ParameterSetName = ParameterSets.ByFilter)]
        public Hashtable PropertyFilter { get; set; }

        /// <summary>Filter: raw query parameters.</summary>
        [Parameter(ParameterSetName = ParameterSets.ByFilter)]
        public Hashtable Query { get; set; }

        /// <summary>Write the ids of the deleted Things.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (ParameterSetName != ParameterSets.ByFilter) return;
            var filter = Filter();
            var problem = ThingFilterCheck.OperatorProblem(filter.PropertyFilter);
            if (problem != null) ThrowTerminatingError(problem);
            var unsupported = filter.UnsupportedDeleteKeys();
            if (unsupported.Count > 0)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(
                    string.Format(CultureInfo.CurrentCulture, Strings.UnsupportedDeleteFilter, string.Join("', '", unsupported))),
                    "UnsupportedDeleteFilter", ErrorCategory.InvalidArgument, Query));
            if (!filter.IsDeleteFilter())
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(Strings.FilterRequired), "FilterRequired", ErrorCategory.InvalidArgument, null));
        }

        private ThingQuery Filter() => new ThingQuery
        {
            Type = Type,
            InCategories = InCategory,
            PropertyFilter = PlainValue.Map(PropertyFilter),
            Extra = PlainValue.Map(Query),
        };

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            if (ParameterSetName == ParameterSets.ByFilter)
            {
                var filter = Filter();
                var text = filter.Describe();
                if (!ShouldProcess(InSpace(text, space), Strings.ShouldRemoveThings)) return;
                CheckCategoriesExist(connection, space, InCategory);
                ForItem(text, () =>
                {
                    var deleted = Run(ct => connection.Client.Things.DeleteWhereAsync(space, filter, ct));
                    WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.DeletedThings, deleted.Length, text));
                    if (PassThru) foreach (var uid in deleted) WriteObject(uid);
                });
                return;
            }
            foreach (var id in ThingId)
            {
                if (!ShouldProcess(InSpace(id, space), Strings.ShouldRemoveThing)) continue;
                var path = new ThingPath(space, id, Category);
                var things = connection.Client.Things;
                Send(id, space + "/" + id, ct => things.DeleteAsync(path, ct), () =>
                {
                    if (PassThru) WriteObject(id);
                });
            }
        }
    }
}
