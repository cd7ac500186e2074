using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace IotStudio.Http
{
    /// <summary>
    /// A response body in a buffer rented from <see cref="ArrayPool{T}.Shared"/>. A page of 1,000 Things is about 330 KB:
    /// read into fresh arrays (HttpClient's growing buffer, then a copy), every page landed on the large object heap and
    /// a listing of 100,000 Things cost 17 full (gen2) collections; in rented buffers it costs none. Whoever holds the
    /// body returns it once (<see cref="Release"/>) or turns it into a plain array (<see cref="ToArray"/>).
    /// </summary>
    internal sealed class PooledBody
    {
        private byte[] _buffer;
        private readonly bool _rented;

        private PooledBody(byte[] buffer, int length, bool rented)
        {
            _buffer = buffer;
            Length = length;
            _rented = rented;
        }

        public int Length { get; }

        /// <summary>The rented array (longer than <see cref="Length"/>), or null once returned.</summary>
        public byte[] Buffer => _buffer;

        public ReadOnlyMemory<byte> Memory => _buffer == null ? ReadOnlyMemory<byte>.Empty : new ReadOnlyMemory<byte>(_buffer, 0, Length);

        /// <summary>A copy in an array of its own; the rented buffer goes back to the pool.</summary>
        public byte[] ToArray()
        {
            var copy = Length == 0 ? Array.Empty<byte>() : Memory.ToArray();
            Release();
            return copy;
        }

        public void Release()
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            // Only a rented array goes back: the pool refuses (throws on) one it did not hand out.
            if (_rented && buffer != null) ArrayPool<byte>.Shared.Return(buffer);
        }

        /// <summary>Reads a stream to its end into a rented buffer, sized from Content-Length when the server sent one.</summary>
        public static async Task<PooledBody> ReadAsync(Stream stream, long? length, CancellationToken ct)
        {
            var size = length.HasValue && length.Value >= 0 && length.Value < int.MaxValue ? (int)length.Value : 16 * 1024;
            if (size == 0) size = 256;
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            var read = 0;
            try
            {
                while (true)
                {
                    if (read == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        System.Buffer.BlockCopy(buffer, 0, bigger, 0, read);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var n = await stream.ReadAsync(buffer, read, buffer.Length - read, ct).ConfigureAwait(false);
                    if (n <= 0) break;
                    read += n;
                }
                return new PooledBody(buffer, read, rented: true);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        /// <summary>A plain array as a body (nothing to return).</summary>
        public static PooledBody FromArray(byte[] bytes) => new PooledBody(bytes ?? Array.Empty<byte>(), bytes?.Length ?? 0, rented: false);
    }
}
