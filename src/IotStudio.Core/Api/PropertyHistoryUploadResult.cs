using System.Collections.Generic;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>What an upload did: the values the service stored, and each entry it refused.</summary>
    public sealed class PropertyHistoryUploadResult
    {
        /// <summary>The values stored, as the service answered them.</summary>
        public List<PropertyHistoryValue> Stored { get; } = new List<PropertyHistoryValue>();
        /// <summary>The entries that were not stored, each with its error.</summary>
        public List<PropertyHistoryUploadFailure> Failed { get; } = new List<PropertyHistoryUploadFailure>();
    }
}
