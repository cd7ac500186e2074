using System;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>Query cursors: an AQL query run by the service, its results read batch by batch.</summary>
    public sealed class QueryApi
    {
        private readonly IotStudioClient _client;
        internal QueryApi(IotStudioClient client) { _client = client; }

        /// <summary>
        /// The results of a query, read lazily: nothing is sent until the first batch is asked for. <paramref name="maxItems"/>
        /// caps the items read. The request is checked now (ArgumentException); a request with <see cref="QueryRequest.Then"/>
        /// is refused here: use <see cref="ApplyAsync"/>.
        /// </summary>
        public QueryCursorPager Read(string space, QueryRequest request, long? maxItems = null)
        {
            Check(space, request);
            if (request.Then != null) throw new ArgumentException("A query that updates or deletes its results is run with ApplyAsync.", nameof(request));
            return new QueryCursorPager(this, space, request.Clone(), maxItems);
        }

        /// <summary>
        /// Runs a query with its update or delete (<see cref="QueryRequest.Then"/>) and answers what it did. The results
        /// themselves are not read.
        /// </summary>
        public async Task<QueryThenResult> ApplyAsync(string space, QueryRequest request, CancellationToken ct)
        {
            Check(space, request);
            if (request.Then == null) throw new ArgumentException("The request has no update or delete (Then) to apply.", nameof(request));
            var batch = await CreateCursorAsync(space, request, ct).ConfigureAwait(false);
            var result = batch.Then;
            result.Space = space;
            result.Operation = request.Then.OperationName;
            result.Resource = request.Then.ResourceName;
            return result;
        }

        /// <summary>Creates a cursor: <c>POST /spaces/{s}/query/cursor</c> with the request's body; answers the first batch.</summary>
        [ApiOperation("createQueryCursor")]
        public Task<QueryBatch> CreateCursorAsync(string space, QueryRequest request, CancellationToken ct)
        {
            Check(space, request);
            var expectThen = request.Then != null;
            return _client.SendAsync(new ApiRequest("POST", ApiRequest.Path("spaces", Validate.Space(space), "query", "cursor")).WithJson(request.ToBody()), e =>
            {
                var batch = QueryBatch.FromJson(e);
                if (expectThen && batch.Then == null) throw new FormatException("the query had an update or delete ('then') but the answer does not say what it did");
                return batch;
            }, ct);
        }

        /// <summary>
        /// Reads a cursor's next batch: <c>POST /spaces/{s}/query/cursor/{id}</c>, with <c>{"then": ...}</c> applied to that
        /// batch's results when <paramref name="then"/> is given, else with no body. A 404 (the cursor expired or was read
        /// to the end) throws <see cref="IotStudioCursorExpiredException"/>.
        /// </summary>
        [ApiOperation("modifyQueryCursorPost")]
        public async Task<QueryBatch> NextBatchAsync(string space, string cursorId, QueryThen then, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(cursorId)) throw new ArgumentException("A cursor id is needed to read the next batch.", nameof(cursorId));
            then?.Validate();
            var request = new ApiRequest("POST", ApiRequest.Path("spaces", Validate.Space(space), "query", "cursor", cursorId));
            if (then != null) request.WithJson(new System.Collections.Specialized.OrderedDictionary { { "then", then.ToBody() } });
            try
            {
                return await _client.SendAsync(request, QueryBatch.FromJson, ct).ConfigureAwait(false);
            }
            catch (IotStudioApiException ex) when (ex.StatusCode == 404)
            {
                throw new IotStudioCursorExpiredException(cursorId, ex);
            }
        }

        private static void Check(string space, QueryRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            Validate.Space(space);
            request.Validate();
        }
    }
}
