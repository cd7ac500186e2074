namespace IotStudio.Http
{
    /// <summary>
    /// A query cursor was gone when its next batch was asked for (404): its time to live ran out, or it had been read to
    /// the end. The results after the batches already read are lost; the query must be run again.
    /// </summary>
    public sealed class IotStudioCursorExpiredException : IotStudioException
    {
        /// <summary>Creates the exception from the API's 404.</summary>
        public IotStudioCursorExpiredException(string cursorId, IotStudioApiException notFound)
            : base($"Query cursor '{cursorId}' is gone: its time to live ran out (or it was read to the end) before the next batch was asked for. " +
                   "Run the query again, with a longer time to live or larger batches if reading the results takes long.",
                   notFound?.Method, notFound?.Path, notFound)
        {
            CursorId = cursorId;
            Response = notFound?.Response;
        }

        /// <summary>The cursor that was asked for.</summary>
        public string CursorId { get; }
        /// <summary>The raw 404 response.</summary>
        public RawResponse Response { get; }
        /// <summary>HTTP status code (404).</summary>
        public override int StatusCode => Response?.StatusCode ?? 404;
    }
}
