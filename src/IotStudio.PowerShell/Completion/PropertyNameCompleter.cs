using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes property names of the Thing named by -ThingId or piped in (its property affordances and current values).</summary>
    public sealed class PropertyNameCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r) => r.Results(PipedThing.Names(r).Where(i => i.Kind == AffordanceKind.Property));
    }
}
