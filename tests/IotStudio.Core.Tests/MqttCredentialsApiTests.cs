using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class MqttCredentialsApiTests
    {
        private const string Password = "mqtt-P@ss w0rd/&=";
        private const string CredentialId = "01GQ2E9M2Y45BX9EW0X3D6QGXM";
        private static readonly ThingPath Plain = new ThingPath(Space, Uid);
        private static readonly ThingPath Scoped = new ThingPath(Space, Uid, "Boilers");

        private static string CredentialJson(string password = "********", string extra = "") =>
            "{\"id\":\"" + CredentialId + "\",\"created\":\"2024-03-01T10:00:00Z\",\"enabled\":true,\"username\":\"boiler-7\"," +
            "\"password\":\"" + password + "\",\"description\":\"the boiler\"" + extra + "}";

        private static MqttCredentialFields Fields(string username = "boiler-7", string password = Password, bool? enabled = null, string description = null) =>
            new MqttCredentialFields { Username = username, Password = password == null ? null : Secure(password), Enabled = enabled, Description = description };

        [Fact]
        public async Task CreateForACategory_PostsTheGivenFields_WithThePasswordInClear_OnlyInTheBody()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, CredentialJson(Password, ",\"collection_name\":\"boilers\"")));
            using var client = WithToken(handler);
            var fields = Fields(enabled: false, description: "the boiler");
            fields.CollectionName = "boilers";

            var c = await client.MqttCredentials.CreateAsync(Space, "Boilers", fields, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal("/spaces/space1/categories/Boilers/mqtt-credentials", r.Path);
            Assert.Equal("{\"enabled\":false,\"username\":\"boiler-7\",\"password\":\"mqtt-P@ss w0rd/\\u0026=\",\"description\":\"the boiler\",\"collection_name\":\"boilers\"}", r.Body);
            Assert.Equal("application/json", r.ContentType?.Split(';')[0]);
            Assert.DoesNotContain(Password, r.Uri.ToString());
            Assert.Equal(Space, c.Space);
            Assert.Equal("Boilers", c.Category);
            Assert.Null(c.ThingId);
            Assert.Equal(CredentialId, c.Id);
            Assert.Equal("boiler-7", c.Username);
            Assert.True(c.Enabled);
            Assert.Equal("the boiler", c.Description);
            Assert.Equal("boilers", c.CollectionName);
            Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), c.Created);
            GraphAssert.NoJsonTypes(c);
        }

        [Fact]
        public async Task APasswordInAnAnswer_IsNotKeptAnywhereOnTheResult()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, CredentialJson(Password)));
            using var client = WithToken(handler);

            var c = await client.MqttCredentials.CreateAsync(Plain, Fields(), None);

            Assert.False(c.AdditionalProperties.Contains("password"));
            foreach (var p in typeof(MqttCredential).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                Assert.DoesNotContain(Password, Convert.ToString(p.GetValue(c)) ?? "");
            foreach (var f in typeof(MqttCredential).GetFields(BindingFlags.NonPublic | BindingFlags.Instance))
                Assert.DoesNotContain(Password, Convert.ToString(f.GetValue(c)) ?? "");
            Assert.Equal("boiler-7", c.ToString());
        }

        [Fact]
        public async Task GetOfAThing_ReadsTheTopics_AndTheThingPath()
        {
            var topics = ",\"topics\":{\"acl\":{\"publish\":[{\"pattern\":\"spaces/space1/things/" + Uid + "/#\"}],\"subscribe\":[{\"pattern\":\"a/+\"},{\"pattern\":\"b/#\"}]}},\"extra\":[1]";
            var handler = new FakeHandler().Always(_ => Respond.Json(200, CredentialJson(extra: topics)));
            using var client = WithToken(handler);

            var c = await client.MqttCredentials.GetAsync(Plain, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("GET", r.Method);
            Assert.Equal($"/spaces/space1/things/{Uid}/mqtt-credentials", r.Path);
            Assert.Null(r.Body);
            Assert.Equal(Uid, c.ThingId);
            Assert.Null(c.Category);
            Assert.Equal(new[] { $"spaces/space1/things/{Uid}/#" }, c.PublishTopics);
            Assert.Equal(new[] { "a/+", "b/#" }, c.SubscribeTopics);
            Assert.Equal(new System.Collections.Generic.List<object> { 1L }, c.AdditionalProperties["extra"]);
            GraphAssert.NoJsonTypes(c);
        }

        [Fact]
        public async Task EveryThingOperation_UsesTheCategoryScopedPath_WhenTheThingPathHasACategory()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(201, CredentialJson(Password)))
                .Enqueue(Respond.Json(200, CredentialJson()))
                .Enqueue(Respond.Json(200, CredentialJson()))
                .Enqueue(Respond.Status(204));
            using var client = WithToken(handler);

            var created = await client.MqttCredentials.CreateAsync(Scoped, Fields(), None);
            await client.MqttCredentials.GetAsync(Scoped, None);
            await client.MqttCredentials.UpdateAsync(Scoped, new MqttCredentialFields { Enabled = false }, None);
            await client.MqttCredentials.DeleteAsync(Scoped, None);

            var path = $"/spaces/space1/categories/Boilers/things/{Uid}/mqtt-credentials";
            Assert.Equal(new[] { "POST", "GET", "PUT", "DELETE" }, handler.Requests.Select(r => r.Method));
            Assert.All(handler.Requests, r => Assert.Equal(path, r.Path));
            Assert.Equal("Boilers", created.Category);
            Assert.Equal(Uid, created.ThingId);
        }

        [Fact]
        public async Task Update_SendsOnlyTheFieldsGiven_AndNoPasswordWhenNoneIsGiven()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, CredentialJson()));
            using var client = WithToken(handler);

            await client.MqttCredentials.UpdateAsync(Space, "Boilers", new MqttCredentialFields { Description = "new", Enabled = true }, None);
            await client.MqttCredentials.UpdateAsync(Plain, new MqttCredentialFields { Password = Secure("next-one") }, None);
            await client.MqttCredentials.UpdateAsync(Plain, new MqttCredentialFields(), None);

            Assert.Equal(new[] { "{\"enabled\":true,\"description\":\"new\"}", "{\"password\":\"next-one\"}", "{}" }, handler.Requests.Select(r => r.Body));
            Assert.Equal("/spaces/space1/categories/Boilers/mqtt-credentials", handler.Requests[0].Path);
            Assert.All(handler.Requests, r => Assert.Equal("PUT", r.Method));
        }

        [Fact]
        public async Task Delete_OfACategorysCredentials_SendsOneDelete()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(204));
            using var client = WithToken(handler);

            await client.MqttCredentials.DeleteAsync(Space, "Boilers", None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("DELETE", r.Method);
            Assert.Equal("/spaces/space1/categories/Boilers/mqtt-credentials", r.Path);
        }

        [Fact]
        public async Task NotFound_IsAnApiExceptionWithTheStatus()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(404, "{\"error\":{\"status\":404,\"message\":\"no MQTT credentials\"}}"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioApiException>(() => client.MqttCredentials.GetAsync(Space, "Boilers", None));

            Assert.Equal(404, ex.StatusCode);
            Assert.Equal("no MQTT credentials", ex.ApiMessage);
        }

        public static TheoryData<string, Func<IotStudioClient, Task>> Refused => new TheoryData<string, Func<IotStudioClient, Task>>
        {
            { "no password on create", c => c.MqttCredentials.CreateAsync(Plain, Fields(password: null), None) },
            { "no username on create", c => c.MqttCredentials.CreateAsync(Space, "Boilers", Fields(username: null), None) },
            { "an empty password", c => c.MqttCredentials.UpdateAsync(Plain, Fields(password: ""), None) },
            { "a blank username", c => c.MqttCredentials.UpdateAsync(Space, "Boilers", Fields(username: " "), None) },
            { "a collection name on a Thing", c => c.MqttCredentials.UpdateAsync(Plain, new MqttCredentialFields { CollectionName = "x" }, None) },
            { "a bad Category name", c => c.MqttCredentials.GetAsync(Space, "no/such", None) },
            { "a Thing id that is not a ULID", c => c.MqttCredentials.DeleteAsync(new ThingPath(Space, "01GQ2E9M2Y45BX9EW0X3D6QGXU"), None) },
            { "no space", c => c.MqttCredentials.GetAsync("", "Boilers", None) },
        };

        [Theory]
        [MemberData(nameof(Refused))]
        public async Task BadInput_IsRefusedBeforeAnyRequest(string what, Func<IotStudioClient, Task> call)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, CredentialJson()));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(client));

            Assert.False(string.IsNullOrEmpty(ex.Message), what);
            Assert.DoesNotContain(Password, ex.Message);
            Assert.Empty(handler.Requests);
        }
    }
}
