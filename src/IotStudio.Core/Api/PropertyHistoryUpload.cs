using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>
    /// Uploads history entries to one Thing in batches: entries are queued with <see cref="Add"/> and sent by
    /// <see cref="SendAsync"/>, at most <see cref="BatchSize"/> per request. A batch whose entries all hold only one
    /// and the same property goes to <c>.../properties-history/{name}</c>, any other to <c>.../properties-history</c>.
    /// The API refuses a whole request with 409 when one of its values is already recorded, so a refused batch of
    /// several entries is sent again one entry per request: each conflicting entry fails alone, the others are stored.
    /// </summary>
    public sealed class PropertyHistoryUpload
    {
        private readonly PropertyHistoryApi _api;
        private readonly List<(PropertyHistoryGroup Entry, object Tag)> _pending = new List<(PropertyHistoryGroup, object)>();

        /// <summary>An upload to <paramref name="thing"/> (checked now), sending up to <paramref name="batchSize"/> entries per request.</summary>
        public PropertyHistoryUpload(PropertyHistoryApi api, ThingPath thing, int batchSize = PropertyHistoryApi.MaxBatchSize)
        {
            if (batchSize < 1 || batchSize > PropertyHistoryApi.MaxBatchSize)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be between 1 and {PropertyHistoryApi.MaxBatchSize}.");
            _api = api ?? throw new ArgumentNullException(nameof(api));
            // A bad space, Category or Thing id fails here, not later inside a batch.
            thing.Path();
            Thing = thing;
            BatchSize = batchSize;
        }

        /// <summary>The Thing the entries go to.</summary>
        public ThingPath Thing { get; }
        /// <summary>Entries per request.</summary>
        public int BatchSize { get; }
        /// <summary>Entries queued and not sent yet.</summary>
        public int Pending => _pending.Count;
        /// <summary>True once a full batch is queued.</summary>
        public bool IsFull => _pending.Count >= BatchSize;

        /// <summary>
        /// Queues an entry, checked now (a time, at least one value, named properties) so that a bad entry fails
        /// before anything is sent. <paramref name="tag"/> comes back with the entry's failure.
        /// </summary>
        public void Add(PropertyHistoryGroup entry, object tag = null)
        {
            PropertyHistoryApi.Check(entry, null);
            _pending.Add((entry, tag));
        }

        /// <summary>Sends every queued entry, a batch per request, and empties the queue; failures are reported per entry.</summary>
        public async Task<PropertyHistoryUploadResult> SendAsync(CancellationToken ct)
        {
            var result = new PropertyHistoryUploadResult();
            var queued = _pending.ToList();
            _pending.Clear();
            for (var start = 0; start < queued.Count; start += BatchSize)
            {
                var batch = queued.GetRange(start, Math.Min(BatchSize, queued.Count - start));
                try
                {
                    result.Stored.AddRange(await SendBatchAsync(batch, ct).ConfigureAwait(false));
                }
                catch (IotStudioApiException ex) when (ex.StatusCode == 409 && batch.Count > 1)
                {
                    foreach (var one in batch)
                    {
                        try
                        {
                            result.Stored.AddRange(await SendBatchAsync(new List<(PropertyHistoryGroup, object)> { one }, ct).ConfigureAwait(false));
                        }
                        catch (IotStudioException failure)
                        {
                            result.Failed.Add(new PropertyHistoryUploadFailure(one.Entry, one.Tag, failure));
                        }
                    }
                }
                catch (IotStudioException ex)
                {
                    foreach (var one in batch) result.Failed.Add(new PropertyHistoryUploadFailure(one.Entry, one.Tag, ex));
                }
            }
            return result;
        }

        private Task<IReadOnlyList<PropertyHistoryValue>> SendBatchAsync(List<(PropertyHistoryGroup Entry, object Tag)> batch, CancellationToken ct)
        {
            var entries = batch.Select(b => b.Entry).ToList();
            var only = OnlyProperty(entries);
            return only != null ? _api.CreateOneAsync(Thing, only, entries, ct) : _api.CreateAsync(Thing, entries, ct);
        }

        /// <summary>The one property every entry holds alone, or null.</summary>
        private static string OnlyProperty(List<PropertyHistoryGroup> entries)
        {
            string name = null;
            foreach (var entry in entries)
            {
                if (entry.Values.Count != 1) return null;
                var key = (string)entry.Values.Cast<DictionaryEntry>().First().Key;
                if (name == null) name = key;
                else if (!string.Equals(name, key, StringComparison.Ordinal)) return null;
            }
            return name;
        }
    }
}
