using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Http;
using IotStudio.Paging;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Base of Get-IotAction and Get-IotEvent: a Thing's items of one kind, all of them or one name's (streamed page by
    /// page), or one by -Name and -Id. Each cmdlet declares -Name (its help and name completer) and passes its API calls to
    /// <see cref="Process{T}"/>.
    /// </summary>
    public abstract class GetInteractionCmdlet : ThingChildCmdlet
    {
        /// <summary>The action or event name: only its items, or the one named by -Id.</summary>
        public abstract string Name { get; set; }

        /// <summary>The id (ULID) of one item of the action or event named by -Name.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ParameterSets.ById, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        [Parameter(ParameterSetName = ParameterSets.ByName)]
        [ValidateRange(1, CursorPager<object>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<object>.DefaultPageSize;

        private ulong _byIdSeen, _byIdWritten;

        /// <summary>
        /// Writes the item -Name and -Id name (<paramref name="get"/>), or streams the list of -Name's items
        /// (<paramref name="listByName"/>) or of all (<paramref name="list"/>), writing those <paramref name="filter"/> keeps.
        /// The cmdlet passes its API calls here, so that no Core type is part of its own signature: the module imports
        /// without loading Core.
        /// </summary>
        protected void Process<T>(Func<IotStudioClient, ThingPath, CancellationToken, Task<T>> get,
            Func<IotStudioClient, ThingPath, long?, IPager<T>> list, Func<IotStudioClient, ThingPath, long?, IPager<T>> listByName,
            Predicate<T> filter = null)
        {
            var (connection, thing) = ThingTarget();
            var client = connection.Client;
            switch (ParameterSetName)
            {
                case ParameterSets.ById:
                    // -Skip and -First count across every id in the pipeline; no request once -First is met.
                    if (_byIdWritten >= PagingParameters.First) return;
                    ForItem(Id, () =>
                    {
                        var item = Run(ct => get(client, thing, ct));
                        if (_byIdSeen++ < PagingParameters.Skip) return;
                        WriteObject(item);
                        _byIdWritten++;
                    });
                    break;
                case ParameterSets.ByName:
                    ForItem($"{ThingId}/{Name}", () => StreamPages(cap => listByName(client, thing, cap), filter));
                    break;
                default:
                    ForItem(ThingId, () => StreamPages(cap => list(client, thing, cap), filter));
                    break;
            }
        }
    }
}
