using System;
using System.Threading;

namespace IotStudio.Http
{
    /// <summary>Receives traces and retry notices for calls made in the current async flow.</summary>
    public interface IRequestObserver
    {
        /// <summary>An attempt finished.</summary>
        void OnAttempt(RequestTrace trace);
        /// <summary>The client is about to wait before retrying.</summary>
        void OnRetry(RetryNotice notice);
        /// <summary>A token was fetched or refreshed.</summary>
        void OnToken(string message);
    }
}
