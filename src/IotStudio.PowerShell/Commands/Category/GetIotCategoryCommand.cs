using System.Management.Automation;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets Categories: all of them (streamed page by page), by name, or by wildcard.</summary>
    [Cmdlet(VerbsCommon.Get, "IotCategory", DefaultParameterSetName = ParameterSets.List, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotCategory.md")]
    [OutputType(typeof(Category))]
    public sealed class GetIotCategoryCommand : IotStudioSpaceCmdlet
    {
        /// <summary>Category names; wildcards filter the list.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CategoryName")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter]
        [ValidateRange(1, CursorPager<Category>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<Category>.DefaultPageSize;

        /// <inheritdoc />
        protected override void ProcessRecord() => GetByName(ParameterSetName == ParameterSets.List ? null : Name,
            (client, space, cap) => client.Categories.List(space, GivenPageSize, cap), item => item.Name,
            (client, space, name, ct) => client.Categories.GetAsync(space, name, ct));
    }
}
