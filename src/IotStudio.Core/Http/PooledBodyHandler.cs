using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IotStudio.Http
{
    /// <summary>
    /// Reads every response body into a <see cref="PooledBody"/> as soon as the headers are in, before RestSharp sees it,
    /// and hands it on as <see cref="PooledContent"/>; RestSharp's ResponseWriter (see IotStudioClient) then takes the
    /// buffer itself instead of copying it.
    /// </summary>
    internal sealed class PooledBodyHandler : DelegatingHandler
    {
        public PooledBodyHandler(HttpMessageHandler inner) : base(inner) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var content = response.Content;
            if (content == null || content is PooledContent) return response;
            try
            {
#if NET
                var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                PooledBody body;
                using (stream)
                    body = await PooledBody.ReadAsync(stream, content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
                var pooled = new PooledContent(body);
                foreach (var header in content.Headers)
                {
                    if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                    pooled.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                response.Content = pooled;
                content.Dispose();
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}
