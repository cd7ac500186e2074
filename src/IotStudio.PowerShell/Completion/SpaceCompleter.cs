using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes the spaces seen in this session: those of its connections and those given with -Space; no request.</summary>
    public sealed class SpaceCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r) =>
            r.Results(SeenSpaces.All().Concat(ConnectionStore.Available().Select(c => c.Space)).Where(s => !string.IsNullOrEmpty(s))
                .Select(s => new CompletionItem(s)));
    }
}
