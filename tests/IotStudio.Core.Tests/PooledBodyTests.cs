using System.Buffers;
using IotStudio.Http;
using Xunit;

namespace IotStudio.Core.Tests
{
    public class PooledBodyTests
    {
        [Fact]
        public void A_body_over_an_array_of_its_own_is_released_without_going_to_the_pool()
        {
            // The pool throws on an array it did not hand out (100 bytes is no bucket size).
            var body = PooledBody.FromArray(new byte[100]);
            body.Release();
            Assert.Null(body.Buffer);
            Assert.Throws<System.ArgumentException>(() => ArrayPool<byte>.Shared.Return(new byte[100]));
        }
    }
}
