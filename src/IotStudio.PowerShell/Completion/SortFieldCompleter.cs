using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes the -Sort fields of a Thing list, ascending (title) and descending (-title); no request.</summary>
    public sealed class SortFieldCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r)
        {
            var sign = r.Word.StartsWith("+") ? "+" : "";
            return r.Results(ThingQuery.SortFields.SelectMany(f => new[]
            {
                new CompletionItem(sign + f, f + ", ascending"),
                new CompletionItem("-" + f, f + ", descending"),
            }));
        }
    }
}
