using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IotStudio.Emulator.Tests
{
    /// <summary>The app that EmulatorApp.Build makes, started on a free loopback port and asked over HTTP.</summary>
    public sealed class EmulatorAppTests : IAsyncLifetime
    {
        private const string Token = "emulator-app-test-token";
        private WebApplication _app;
        private HttpClient _http;

        public async Task InitializeAsync()
        {
            _app = EmulatorApp.Build(EmulatorOptions.Parse(new[] { "--port", "0", "--token", Token }, out _));
            await _app.StartAsync();
            string url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            _http = new HttpClient { BaseAddress = new Uri(url) };
        }

        public async Task DisposeAsync()
        {
            _http?.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task<(HttpStatusCode Status, string ContentType, JsonElement Error)> SendAsync(HttpMethod method, string path, bool authenticated = true)
        {
            using var request = new HttpRequestMessage(method, path);
            if (authenticated) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var response = await _http.SendAsync(request);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, doc.RootElement.GetProperty("error").Clone());
        }

        [Fact]
        public async Task UnknownSpacesRoute_Answers404_InTheApiErrorShape()
        {
            var (status, type, error) = await SendAsync(HttpMethod.Get, "/spaces/test/no-such-collection");
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("application/json", type);
            Assert.Equal(404, error.GetProperty("status").GetInt32());
            Assert.Contains("/spaces/test/no-such-collection", error.GetProperty("message").GetString());
        }

        [Fact]
        public async Task WrongMethodOnAKnownRoute_Answers405_InTheApiErrorShape()
        {
            var (status, type, error) = await SendAsync(HttpMethod.Post, "/spaces/test/categories/Sensors");
            Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
            Assert.Equal("application/json", type);
            Assert.Equal(405, error.GetProperty("status").GetInt32());
        }

        [Fact]
        public async Task ApiRouteWithoutToken_Answers401_InTheApiErrorShape()
        {
            var (status, type, error) = await SendAsync(HttpMethod.Get, "/spaces/test/categories", authenticated: false);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("application/json", type);
            Assert.Equal(401, error.GetProperty("status").GetInt32());
        }
    }
}
