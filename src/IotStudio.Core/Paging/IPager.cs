using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace IotStudio.Paging
{
    /// <summary>
    /// A list read lazily, one batch per request, only when the caller asks: cursor pages and query-cursor batches
    /// both come this way, so every list cmdlet streams, stops early and cancels through one path.
    /// </summary>
    public interface IPager<T>
    {
        /// <summary>False once the last batch was read or the cap was reached.</summary>
        bool HasMore { get; }
        /// <summary>Requests sent so far.</summary>
        int PagesFetched { get; }
        /// <summary>Fetches the next batch; empty when there is none.</summary>
        Task<IReadOnlyList<T>> NextPageAsync(CancellationToken ct);
    }
}
