using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>One entry an upload could not store.</summary>
    public sealed class PropertyHistoryUploadFailure
    {
        internal PropertyHistoryUploadFailure(PropertyHistoryGroup entry, object tag, IotStudioException error)
        {
            Entry = entry;
            Tag = tag;
            Error = error;
        }

        /// <summary>The entry.</summary>
        public PropertyHistoryGroup Entry { get; }
        /// <summary>The tag it was queued with.</summary>
        public object Tag { get; }
        /// <summary>Why it was not stored.</summary>
        public IotStudioException Error { get; }
    }
}
