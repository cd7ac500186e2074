using System.Management.Automation;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets Models: all of them (streamed page by page, in name order), by name, or by wildcard.</summary>
    [Cmdlet(VerbsCommon.Get, "IotModel", DefaultParameterSetName = ParameterSets.List, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotModel.md")]
    [OutputType(typeof(ThingModel))]
    public sealed class GetIotModelCommand : IotStudioSpaceCmdlet
    {
        /// <summary>Model names; wildcards filter the list.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelName")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter]
        [ValidateRange(1, CursorPager<ThingModel>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<ThingModel>.DefaultPageSize;

        /// <inheritdoc />
        protected override void ProcessRecord() => GetByName(ParameterSetName == ParameterSets.List ? null : Name,
            (client, space, cap) => client.Models.List(space, GivenPageSize, cap), item => item.Name,
            (client, space, name, ct) => client.Models.GetAsync(space, name, ct));
    }
}
