using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes Category names: one page of the space's Categories.</summary>
    public sealed class CategoryNameCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r) => r.Results(ServiceLists.Categories(r));
    }
}
