using System.Collections.Generic;
using System.Threading;

namespace IotStudio.Paging
{
    /// <summary>What every <see cref="IPager{T}"/> can do.</summary>
    public static class PagerExtensions
    {
        /// <summary>All remaining items, batch by batch, fetched as the enumeration reaches them.</summary>
        public static IEnumerable<T> Enumerate<T>(this IPager<T> pager, CancellationToken ct)
        {
            while (pager.HasMore)
            {
                var items = pager.NextPageAsync(ct).GetAwaiter().GetResult();
                foreach (var item in items) yield return item;
            }
        }
    }
}
