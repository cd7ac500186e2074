using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Threading.Tasks;
using IotStudio.Paging;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class EventsApiTests
    {
        private const string EventId = "01GQ2E9M2Y45BX9EW0X3D6QGXE";
        private const string EventId2 = "01GQ2E9M2Y45BX9EW0X3D6QGXF";
        private static readonly string EventsPath = $"/spaces/space1/things/{Uid}/events";
        private static readonly ThingPath Plain = new ThingPath(Space, Uid);
        private static readonly ThingPath Scoped = new ThingPath(Space, Uid, "Boilers");

        private static string EventJson(string name, string id, string data = "{\"level\":\"high\"}", string timestamp = "2022-06-02 15:37:46+0000") =>
            "{\"" + name + "\":{\"data\":" + data + ",\"timestamp\":\"" + timestamp + "\",\"href\":\"https://api.example.test/spaces/space1/things/" + Uid + "/events/" + name + "/" + id + "\"}}";

        [Fact]
        public async Task Create_PostsTheSingleKeyBody_AndReadsTheSingleKeyAnswer()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, EventJson("overheat", EventId)));
            using var client = WithToken(handler);

            var ev = await client.Events.CreateAsync(Plain, "overheat", new OrderedDictionary { { "level", "high" } }, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal(EventsPath + "/overheat", r.Path);
            Assert.Equal("{\"overheat\":{\"data\":{\"level\":\"high\"}}}", r.Body);
            Assert.Equal("overheat", ev.Name);
            Assert.Equal(EventId, ev.Id);
            Assert.Equal("high", ((OrderedDictionary)ev.Data)["level"]);
            Assert.Equal(new DateTimeOffset(2022, 6, 2, 15, 37, 46, TimeSpan.Zero), ev.Timestamp);
            Assert.Equal(Space, ev.Space);
            Assert.Equal(Uid, ev.ThingId);
            Assert.EndsWith("/events/overheat/" + EventId, ev.Href);
            GraphAssert.NoJsonTypes(ev);
        }

        [Theory]
        [InlineData("2023-01-05T10:20:30Z", 10, 0)]
        [InlineData("2023-01-05T10:20:30.250+01:00", 10, 1)]
        [InlineData("2023-01-05 10:20:30+0000", 10, 0)]
        [InlineData("2023-01-05 10:20:30-0530", 10, -5.5)]
        public async Task Timestamps_AreReadInBothForms(string text, int hour, double offsetHours)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, EventJson("overheat", EventId, timestamp: text)));
            using var client = WithToken(handler);

            var ev = await client.Events.GetAsync(Plain, "overheat", EventId, None);

            Assert.NotNull(ev.Timestamp);
            Assert.Equal(hour, ev.Timestamp.Value.Hour);
            Assert.Equal(20, ev.Timestamp.Value.Minute);
            Assert.Equal(TimeSpan.FromHours(offsetHours), ev.Timestamp.Value.Offset);
        }

        [Fact]
        public async Task Create_WithoutData_SendsAnEmptyObject_AndScalarDataAsIs()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, EventJson("tick", EventId, data: "7")));
            using var client = WithToken(handler);

            await client.Events.CreateAsync(Plain, "tick", null, None);
            var ev = await client.Events.CreateAsync(Plain, "tick", 7L, None);

            Assert.Equal(new[] { "{\"tick\":{}}", "{\"tick\":{\"data\":7}}" }, handler.Requests.Select(r => r.Body));
            Assert.Equal(7L, ev.Data);
        }

        [Fact]
        public async Task EveryOperation_UsesTheCategoryScopedPath_WhenTheThingPathHasACategory()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(201, EventJson("overheat", EventId)))
                .Enqueue(Respond.Json(200, "{\"data\":[],\"paging\":{}}"))
                .Enqueue(Respond.Json(200, "{\"data\":[],\"paging\":{}}"))
                .Enqueue(Respond.Json(200, EventJson("overheat", EventId)))
                .Enqueue(Respond.Status(204));
            using var client = WithToken(handler);

            await client.Events.CreateAsync(Scoped, "overheat", 1L, None);
            await client.Events.List(Scoped).NextPageAsync(None);
            await client.Events.ListByName(Scoped, "overheat").NextPageAsync(None);
            await client.Events.GetAsync(Scoped, "overheat", EventId, None);
            await client.Events.DeleteAsync(Scoped, "overheat", EventId, None);

            var root = $"/spaces/space1/categories/Boilers/things/{Uid}/events";
            Assert.Equal(new[] { "POST", "GET", "GET", "GET", "DELETE" }, handler.Requests.Select(r => r.Method));
            Assert.Equal(new[] { root + "/overheat", root, root + "/overheat", root + "/overheat/" + EventId, root + "/overheat/" + EventId },
                handler.Requests.Select(r => r.Path));
        }

        [Fact]
        public async Task List_ReadsOneSingleKeyMapPerItem_AcrossPages()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, "{\"data\":[" + EventJson("overheat", EventId) + "],\"paging\":{\"next_cursor\":\"n1\"}}"))
                .Enqueue(Respond.Json(200, "{\"data\":[" + EventJson("door", EventId2, data: "[true,null]", timestamp: "2022-06-03T00:00:00Z") + "],\"paging\":{\"next_cursor\":\"\"}}"));
            using var client = WithToken(handler);

            var all = client.Events.List(Plain, pageSize: 1).Enumerate(None).ToList();

            Assert.Equal(new[] { "overheat", "door" }, all.Select(e => e.Name));
            Assert.Equal(new[] { EventId, EventId2 }, all.Select(e => e.Id));
            Assert.Equal(new List<object> { true, null }, all[1].Data);
            Assert.Equal(new DateTimeOffset(2022, 6, 3, 0, 0, 0, TimeSpan.Zero), all[1].Timestamp);
            Assert.Equal(new[] { EventsPath, EventsPath }, handler.Requests.Select(r => r.Path));
            Assert.Equal(new[] { "1", "1" }, handler.Requests.Select(r => r.QueryValue("limit")));
            Assert.Equal("n1", handler.Requests[1].QueryValue("next_cursor"));
        }

        [Fact]
        public async Task ListByName_StopsAtTheCap()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"data\":[" + EventJson("overheat", EventId) + "," + EventJson("overheat", EventId2) + "],\"paging\":{\"next_cursor\":\"n\"}}"));
            using var client = WithToken(handler);

            var all = client.Events.ListByName(Plain, "overheat", pageSize: 10, maxItems: 2).Enumerate(None).ToList();

            Assert.Equal(2, all.Count);
            var r = Assert.Single(handler.Requests);
            Assert.Equal(EventsPath + "/overheat", r.Path);
            Assert.Equal("2", r.QueryValue("limit"));
        }

        [Fact]
        public async Task AnEventThatIsNotASingleKeyMap_IsAResponseError()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, "{\"a\":{\"data\":1},\"b\":{\"data\":2}}"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Events.CreateAsync(Plain, "a", 1L, None));

            Assert.Contains("exactly one key", ex.Message);
        }

        [Theory]
        [InlineData("", EventId)]
        [InlineData(" ", EventId)]
        [InlineData("a/b", EventId)]
        [InlineData(".", EventId)]
        [InlineData("overheat", "01GQ2E9M2Y45BX9EW0X3D6QGX")]
        [InlineData("overheat", "01GQ2E9M2Y45BX9EW0X3D6QGXU")]
        public async Task InvalidNamesAndIds_AreRefusedBeforeAnyRequest(string name, string id)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, EventJson("overheat", EventId)));
            using var client = WithToken(handler);

            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Events.GetAsync(Plain, name, id, None));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Events.DeleteAsync(Plain, name, id, None));
            if (name != "overheat")
            {
                await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Events.CreateAsync(Plain, name, 1L, None));
                Assert.ThrowsAny<ArgumentException>(() => client.Events.ListByName(Plain, name));
            }

            Assert.Empty(handler.Requests);
        }
    }
}
