using System;
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
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ParameterSets.List) List(null);
            else foreach (var name in Name) GetOne(name);
        }

        private void List(WildcardPattern pattern)
        {
            var (connection, space) = Target();
            Predicate<Category> filter = null;
            if (pattern != null) filter = c => pattern.IsMatch(c.Name ?? "");
            ForItem(pattern == null ? space : (object)pattern.ToString(), () =>
                StreamPages(cap => connection.Client.Categories.List(space, GivenPageSize, cap), filter));
        }

        private void GetOne(string name)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                List(new WildcardPattern(name, WildcardOptions.IgnoreCase));
                return;
            }
            var (connection, space) = Target();
            ForItem(name, () => WriteObject(Run(ct => connection.Client.Categories.GetAsync(space, name, ct))));
        }
    }
}
