using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IotStudio.Http
{
    /// <summary>A body already read into a rented buffer; disposing it returns the buffer unless someone took it.</summary>
    internal sealed class PooledContent : HttpContent
    {
        private PooledBody _body;

        public PooledContent(PooledBody body) { _body = body; }

        /// <summary>Takes the body out of the content: the caller returns it to the pool from now on.</summary>
        public PooledBody Take() => Interlocked.Exchange(ref _body, null);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext context)
        {
            var body = _body ?? throw new ObjectDisposedException(nameof(PooledContent), "The body was taken.");
            return stream.WriteAsync(body.Memory.ToArray(), 0, body.Length);
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new BodyStream(this));

        protected override bool TryComputeLength(out long length)
        {
            length = _body?.Length ?? 0;
            return _body != null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Take()?.Release();
            base.Dispose(disposing);
        }

        /// <summary>What RestSharp's ResponseWriter receives: it can take the buffer (<see cref="Content"/>) without reading.</summary>
        internal sealed class BodyStream : MemoryStream
        {
            public BodyStream(PooledContent content)
                : base(content._body?.Buffer ?? Array.Empty<byte>(), 0, content._body?.Buffer == null ? 0 : content._body.Length, writable: false)
            {
                Content = content;
            }

            public PooledContent Content { get; }
        }
    }
}
