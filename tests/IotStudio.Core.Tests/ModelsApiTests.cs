using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using IotStudio.Paging;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ModelsApiTests
    {
        private const string ModelJson =
            "{\"id\":\"m-1\",\"name\":\"Thermo\",\"description\":\"thermostats\",\"created\":\"2024-01-02T03:04:05Z\",\"modified\":\"2024-01-02 03:04:06+0000\",\"owner\":{\"team\":\"ops\"}}";

        private const string VersionJson =
            "{\"version\":2,\"title\":\"v2\",\"description\":\"second\",\"created\":\"2024-01-02T03:04:05Z\",\"frozen_by\":\"ci\"," +
            "\"template\":{\"title\":\"A thermostat\",\"description\":\"d\",\"properties\":{\"temperature\":{\"type\":\"number\",\"unit\":\"C\"}}," +
            "\"actions\":{\"reboot\":{\"safe\":false}},\"events\":{},\"links\":[{\"href\":\"https://x.test\",\"rel\":\"doc\"}],\"@context\":\"https://www.w3.org/2019/wot/td/v1\"}}";

        private static string Page(string item, int count, string next) =>
            "{\"data\":[" + string.Join(",", Enumerable.Repeat(item, count)) + "],\"paging\":{\"next_cursor\":" + JsonSerializer.Serialize(next) + ",\"previous_cursor\":\"\"}}";

        [Fact]
        public async Task Get_ReadsEveryField_AndKeepsUnknownOnes()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ModelJson));
            using var client = WithToken(handler);

            var m = await client.Models.GetAsync(Space, "Thermo", None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("GET", r.Method);
            Assert.Equal("/spaces/space1/models/Thermo", r.Path);
            Assert.Equal(Space, m.Space);
            Assert.Equal("m-1", m.Id);
            Assert.Equal("Thermo", m.Name);
            Assert.Equal("thermostats", m.Description);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), m.Created);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 6, TimeSpan.Zero), m.Modified);
            var owner = Assert.IsType<OrderedDictionary>(m.AdditionalProperties["owner"]);
            Assert.Equal("ops", owner["team"]);
            GraphAssert.NoJsonTypes(m);
        }

        [Fact]
        public async Task Create_PostsNameDescriptionAndExtras()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, ModelJson));
            using var client = WithToken(handler);

            var m = await client.Models.CreateAsync(Space, "Thermo", "thermostats", new Hashtable { ["owner"] = "ops" }, None);

            Assert.Equal("Thermo", m.Name);
            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal("/spaces/space1/models", r.Path);
            Assert.Equal("{\"owner\":\"ops\",\"name\":\"Thermo\",\"description\":\"thermostats\"}", r.Body);
        }

        [Fact]
        public async Task Create_WithoutDescription_SendsOnlyTheName()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, ModelJson));
            using var client = WithToken(handler);

            await client.Models.CreateAsync(Space, "Thermo", null, null, None);

            Assert.Equal("{\"name\":\"Thermo\"}", Assert.Single(handler.Requests).Body);
        }

        [Fact]
        public async Task Update_PutsTheWholeModel_WithTheKeptFields()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ModelJson));
            using var client = WithToken(handler);
            var kept = new OrderedDictionary { ["owner"] = new OrderedDictionary { ["team"] = "ops" } };

            await client.Models.UpdateAsync(Space, "Thermo", "new text", kept, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PUT", r.Method);
            Assert.Equal("/spaces/space1/models/Thermo", r.Path);
            Assert.Equal("{\"owner\":{\"team\":\"ops\"},\"name\":\"Thermo\",\"description\":\"new text\"}", r.Body);
        }

        [Fact]
        public async Task Delete_SendsDelete_AndAcceptsNoContent()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(204));
            using var client = WithToken(handler);

            await client.Models.DeleteAsync(Space, "Thermo", None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("DELETE", r.Method);
            Assert.Equal("/spaces/space1/models/Thermo", r.Path);
            Assert.Null(r.Body);
        }

        [Fact]
        public async Task PathValues_ArePercentEncoded()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, VersionJson));
            using var client = WithToken(handler);

            await client.Models.GetVersionAsync("my space", "a:b", 2, None);

            Assert.Equal("/spaces/my%20space/models/a%3Ab/versions/2", Assert.Single(handler.Requests).Path);
        }

        [Fact]
        public void List_FollowsCursors_WithLimit_AndStopsOnEmptyCursor()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, Page(ModelJson, 2, "c1")))
                .Enqueue(Respond.Json(200, Page(ModelJson, 1, "")));
            using var client = WithToken(handler);

            var all = client.Models.List(Space, pageSize: 2).Enumerate(None).ToList();

            Assert.Equal(3, all.Count);
            Assert.All(all, m => Assert.Equal(Space, m.Space));
            var requests = handler.Requests;
            Assert.Equal(2, requests.Count);
            Assert.All(requests, r =>
            {
                Assert.Equal("GET", r.Method);
                Assert.Equal("/spaces/space1/models", r.Path);
                Assert.Equal("2", r.QueryValue("limit"));
            });
            Assert.Null(requests[0].QueryValue("next_cursor"));
            Assert.Equal("c1", requests[1].QueryValue("next_cursor"));
        }

        [Fact]
        public async Task List_WithACap_AsksOnlyForWhatIsNeeded()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Page(ModelJson, 1, "more")));
            using var client = WithToken(handler);
            var pager = client.Models.List(Space, pageSize: 50, maxItems: 1);

            var page = await pager.NextPageAsync(None);

            Assert.Single(page);
            Assert.False(pager.HasMore);
            Assert.Equal("1", Assert.Single(handler.Requests).QueryValue("limit"));
        }

        [Fact]
        public void ListVersions_PagesUnderTheModel_AndNamesTheModelOnEachVersion()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, Page(VersionJson, 1, "v-next")))
                .Enqueue(Respond.Json(200, Page(VersionJson, 1, null)));
            using var client = WithToken(handler);

            var all = client.Models.ListVersions(Space, "Thermo", pageSize: 1).Enumerate(None).ToList();

            Assert.Equal(2, all.Count);
            Assert.All(all, v => { Assert.Equal("Thermo", v.Model); Assert.Equal(Space, v.Space); });
            Assert.All(handler.Requests, r => Assert.Equal("/spaces/space1/models/Thermo/versions", r.Path));
            Assert.Equal("v-next", handler.Requests[1].QueryValue("next_cursor"));
        }

        [Fact]
        public async Task GetVersion_ReadsTheTemplate_AsPlainValues_AndKeepsUnknownFields()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, VersionJson));
            using var client = WithToken(handler);

            var v = await client.Models.GetVersionAsync(Space, "Thermo", 2, None);

            Assert.Equal("/spaces/space1/models/Thermo/versions/2", Assert.Single(handler.Requests).Path);
            Assert.Equal(2L, v.Version);
            Assert.Equal("Thermo", v.Model);
            Assert.Equal("v2", v.Title);
            Assert.Equal("second", v.Description);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), v.Created);
            Assert.Equal("ci", v.AdditionalProperties["frozen_by"]);
            Assert.Equal("A thermostat", v.Template.Title);
            Assert.Equal("d", v.Template.Description);
            var temperature = Assert.IsType<OrderedDictionary>(v.Template.Properties["temperature"]);
            Assert.Equal("C", temperature["unit"]);
            Assert.Equal(false, ((OrderedDictionary)v.Template.Actions["reboot"])["safe"]);
            Assert.Empty(v.Template.Events);
            Assert.Equal("doc", ((OrderedDictionary)Assert.Single(v.Template.Links))["rel"]);
            Assert.Equal("https://www.w3.org/2019/wot/td/v1", v.Template.AdditionalProperties["@context"]);
            Assert.Equal("properties: temperature; actions: reboot", v.Template.ToString());
            GraphAssert.NoJsonTypes(v);
        }

        [Fact]
        public async Task CreateVersion_PostsTitleDescriptionAndTemplate_InTheApiFieldNames()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, VersionJson));
            using var client = WithToken(handler);
            var template = new ThingModelTemplate
            {
                Title = "A thermostat",
                Properties = new OrderedDictionary { ["temperature"] = new OrderedDictionary { ["type"] = "number" } },
                Links = new object[] { new OrderedDictionary { ["href"] = "https://x.test", ["rel"] = "doc" } },
            };
            template.AdditionalProperties["@context"] = "ctx";

            var v = await client.Models.CreateVersionAsync(Space, "Thermo", "v2", null, template, new OrderedDictionary { ["note"] = 1 }, None);

            Assert.Equal(2L, v.Version);
            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal("/spaces/space1/models/Thermo/versions", r.Path);
            Assert.Equal("{\"note\":1,\"title\":\"v2\",\"template\":{\"@context\":\"ctx\",\"title\":\"A thermostat\"," +
                         "\"properties\":{\"temperature\":{\"type\":\"number\"}},\"links\":[{\"href\":\"https://x.test\",\"rel\":\"doc\"}]}}", r.Body);
        }

        [Fact]
        public async Task CreateVersion_WithNothingGiven_SendsAnEmptyObject()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, "{\"version\":1,\"created\":\"2024-01-02T03:04:05Z\"}"));
            using var client = WithToken(handler);

            var v = await client.Models.CreateVersionAsync(Space, "Thermo", null, null, null, null, None);

            Assert.Equal(1L, v.Version);
            Assert.Null(v.Template);
            Assert.Equal("{}", Assert.Single(handler.Requests).Body);
        }

        [Fact]
        public async Task TemplateClone_CopiesTheMaps_SoEditsDoNotReachTheOriginal()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, VersionJson));
            using var client = WithToken(handler);
            var original = (await client.Models.GetVersionAsync(Space, "Thermo", 2, None)).Template;

            var copy = original.Clone();
            copy.Properties.Remove("temperature");
            copy.AdditionalProperties["x"] = 1;
            copy.Links[0] = "changed";

            Assert.True(original.Properties.Contains("temperature"));
            Assert.False(original.AdditionalProperties.Contains("x"));
            Assert.IsType<OrderedDictionary>(original.Links[0]);
        }

        public static IEnumerable<object[]> InvalidNameCalls()
        {
            Func<IotStudio.Http.IotStudioClient, string, Task>[] calls =
            {
                (c, n) => c.Models.GetAsync(Space, n, None),
                (c, n) => c.Models.CreateAsync(Space, n, "d", null, None),
                (c, n) => c.Models.UpdateAsync(Space, n, "d", null, None),
                (c, n) => c.Models.DeleteAsync(Space, n, None),
                (c, n) => c.Models.GetVersionAsync(Space, n, 1, None),
                (c, n) => c.Models.CreateVersionAsync(Space, n, "t", null, null, null, None),
                (c, n) => Task.FromResult(c.Models.ListVersions(Space, n)),
            };
            foreach (var name in new[] { "has space", "", null, "a/b", new string('x', 27), "ok\n" })
                foreach (var call in calls)
                    yield return new object[] { name, call };
        }

        [Theory]
        [MemberData(nameof(InvalidNameCalls))]
        public async Task InvalidModelName_IsRefused_BeforeAnythingIsSent(string name, Func<IotStudio.Http.IotStudioClient, string, Task> send)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ModelJson));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => send(client, name));

            Assert.Equal("Model", ex.ParamName);
            Assert.Contains("not a valid Model name", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-3)]
        public async Task VersionBelowOne_IsRefused_BeforeAnythingIsSent(long version)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, VersionJson));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetVersionAsync(Space, "Thermo", version, None));

            Assert.Equal("version", ex.ParamName);
            Assert.Contains("numbered from 1", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task EmptySpace_IsRefused_BeforeAnythingIsSent()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ModelJson));
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync(" ", "Thermo", None));
            Assert.Throws<ArgumentException>(() => client.Models.List(""));

            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task NotFound_IsAnApiException_WithTheServiceMessage()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(404, "model 'Nope' not found"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudio.Http.IotStudioApiException>(() => client.Models.GetAsync(Space, "Nope", None));

            Assert.Equal(404, ex.StatusCode);
            Assert.Equal("model 'Nope' not found", ex.ApiMessage);
        }
    }
}
