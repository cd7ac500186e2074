using System;
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
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ParameterSets.List) List(null);
            else foreach (var name in Name) GetOne(name);
        }

        private void List(WildcardPattern pattern)
        {
            var (connection, space) = Target();
            Predicate<ThingModel> filter = null;
            if (pattern != null) filter = m => pattern.IsMatch(m.Name ?? "");
            ForItem(pattern == null ? space : (object)pattern.ToString(), () =>
                StreamPages(cap => connection.Client.Models.List(space, GivenPageSize, cap), filter));
        }

        private void GetOne(string name)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                List(new WildcardPattern(name, WildcardOptions.IgnoreCase));
                return;
            }
            var (connection, space) = Target();
            ForItem(name, () => WriteObject(Run(ct => connection.Client.Models.GetAsync(space, name, ct))));
        }
    }
}
