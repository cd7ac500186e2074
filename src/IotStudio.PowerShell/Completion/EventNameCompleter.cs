using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes event names from the event affordances of the Thing named by -ThingId or piped in.</summary>
    public sealed class EventNameCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r) => r.Results(PipedThing.Names(r).Where(i => i.Kind == AffordanceKind.Event));
    }
}
