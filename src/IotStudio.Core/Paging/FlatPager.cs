using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace IotStudio.Paging
{
    /// <summary>
    /// A pager whose items each stand for several: every page of the inner pager is expanded, in order, into the
    /// items it holds (a history item with several properties into one value per property). Requests are those of the
    /// inner pager, one per page, only when asked for.
    /// </summary>
    public sealed class FlatPager<TSource, T> : IPager<T>
    {
        private readonly IPager<TSource> _inner;
        private readonly Func<TSource, IEnumerable<T>> _expand;

        /// <summary>Wraps <paramref name="inner"/>, expanding each of its items with <paramref name="expand"/>.</summary>
        public FlatPager(IPager<TSource> inner, Func<TSource, IEnumerable<T>> expand)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _expand = expand ?? throw new ArgumentNullException(nameof(expand));
        }

        /// <inheritdoc />
        public bool HasMore => _inner.HasMore;
        /// <inheritdoc />
        public int PagesFetched => _inner.PagesFetched;

        /// <inheritdoc />
        public async Task<IReadOnlyList<T>> NextPageAsync(CancellationToken ct)
        {
            var page = await _inner.NextPageAsync(ct).ConfigureAwait(false);
            var items = new List<T>(page.Count);
            foreach (var source in page) items.AddRange(_expand(source));
            return items;
        }
    }
}
