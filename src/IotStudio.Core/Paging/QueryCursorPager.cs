using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.Paging
{
    /// <summary>
    /// Reads a query's results batch by batch, only when the caller asks: the first <see cref="NextPageAsync"/> creates the
    /// cursor, each later one reads its next batch. With a cap, the first batch asks for no more than the cap and no batch
    /// is asked for once the cap is reached. A cursor that expired between batches throws
    /// <see cref="Http.IotStudioCursorExpiredException"/>.
    /// </summary>
    public sealed class QueryCursorPager : IPager<object>, ICountedPager
    {
        private readonly QueryApi _api;
        private readonly string _space;
        private readonly QueryRequest _request;
        private long _delivered;

        internal QueryCursorPager(QueryApi api, string space, QueryRequest request, long? maxItems)
        {
            if (maxItems.HasValue && maxItems.Value < 0) throw new ArgumentOutOfRangeException(nameof(maxItems));
            _api = api;
            _space = space;
            _request = request;
            MaxItems = maxItems;
            HasMore = !maxItems.HasValue || maxItems.Value > 0;
        }

        /// <summary>The most items this pager yields, or null for all.</summary>
        public long? MaxItems { get; }
        /// <summary>False once the last batch was read or the cap was reached.</summary>
        public bool HasMore { get; private set; }
        /// <summary>Requests sent so far.</summary>
        public int PagesFetched { get; private set; }
        /// <summary>The cursor the next batch is read from, once the first batch is in.</summary>
        public string CursorId { get; private set; }
        /// <summary>Every result of the query, once the first batch is in, when the request asked to count.</summary>
        public long? TotalCount { get; private set; }

        /// <summary>Fetches the next batch; empty when there is none.</summary>
        public async Task<IReadOnlyList<object>> NextPageAsync(CancellationToken ct)
        {
            if (!HasMore) return Array.Empty<object>();
            QueryBatch batch;
            if (PagesFetched == 0)
            {
                var first = _request;
                if (MaxItems.HasValue)
                {
                    // The first batch is the only one whose size the client chooses: never more than the cap.
                    var size = _request.BatchSize ?? QueryRequest.DefaultBatchSize;
                    if (MaxItems.Value < size)
                    {
                        first = _request.Clone();
                        first.BatchSize = (int)MaxItems.Value;
                    }
                }
                batch = await _api.CreateCursorAsync(_space, first, ct).ConfigureAwait(false);
                TotalCount = batch.Count;
            }
            else
            {
                batch = await _api.NextBatchAsync(_space, CursorId, null, ct).ConfigureAwait(false);
            }
            PagesFetched++;
            CursorId = batch.CursorId;

            IReadOnlyList<object> items = batch.Items;
            if (MaxItems.HasValue && _delivered + items.Count > MaxItems.Value)
            {
                // A service that sends more than asked must not make the caller over-consume.
                var wanted = (int)(MaxItems.Value - _delivered);
                var keep = new List<object>(wanted);
                for (var i = 0; i < wanted; i++) keep.Add(items[i]);
                items = keep;
            }
            _delivered += items.Count;
            if (!batch.HasMore || (MaxItems.HasValue && _delivered >= MaxItems.Value)) HasMore = false;
            return items;
        }
    }
}
