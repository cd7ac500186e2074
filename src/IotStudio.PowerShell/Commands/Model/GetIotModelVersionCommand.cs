using System.Globalization;
using System.Management.Automation;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets the versions of a Model: all of them (streamed page by page, oldest first), or some by number.</summary>
    [Cmdlet(VerbsCommon.Get, "IotModelVersion", DefaultParameterSetName = ParameterSets.List, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotModelVersion.md")]
    [OutputType(typeof(ThingModelVersion))]
    public sealed class GetIotModelVersionCommand : IotStudioSpaceCmdlet
    {
        /// <summary>The Model's name; binds from a piped Model's Name or a piped version's Model.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "ModelName")]
        [ModelName]
        [PipelineSource(typeof(ThingModel), typeof(ModelDescription), typeof(Category), typeof(Thing))]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string Model { get; set; }

        /// <summary>Version numbers to read, one request each.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.ByVersion, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, long.MaxValue)]
        public long[] Version { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        [ValidateRange(1, CursorPager<ThingModelVersion>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<ThingModelVersion>.DefaultPageSize;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            if (ParameterSetName == ParameterSets.List)
            {
                ForItem(Model, () => StreamPages(cap => connection.Client.Models.ListVersions(space, Model, GivenPageSize, cap)));
                return;
            }
            foreach (var version in Version)
            {
                var number = version;
                ForItem(Model + "/" + number.ToString(CultureInfo.InvariantCulture), () =>
                    WriteObject(Run(ct => connection.Client.Models.GetVersionAsync(space, Model, number, ct))));
            }
        }
    }
}
