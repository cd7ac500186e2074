using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes Thing titles from one page of Things (of -Category when typed).</summary>
    public sealed class ThingTitleCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r) => r.Results(ServiceLists.Things(r).Where(i => !string.IsNullOrEmpty(i.AlsoMatches)).Select(i => new CompletionItem(i.AlsoMatches, i.AlsoMatches + " (" + i.Value + ")")));
    }
}
