using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class AccessTokenTests
    {
        private static string Plain(SecureString s)
        {
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(s);
            try { return Marshal.PtrToStringUni(ptr, s.Length); }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
        }

        private static FakeHandler TokenEndpoint(double expiresIn, string scope = "thing category")
        {
            var n = 0;
            return new FakeHandler().Route("/oauth2/token", _ => Respond.Token("tok-" + Interlocked.Increment(ref n), expiresIn, scope));
        }

        [Fact]
        public async Task StaticToken_IsReturnedAsAReadOnlySecureString_WithNoExpiry_AndNothingIsSent()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            var token = await client.GetAccessTokenAsync(None);

            Assert.Equal(StaticToken, Plain(token.Token));
            Assert.True(token.Token.IsReadOnly());
            Assert.Null(token.ExpiresOn);
            Assert.Empty(token.Scope);
            Assert.Equal(ApiUrl, token.ApiUrl);
            Assert.Empty(handler.Requests);
            Assert.DoesNotContain(StaticToken, token.ToString());
        }

        [Fact]
        public async Task ClientCredentials_FetchTheFirstToken_ThenReuseIt_WithItsExpiryAndGrantedScope()
        {
            var handler = TokenEndpoint(3600);
            using var client = WithClientCredentials(handler, scopes: new[] { "thing" });
            var before = DateTimeOffset.UtcNow;

            var first = await client.GetAccessTokenAsync(None);
            var second = await client.GetAccessTokenAsync(None);

            Assert.Equal("tok-1", Plain(first.Token));
            Assert.Equal("tok-1", Plain(second.Token));
            Assert.Single(handler.TokenRequests);
            Assert.InRange(first.ExpiresOn.Value, before.AddSeconds(3590), DateTimeOffset.UtcNow.AddSeconds(3610));
            Assert.Equal(new[] { "thing", "category" }, first.Scope);
            Assert.DoesNotContain("tok-1", first.ToString());
        }

        [Fact]
        public async Task ClientCredentials_TokenCloseToExpiry_IsRefreshedFirst()
        {
            var handler = TokenEndpoint(0);
            using var client = WithClientCredentials(handler);

            var first = await client.GetAccessTokenAsync(None);
            var second = await client.GetAccessTokenAsync(None);

            Assert.Equal("tok-1", Plain(first.Token));
            Assert.Equal("tok-2", Plain(second.Token));
            Assert.Equal(2, handler.TokenRequests.Count);
        }

        [Fact]
        public async Task ClientCredentials_ServerNamingNoScope_ReportsTheScopesAskedFor()
        {
            var handler = new FakeHandler().Route("/oauth2/token", _ => Respond.Json(200, "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":60}"));
            using var client = WithClientCredentials(handler, scopes: new[] { "thing category" });

            var token = await client.GetAccessTokenAsync(None);

            Assert.Equal(new[] { "thing", "category" }, token.Scope);
        }

        [Fact]
        public async Task ClosedClient_GivesNoToken()
        {
            using var client = WithToken(new FakeHandler());
            client.Dispose();

            await Assert.ThrowsAsync<IotStudioConnectionClosedException>(() => client.GetAccessTokenAsync(None));
        }
    }
}
