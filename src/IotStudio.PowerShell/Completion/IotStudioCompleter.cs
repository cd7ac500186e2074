using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>
    /// Base of the module's argument completers. A completer asks the service at most once per Tab (one page, cached
    /// per connection, <see cref="CompletionCache.Timeout"/> at most), and never writes an error or prompts: anything
    /// that goes wrong offers nothing.
    /// </summary>
    public abstract class IotStudioCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return Complete(new CompletionRequest(wordToComplete, commandAst, fakeBoundParameters)).ToList();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException || ex is StackOverflowException))
            {
                // Tab must never put an error at the prompt: a failure offers nothing (PowerShell then offers nothing either).
                return new List<CompletionResult>();
            }
        }

        internal abstract IEnumerable<CompletionResult> Complete(CompletionRequest request);
    }
}
