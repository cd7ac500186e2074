using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ThingPatchApiTests
    {
        private static readonly JsonPatchOperation[] Ops = { JsonPatchOperation.Replace("description", "new"), JsonPatchOperation.Remove("properties/old") };
        private const string OpsJson = "[{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"new\"},{\"op\":\"remove\",\"path\":\"/properties/old\"}]";

        [Theory]
        [InlineData(null, "/spaces/space1/things/" + Uid)]
        [InlineData("Boilers", "/spaces/space1/categories/Boilers/things/" + Uid)]
        public async Task Patch_SendsTheOperationsAsJsonPatch_AndReadsThePatchedThing(string category, string path)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"uid\":\"" + Uid + "\",\"description\":\"new\"}"));
            using var client = WithToken(handler);

            var thing = await client.Things.PatchAsync(new ThingPath(Space, Uid, category), Ops, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PATCH", r.Method);
            Assert.Equal(path, r.Path);
            Assert.StartsWith("application/json-patch+json", r.ContentType);
            Assert.Equal(OpsJson, r.Body);
            Assert.Equal(Uid, thing.Uid);
            Assert.Equal("new", thing.Description);
            Assert.Equal(Space, thing.Space);
        }

        [Fact]
        public async Task Patch_EmptyPatchOrBadId_IsRefusedBeforeSending()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.PatchAsync(new ThingPath(Space, Uid), new JsonPatchOperation[0], None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.PatchAsync(new ThingPath(Space, "nope"), Ops, None));

            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task PatchMany_SendsIdAndPatchPerThing_AndGivesOneResultPerThing_InOrder()
        {
            const string missing = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
            var body = "{\"has_errors\":[1],\"results\":[" +
                       "{\"status\":200,\"response\":{\"uid\":\"" + Uid + "\",\"description\":\"new\"}}," +
                       "{\"status\":404,\"response\":{\"error\":{\"status\":404,\"message\":\"thing '" + missing + "' not found\",\"details\":{\"thing_id\":\"" + missing + "\"}}}}," +
                       "{\"status\":200,\"response\":{\"uid\":\"" + Uid2 + "\",\"description\":\"new\"}}]}";
            var handler = new FakeHandler().Always(_ => Respond.Json(207, body));
            using var client = WithToken(handler);

            var results = await client.Things.PatchManyAsync(Space, null, new[] { Uid, missing, Uid2 }.Select(id => new ThingPatch(id, Ops)), None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PATCH", r.Method);
            Assert.Equal("/spaces/space1/things", r.Path);
            Assert.StartsWith("application/json", r.ContentType);
            Assert.Equal("[{\"id\":\"" + Uid + "\",\"patch\":" + OpsJson + "},{\"id\":\"" + missing + "\",\"patch\":" + OpsJson + "},{\"id\":\"" + Uid2 + "\",\"patch\":" + OpsJson + "}]", r.Body);

            Assert.Equal(new[] { Uid, missing, Uid2 }, results.Select(x => x.ThingId));
            Assert.True(results[0].Succeeded);
            Assert.Equal("new", results[0].Thing.Description);
            Assert.Equal(Space, results[0].Thing.Space);
            Assert.False(results[1].Succeeded);
            Assert.Null(results[1].Thing);
            Assert.Equal(404, results[1].StatusCode);
            Assert.Equal(404, results[1].Exception.StatusCode);
            Assert.Equal($"thing '{missing}' not found", results[1].Exception.ApiMessage);
            Assert.Equal($"thing '{missing}' not found", results[1].Error.Message);
            Assert.Equal(missing, results[1].Error.Details["thing_id"]);
            Assert.Equal("PATCH", results[1].Exception.Method);
            Assert.True(results[2].Succeeded);
        }

        [Fact]
        public async Task PatchMany_Scoped_GoesToTheCategorysThings()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(207, "{\"has_errors\":[],\"results\":[{\"status\":200,\"response\":{\"uid\":\"" + Uid + "\"}}]}"));
            using var client = WithToken(handler);

            await client.Things.PatchManyAsync(Space, "Boilers", new[] { new ThingPatch(Uid, Ops) }, None);

            Assert.Equal("/spaces/space1/categories/Boilers/things", Assert.Single(handler.Requests).Path);
        }

        [Theory]
        [InlineData("{\"has_errors\":[],\"results\":[]}")]
        [InlineData("{\"has_errors\":[]}")]
        [InlineData("{\"results\":[{\"response\":{}}]}")]
        public async Task PatchMany_AnswerThatDoesNotMatchTheRequest_IsAResponseError(string body)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(207, body));
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Things.PatchManyAsync(Space, null, new[] { new ThingPatch(Uid, Ops) }, None));
        }

        [Fact]
        public async Task PatchMany_NoItems_IsRefusedBeforeSending()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.PatchManyAsync(Space, null, new ThingPatch[0], None));
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task PatchAndPatchMany_AreNotRetriedOnAServerError()
        {
            var handler = new FakeHandler().Always(_ => Respond.Error(503, "busy"));
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.PatchAsync(new ThingPath(Space, Uid), Ops, None));
            await Assert.ThrowsAsync<IotStudioApiException>(() => client.Things.PatchManyAsync(Space, null, new[] { new ThingPatch(Uid, Ops) }, None));

            Assert.Equal(2, handler.Requests.Count);
        }
    }
}
