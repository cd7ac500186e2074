using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>
    /// What the completers read from the service, cached per connection for a short while, so that pressing Tab again
    /// sends nothing. A read gets <see cref="Timeout"/> and is then abandoned (and cancelled); a failed or timed-out read
    /// is remembered as empty for <see cref="FailureTtl"/>, so a dead service does not slow every Tab.
    /// </summary>
    internal static class CompletionCache
    {
        /// <summary>How long a value list is reused.</summary>
        public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
        /// <summary>How long a failed read counts as an empty list.</summary>
        public static readonly TimeSpan FailureTtl = TimeSpan.FromSeconds(5);
        /// <summary>The most a completion waits for the service.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(700);

        private static readonly IReadOnlyList<CompletionItem> None = new CompletionItem[0];

        private sealed class Entry
        {
            public DateTime Expires;
            public IReadOnlyList<CompletionItem> Items;
        }

        private static readonly ConditionalWeakTable<IotStudioConnection, Dictionary<string, Entry>> PerConnection =
            new ConditionalWeakTable<IotStudioConnection, Dictionary<string, Entry>>();

        /// <summary>The cached list for <paramref name="key"/>, else the result of one bounded <paramref name="fetch"/>.</summary>
        public static IReadOnlyList<CompletionItem> Get(IotStudioConnection connection, string key, Func<CancellationToken, Task<IReadOnlyList<CompletionItem>>> fetch)
        {
            var entries = PerConnection.GetOrCreateValue(connection);
            lock (entries)
            {
                if (entries.TryGetValue(key, out var cached) && cached.Expires > DateTime.UtcNow) return cached.Items;
            }
            var items = Fetch(fetch);
            lock (entries)
            {
                entries[key] = new Entry { Expires = DateTime.UtcNow + (items == null ? FailureTtl : Ttl), Items = items ?? None };
            }
            return items ?? None;
        }

        // Null when the read failed or did not finish in time. The source is cancelled, not disposed: the abandoned
        // read may still be looking at its token.
        private static IReadOnlyList<CompletionItem> Fetch(Func<CancellationToken, Task<IReadOnlyList<CompletionItem>>> fetch)
        {
            var cancel = new CancellationTokenSource(Timeout);
            var task = Task.Run(() => fetch(cancel.Token));
            try
            {
                if (task.Wait(Timeout)) return task.Result;
            }
            catch (AggregateException)
            {
                // Failed: offer nothing rather than an error at the prompt.
                return null;
            }
            cancel.Cancel();
            task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            return null;
        }
    }
}
