using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using IotStudio.Auth;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>Completes the OAuth2 scopes the API documents; no request.</summary>
    public sealed class ScopeCompleter : IotStudioCompleter
    {
        internal override IEnumerable<CompletionResult> Complete(CompletionRequest r) =>
            r.Results(ClientCredentials.KnownScopes.Select(s => new CompletionItem(s, s + " scope")));
    }
}
