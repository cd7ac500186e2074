using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Paging;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ActionsApiTests
    {
        private const string ActionId = "01GQ2E9M2Y45BX9EW0X3D6QGXA";
        private const string ActionId2 = "01GQ2E9M2Y45BX9EW0X3D6QGXB";
        private static readonly string ActionsPath = $"/spaces/space1/things/{Uid}/actions";
        private static readonly ThingPath Plain = new ThingPath(Space, Uid);
        private static readonly ThingPath Scoped = new ThingPath(Space, Uid, "Boilers");

        private static string ActionJson(string name, string id, string status, string input = "{\"level\":3}", string timeRequested = "2022-06-02 15:37:46+0000", string extra = "") =>
            "{\"" + name + "\":{\"input\":" + input + ",\"status\":\"" + status + "\",\"timeRequested\":\"" + timeRequested + "\"," + extra +
            "\"href\":\"/spaces/space1/things/" + Uid + "/actions/" + name + "/" + id + "\"}}";

        [Fact]
        public async Task Create_PostsTheSingleKeyBody_AndReadsTheSingleKeyAnswer()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, ActionJson("reboot", ActionId, "pending")));
            using var client = WithToken(handler);

            var action = await client.Actions.CreateAsync(Plain, "reboot", new OrderedDictionary { { "level", 3 } }, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal(ActionsPath + "/reboot", r.Path);
            Assert.Equal("{\"reboot\":{\"input\":{\"level\":3}}}", r.Body);
            Assert.StartsWith("application/json", r.ContentType);
            Assert.Equal("reboot", action.Name);
            Assert.Equal(ActionId, action.Id);
            Assert.Equal("pending", action.Status);
            Assert.False(action.IsFinal);
            Assert.Equal(Space, action.Space);
            Assert.Equal(Uid, action.ThingId);
            Assert.Equal(3L, ((OrderedDictionary)action.Input)["level"]);
            Assert.Equal(new DateTimeOffset(2022, 6, 2, 15, 37, 46, TimeSpan.Zero), action.TimeRequested);
            Assert.Null(action.TimeCompleted);
            Assert.Empty(action.AdditionalProperties);
            GraphAssert.NoJsonTypes(action);
        }

        [Fact]
        public async Task Create_WithoutInput_SendsAnEmptyRequestObject()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, ActionJson("reboot", ActionId, "pending", input: "null")));
            using var client = WithToken(handler);

            var action = await client.Actions.CreateAsync(Plain, "reboot", null, None);

            Assert.Equal("{\"reboot\":{}}", handler.Requests[0].Body);
            Assert.Null(action.Input);
        }

        [Fact]
        public async Task Create_ScalarAndListInputs_AreSentAsJson()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, ActionJson("dim", ActionId, "pending", input: "[1,\"x\",true]")));
            using var client = WithToken(handler);

            var action = await client.Actions.CreateAsync(Plain, "dim", new List<object> { 1L, "x", true }, None);

            Assert.Equal("{\"dim\":{\"input\":[1,\"x\",true]}}", handler.Requests[0].Body);
            Assert.Equal(new List<object> { 1L, "x", true }, action.Input);
        }

        [Fact]
        public async Task EveryOperation_UsesTheCategoryScopedPath_WhenTheThingPathHasACategory()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(201, ActionJson("reboot", ActionId, "pending")))
                .Enqueue(Respond.Json(200, "{\"data\":[],\"paging\":{\"next_cursor\":\"\"}}"))
                .Enqueue(Respond.Json(200, "{\"data\":[],\"paging\":{\"next_cursor\":\"\"}}"))
                .Enqueue(Respond.Json(200, ActionJson("reboot", ActionId, "pending")))
                .Enqueue(Respond.Json(200, ActionJson("reboot", ActionId, "completed")))
                .Enqueue(Respond.Status(204));
            using var client = WithToken(handler);

            await client.Actions.CreateAsync(Scoped, "reboot", null, None);
            await client.Actions.List(Scoped).NextPageAsync(None);
            await client.Actions.ListByName(Scoped, "reboot").NextPageAsync(None);
            await client.Actions.GetAsync(Scoped, "reboot", ActionId, None);
            await client.Actions.UpdateAsync(Scoped, "reboot", ActionId, "completed", null, None);
            await client.Actions.DeleteAsync(Scoped, "reboot", ActionId, None);

            var root = $"/spaces/space1/categories/Boilers/things/{Uid}/actions";
            Assert.Equal(new[] { "POST", "GET", "GET", "GET", "PUT", "DELETE" }, handler.Requests.Select(r => r.Method));
            Assert.Equal(new[] { root + "/reboot", root, root + "/reboot", root + "/reboot/" + ActionId, root + "/reboot/" + ActionId, root + "/reboot/" + ActionId },
                handler.Requests.Select(r => r.Path));
        }

        [Fact]
        public async Task Names_AreEncodedAsOnePathSegment()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, "{\"set point\":{\"status\":\"pending\",\"href\":\"/x/set%20point/" + ActionId + "\"}}"));
            using var client = WithToken(handler);

            var action = await client.Actions.CreateAsync(Plain, "set point", null, None);

            Assert.Equal(ActionsPath + "/set%20point", handler.Requests[0].Path);
            Assert.Equal("set point", action.Name);
            Assert.Equal(ActionId, action.Id);
        }

        [Fact]
        public async Task Update_SendsStatusAndOutput_UnderTheActionName()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ActionJson("reboot", ActionId, "completed",
                timeRequested: "2022-06-02T15:37:46Z", extra: "\"timeCompleted\":\"2022-06-02T15:38:00.5+02:00\",\"output\":{\"ok\":true},")));
            using var client = WithToken(handler);

            var action = await client.Actions.UpdateAsync(Plain, "reboot", ActionId, "completed", new OrderedDictionary { { "ok", true } }, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PUT", r.Method);
            Assert.Equal($"{ActionsPath}/reboot/{ActionId}", r.Path);
            Assert.Equal("{\"reboot\":{\"status\":\"completed\",\"output\":{\"ok\":true}}}", r.Body);
            Assert.Equal("completed", action.Status);
            Assert.True(action.IsFinal);
            Assert.Equal(true, ((OrderedDictionary)action.Output)["ok"]);
            Assert.Equal(new DateTimeOffset(2022, 6, 2, 15, 37, 46, TimeSpan.Zero), action.TimeRequested);
            Assert.Equal(new DateTimeOffset(2022, 6, 2, 15, 38, 0, 500, TimeSpan.FromHours(2)), action.TimeCompleted);
        }

        [Fact]
        public async Task Update_LeavesOutAWhatIsNotGiven_AndRefusesAnEmptyUpdate()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ActionJson("reboot", ActionId, "running")));
            using var client = WithToken(handler);

            await client.Actions.UpdateAsync(Plain, "reboot", ActionId, "running", null, None);
            await client.Actions.UpdateAsync(Plain, "reboot", ActionId, null, 42L, None);
            await Assert.ThrowsAsync<ArgumentException>(() => client.Actions.UpdateAsync(Plain, "reboot", ActionId, null, null, None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Actions.UpdateAsync(Plain, "reboot", ActionId, "  ", null, None));

            Assert.Equal(new[] { "{\"reboot\":{\"status\":\"running\"}}", "{\"reboot\":{\"output\":42}}" }, handler.Requests.Select(r => r.Body));
        }

        [Theory]
        [InlineData("", ActionId)]
        [InlineData("a/b", ActionId)]
        [InlineData("..", ActionId)]
        [InlineData("bad\nname", ActionId)]
        [InlineData("reboot", "not-a-ulid")]
        [InlineData("reboot", "81GQ2E9M2Y45BX9EW0X3D6QGXA")]
        public async Task InvalidNamesAndIds_AreRefusedBeforeAnyRequest(string name, string id)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ActionJson("reboot", ActionId, "pending")));
            using var client = WithToken(handler);

            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Actions.GetAsync(Plain, name, id, None));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Actions.UpdateAsync(Plain, name, id, "completed", null, None));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Actions.DeleteAsync(Plain, name, id, None));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Actions.WaitAsync(Plain, name, id, TimeSpan.FromSeconds(1), None));
            if (name != "reboot")
            {
                await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Actions.CreateAsync(Plain, name, null, None));
                Assert.ThrowsAny<ArgumentException>(() => client.Actions.ListByName(Plain, name));
            }

            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task AnInvalidThingId_IsRefusedBeforeAnyRequest()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, ActionJson("reboot", ActionId, "pending")));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Actions.CreateAsync(new ThingPath(Space, "nope"), "reboot", null, None));

            Assert.Contains("Thing id", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task List_ReadsOneSingleKeyMapPerItem_AndFollowsTheCursor()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, "{\"data\":[" + ActionJson("reboot", ActionId, "pending") + "," + ActionJson("dim", ActionId2, "completed", input: "5") +
                                           "],\"paging\":{\"next_cursor\":\"c2\",\"previous_cursor\":\"\"}}"))
                .Enqueue(Respond.Json(200, "{\"data\":[" + ActionJson("reboot", "01GQ2E9M2Y45BX9EW0X3D6QGXC", "failed") + "],\"paging\":{\"next_cursor\":\"\",\"previous_cursor\":\"c1\"}}"));
            using var client = WithToken(handler);

            var all = client.Actions.List(Plain, pageSize: 2).Enumerate(None).ToList();

            Assert.Equal(new[] { "reboot", "dim", "reboot" }, all.Select(a => a.Name));
            Assert.Equal(new[] { ActionId, ActionId2, "01GQ2E9M2Y45BX9EW0X3D6QGXC" }, all.Select(a => a.Id));
            Assert.Equal(new[] { false, true, true }, all.Select(a => a.IsFinal));
            Assert.Equal(5L, all[1].Input);
            Assert.All(all, a => Assert.Equal(Uid, a.ThingId));
            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(ActionsPath, handler.Requests[0].Path);
            Assert.Equal("2", handler.Requests[0].QueryValue("limit"));
            Assert.Null(handler.Requests[0].QueryValue("next_cursor"));
            Assert.Equal("c2", handler.Requests[1].QueryValue("next_cursor"));
            GraphAssert.NoJsonTypes(all);
        }

        [Fact]
        public async Task ListByName_AsksForOnlyAsManyAsTheCapNeeds()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"data\":[" + ActionJson("reboot", ActionId, "pending") + "],\"paging\":{\"next_cursor\":\"more\"}}"));
            using var client = WithToken(handler);

            var pager = client.Actions.ListByName(Plain, "reboot", pageSize: 50, maxItems: 1);
            var page = await pager.NextPageAsync(None);

            Assert.Single(page);
            Assert.False(pager.HasMore);
            var r = Assert.Single(handler.Requests);
            Assert.Equal(ActionsPath + "/reboot", r.Path);
            Assert.Equal("1", r.QueryValue("limit"));
        }

        [Theory]
        [InlineData("{\"data\":[{}]}")]
        [InlineData("{\"data\":[{\"a\":{},\"b\":{}}]}")]
        [InlineData("{\"data\":[{\"a\":\"pending\"}]}")]
        [InlineData("{\"data\":[[1]]}")]
        public async Task AListItemThatIsNotASingleKeyMap_IsAResponseError(string body)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, body));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Actions.List(Plain).NextPageAsync(None));

            Assert.IsType<FormatException>(ex.InnerException);
        }

        [Fact]
        public async Task UnknownFields_AreKept_AndAnHrefWithATrailingSlashOrQueryStillGivesTheId()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, "{\"reboot\":{\"status\":\"pending\",\"priority\":2,\"href\":\"https://h/spaces/s/things/t/actions/reboot/" + ActionId + "/?x=1\"}}"))
                .Enqueue(Respond.Json(200, "{\"reboot\":{\"status\":\"pending\",\"id\":\"" + ActionId2 + "\"}}"));
            using var client = WithToken(handler);

            var a = await client.Actions.GetAsync(Plain, "reboot", ActionId, None);
            var b = await client.Actions.GetAsync(Plain, "reboot", ActionId2, None);

            Assert.Equal(ActionId, a.Id);
            Assert.Equal(2L, a.AdditionalProperties["priority"]);
            Assert.Equal(ActionId2, b.Id);
            Assert.Null(b.Href);
        }

        [Theory]
        [InlineData("completed", true)]
        [InlineData("Completed", true)]
        [InlineData("failed", true)]
        [InlineData("cancelled", true)]
        [InlineData("canceled", true)]
        [InlineData("pending", false)]
        [InlineData("running", false)]
        [InlineData("received", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        public void FinalStatuses_AreTheRuleOfIsFinal(string status, bool final)
        {
            Assert.Equal(final, ThingAction.IsFinalStatus(status));
            Assert.Equal(final, new ThingAction { Status = status }.IsFinal);
        }

        [Fact]
        public void FinalStatuses_CannotBeChangedByACaller()
        {
            Assert.Equal(new[] { "completed", "failed", "cancelled", "canceled" }, ThingAction.FinalStatuses);
            Assert.False(ThingAction.FinalStatuses is ICollection<string> c && !c.IsReadOnly);
        }

        [Fact]
        public async Task Wait_ReadsUntilTheStatusIsFinal_WithGrowingPauses()
        {
            var times = new List<TimeSpan>();
            var clock = Stopwatch.StartNew();
            var statuses = new Queue<string>(new[] { "pending", "running", "running", "completed" });
            var handler = new FakeHandler().Always(_ =>
            {
                times.Add(clock.Elapsed);
                return Respond.Json(200, ActionJson("reboot", ActionId, statuses.Dequeue()));
            });
            using var client = WithToken(handler);

            var action = await client.Actions.WaitAsync(Plain, "reboot", ActionId, TimeSpan.FromSeconds(30), None,
                firstInterval: TimeSpan.FromMilliseconds(40), maxInterval: TimeSpan.FromMilliseconds(100));

            Assert.Equal("completed", action.Status);
            Assert.True(action.IsFinal);
            Assert.Equal(4, handler.Requests.Count);
            Assert.All(handler.Requests, r => Assert.Equal(("GET", $"{ActionsPath}/reboot/{ActionId}"), (r.Method, r.Path)));
            // Pauses of 40, 80, then 100 ms (the cap): each at least as long as asked.
            var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
            Assert.True(gaps[0] >= TimeSpan.FromMilliseconds(35), $"first pause {gaps[0]}");
            Assert.True(gaps[1] >= TimeSpan.FromMilliseconds(75), $"second pause {gaps[1]}");
            Assert.True(gaps[2] >= TimeSpan.FromMilliseconds(95), $"third pause {gaps[2]}");
        }

        [Fact]
        public async Task Wait_ReturnsTheLastActionRead_WhenTheTimeRunsOut_AfterAReadAtTheDeadline()
        {
            var times = new List<TimeSpan>();
            var clock = Stopwatch.StartNew();
            var handler = new FakeHandler().Always(_ =>
            {
                lock (times) times.Add(clock.Elapsed);
                return Respond.Json(200, ActionJson("reboot", ActionId, "pending"));
            });
            using var client = WithToken(handler);
            clock.Restart();

            var action = await TaskAssert.CompletesAsync(client.Actions.WaitAsync(Plain, "reboot", ActionId, TimeSpan.FromMilliseconds(300), None,
                firstInterval: TimeSpan.FromMilliseconds(50), maxInterval: TimeSpan.FromMilliseconds(1000)));

            Assert.Equal("pending", action.Status);
            Assert.False(action.IsFinal);
            // Reads at 0, 50, 150 ms and, the pause cut short, one more at the deadline: never a pause past it.
            Assert.True(times.Count >= 2, $"{times.Count} reads");
            Assert.True(times[times.Count - 1] >= TimeSpan.FromMilliseconds(295), $"last read at {times[times.Count - 1]}");
            Assert.True(times.Count < 2 || times[times.Count - 2] < TimeSpan.FromMilliseconds(310), "only the last read may come at or after the deadline");
        }

        [Fact]
        public async Task Wait_WithZeroTimeout_ReadsOnce()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ActionJson("reboot", ActionId, "pending")));
            using var client = WithToken(handler);

            var action = await client.Actions.WaitAsync(Plain, "reboot", ActionId, TimeSpan.Zero, None);

            Assert.False(action.IsFinal);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Wait_EndsAPauseAtOnce_WhenCancelled()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ActionJson("reboot", ActionId, "pending")));
            using var client = WithToken(handler);
            using var cts = new CancellationTokenSource();

            var wait = client.Actions.WaitAsync(Plain, "reboot", ActionId, TimeSpan.FromMinutes(5), cts.Token,
                firstInterval: TimeSpan.FromSeconds(30), maxInterval: TimeSpan.FromSeconds(30));
            while (handler.Requests.Count == 0) await Task.Delay(10);
            cts.Cancel();

            await TaskAssert.CompletesAsync(Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait), seconds: 5);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Wait_PassesOnAFailedRead()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(404, "action not found"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAnyAsync<IotStudioApiException>(() => client.Actions.WaitAsync(Plain, "reboot", ActionId, TimeSpan.FromSeconds(5), None));

            Assert.Equal(404, ex.StatusCode);
        }
    }
}
