using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ThingSecretApiTests
    {
        private const string Secret = "Sx9-secret-value-Qk2";

        private static string Plain(SecureString s)
        {
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(s);
            try { return Marshal.PtrToStringUni(ptr, s.Length); }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
        }

        [Theory]
        [InlineData(null, "/spaces/space1/things/" + Uid + "/reset-secret")]
        [InlineData("Boilers", "/spaces/space1/categories/Boilers/things/" + Uid + "/reset-secret")]
        public async Task ResetSecret_PostsToTheThing_AndReturnsTheSecretAsASecureString(string category, string path)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, "{\"client_id\":\"thing-client\",\"client_secret\":\"" + Secret + "\"}"));
            using var client = WithToken(handler);

            var result = await client.Things.ResetSecretAsync(new ThingPath(Space, Uid, category), None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal(path, r.Path);
            Assert.Null(r.Body);
            Assert.Equal(Uid, result.ThingId);
            Assert.Equal(Space, result.Space);
            Assert.Equal("thing-client", result.ClientId);
            Assert.Equal(Secret, Plain(result.ClientSecret));
            Assert.True(result.ClientSecret.IsReadOnly());
            Assert.DoesNotContain(Secret, result.ToString());
        }

        [Theory]
        [InlineData("{\"client_id\":\"c\",\"secret\":\"" + Secret + "\"}")]
        [InlineData("{\"client_secret\":\"" + Secret + "\"}")]
        [InlineData("client_secret=" + Secret)]
        public async Task ResetSecret_UnusableAnswer_FailsWithoutTheBodyInTheException(string body)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, body));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Things.ResetSecretAsync(new ThingPath(Space, Uid), None));

            Assert.Equal(201, ex.StatusCode);
            Assert.DoesNotContain(Secret, ex.ToString());
            Assert.DoesNotContain(Secret, ex.Response.Body);
            Assert.Contains("withheld", ex.Response.Body);
        }

        [Fact]
        public async Task ResetSecret_IsNotRetriedOnAServerError_SoTheSecretIsNotResetTwice()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(500, "boom"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.ResetSecretAsync(new ThingPath(Space, Uid), None));

            Assert.Equal(500, ex.StatusCode);
            Assert.Single(handler.Requests);
        }
    }
}
