using IotStudio.Http;

namespace IotStudio.Models
{
    /// <summary>What a bulk patch did to one Thing: the patched Thing, or the API's error for it.</summary>
    public sealed class ThingPatchResult
    {
        internal ThingPatchResult(string thingId, int statusCode, Thing thing, IotStudioApiException exception)
        {
            ThingId = thingId;
            StatusCode = statusCode;
            Thing = thing;
            Exception = exception;
        }

        /// <summary>The Thing's ULID, as sent.</summary>
        public string ThingId { get; }
        /// <summary>The item's own status (200 when it was patched).</summary>
        public int StatusCode { get; }
        /// <summary>True when the Thing was patched.</summary>
        public bool Succeeded => Exception == null;
        /// <summary>The patched Thing, or null when the item failed.</summary>
        public Thing Thing { get; }
        /// <summary>The API's error for this item (status, message, details), or null when it succeeded.</summary>
        public ApiError Error => Exception?.Error;
        /// <summary>The item's failure as the exception a single call would have thrown, or null.</summary>
        public IotStudioApiException Exception { get; }

        /// <inheritdoc />
        public override string ToString() => $"{ThingId}: {StatusCode}";
    }
}
