using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.Paging
{
    /// <summary>
    /// Walks a cursor-paged list lazily: one request per page, only when the caller asks for it, and never for
    /// more items than the caller still needs. Without a page size, the first page is the API's default (or the cap,
    /// when smaller) and each later page asks for twice the one before, up to <see cref="MaxPageSize"/>: a short
    /// look costs one small request, a full listing few round trips.
    /// </summary>
    public sealed class CursorPager<T> : IPager<T>
    {
        /// <summary>The API's largest page.</summary>
        public const int MaxPageSize = 1000;
        /// <summary>The API's default page.</summary>
        public const int DefaultPageSize = 50;

        private readonly IotStudioClient _client;
        private readonly ApiRequest _template;
        private readonly Func<JsonElement, T> _map;
        private readonly HashSet<string> _seenCursors = new HashSet<string>(StringComparer.Ordinal);
        private string _nextCursor;
        private long _delivered;
        private int _nextPageSize;

        // pageSize: items per page, exactly; null to start at DefaultPageSize and double each page.
        internal CursorPager(IotStudioClient client, ApiRequest template, Func<JsonElement, T> map, int? pageSize, long? maxItems)
        {
            if (pageSize.HasValue && (pageSize.Value < 1 || pageSize.Value > MaxPageSize)) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be between 1 and 1000.");
            if (maxItems.HasValue && maxItems.Value < 0) throw new ArgumentOutOfRangeException(nameof(maxItems));
            _client = client;
            _template = template;
            _map = map;
            PageSize = pageSize ?? DefaultPageSize;
            GrowsPages = !pageSize.HasValue;
            _nextPageSize = PageSize;
            MaxItems = maxItems;
            HasMore = !maxItems.HasValue || maxItems.Value > 0;
        }

        /// <summary>Items asked for in the first page (and in every page unless <see cref="GrowsPages"/>).</summary>
        public int PageSize { get; }
        /// <summary>True when no page size was given: each page after the first asks for twice as many items, up to 1000.</summary>
        public bool GrowsPages { get; }
        /// <summary>The most items this pager yields, or null for all.</summary>
        public long? MaxItems { get; }
        /// <summary>False once the last page was read or the cap was reached.</summary>
        public bool HasMore { get; private set; }
        /// <summary>Requests sent so far.</summary>
        public int PagesFetched { get; private set; }

        /// <summary>Fetches the next page; empty when there is none.</summary>
        public async Task<IReadOnlyList<T>> NextPageAsync(CancellationToken ct)
        {
            if (!HasMore) return Array.Empty<T>();
            var limit = _nextPageSize;
            if (MaxItems.HasValue) limit = (int)Math.Min(limit, MaxItems.Value - _delivered);

            var request = _template.Clone().SetQuery("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(_nextCursor)) request.SetQuery("next_cursor", _nextCursor);

            var page = await _client.SendAsync(request, root => ReadPage(root, limit), ct).ConfigureAwait(false);
            PagesFetched++;
            _delivered += page.Items.Count;
            if (GrowsPages) _nextPageSize = Math.Min(_nextPageSize * 2, MaxPageSize);

            if (string.IsNullOrEmpty(page.NextCursor) || (MaxItems.HasValue && _delivered >= MaxItems.Value))
            {
                HasMore = false;
            }
            else
            {
                if (!_seenCursors.Add(page.NextCursor))
                    throw new IotStudioPagingException(
                        $"The server returned next_cursor '{Shorten(page.NextCursor)}' a second time after {PagesFetched} pages of {_template.RelativePath}; stopping instead of looping forever.",
                        _template.RelativePath);
                _nextCursor = page.NextCursor;
            }
            return page.Items;
        }

        private (List<T> Items, string NextCursor) ReadPage(JsonElement root, int limit)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                throw new FormatException("a list answer must be an object with a 'data' array");
            var items = new List<T>(Math.Min(data.GetArrayLength(), limit));
            foreach (var e in data.EnumerateArray())
            {
                // A server that sends more than asked must not make the caller over-consume.
                if (items.Count >= limit) break;
                items.Add(_map(e));
            }
            string next = null;
            if (root.TryGetProperty("paging", out var paging) && paging.ValueKind == JsonValueKind.Object &&
                paging.TryGetProperty("next_cursor", out var nc) && nc.ValueKind == JsonValueKind.String)
                next = nc.GetString();
            return (items, next);
        }

        private static string Shorten(string s) => s.Length <= 40 ? s : s.Substring(0, 37) + "...";
    }
}
