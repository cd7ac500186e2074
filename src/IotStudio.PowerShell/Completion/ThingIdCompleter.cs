using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes Thing ids from one page of Things (of -Category when typed); a title typed finds its id, the tooltip shows it.</summary>
    public sealed class ThingIdCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r) => r.Results(ServiceLists.Things(r));
    }
}
