using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using IotStudio.Paging;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class PagingTests
    {

        [Fact]
        public void FollowsNextCursor_RepeatingTheSameRequest_UntilEmptyCursor()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, Bodies.ThingPage(1, 2, "cur-1")))
                .Enqueue(Respond.Json(200, Bodies.ThingPage(3, 2, "cur/2+=")))
                .Enqueue(Respond.Json(200, Bodies.ThingPage(5, 1, "")));
            using var client = WithToken(handler);
            var pager = client.Things.List(Space, new ThingQuery { Title = "pump", Model = "m1" }, pageSize: 2);

            var titles = pager.Enumerate(None).Select(t => t.Title).ToList();

            Assert.Equal(new[] { "t1", "t2", "t3", "t4", "t5" }, titles);
            var requests = handler.Requests;
            Assert.Equal(3, requests.Count);
            Assert.All(requests, r =>
            {
                Assert.Equal("GET", r.Method);
                Assert.Equal("/spaces/space1/things", r.Path);
                Assert.Equal("pump", r.QueryValue("title"));
                Assert.Equal("m1", r.QueryValue("model"));
                Assert.Equal("2", r.QueryValue("limit"));
            });
            Assert.Null(requests[0].QueryValue("next_cursor"));
            Assert.Equal("cur-1", requests[1].QueryValue("next_cursor"));
            // Opaque cursors go back byte for byte, whatever characters they hold.
            Assert.Equal("cur/2+=", requests[2].QueryValue("next_cursor"));
            Assert.False(pager.HasMore);
            Assert.Equal(3, pager.PagesFetched);
        }

        [Theory]
        [InlineData(false, null)]  // no "paging" object at all
        [InlineData(true, null)]   // "paging" without next_cursor
        public async Task StopsWhenNextCursorIsMissing(bool includePaging, string cursor)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Bodies.ThingPage(1, 3, cursor, includePaging)));
            using var client = WithToken(handler);
            var pager = client.Things.List(Space, null, pageSize: 3);

            var page = await pager.NextPageAsync(None);
            var after = await pager.NextPageAsync(None);

            Assert.Equal(3, page.Count);
            Assert.Empty(after);
            Assert.False(pager.HasMore);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task StopsWhenNextCursorIsJsonNull()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"data\":[" + Bodies.ThingJson(1) + "],\"paging\":{\"next_cursor\":null}}"));
            using var client = WithToken(handler);

            var all = client.Things.List(Space, null).Enumerate(None).ToList();

            Assert.Single(all);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public void MaxItems250_PageSize100_SendsThreeRequestsWithLimits100_100_50()
        {
            var n = 0;
            var handler = new FakeHandler().Always(r =>
            {
                var limit = int.Parse(r.QueryValue("limit"));
                var body = Bodies.ThingPage(n + 1, limit, "c" + (n + limit));
                n += limit;
                return Respond.Json(200, body);
            });
            using var client = WithToken(handler);

            var things = client.Things.List(Space, null, pageSize: 100, maxItems: 250).Enumerate(None).ToList();

            Assert.Equal(250, things.Count);
            Assert.Equal(250, things.Select(t => t.Uid).Distinct().Count());
            Assert.Equal(new[] { "100", "100", "50" }, handler.Requests.Select(r => r.QueryValue("limit")));
        }

        [Fact]
        public void ShortPages_NeverAskForMoreThanRemains()
        {
            // The server answers at most 60 per page; the pager must shrink limit to what is still wanted.
            var n = 0;
            var handler = new FakeHandler().Always(r =>
            {
                var body = Bodies.ThingPage(n + 1, 60, "c" + (n + 60));
                n += 60;
                return Respond.Json(200, body);
            });
            using var client = WithToken(handler);

            var things = client.Things.List(Space, null, pageSize: 100, maxItems: 150).Enumerate(None).ToList();

            Assert.Equal(150, things.Count);
            Assert.Equal(new[] { "100", "90", "30" }, handler.Requests.Select(r => r.QueryValue("limit")));
        }

        [Fact]
        public async Task RepeatedCursor_ThrowsPagingException_InsteadOfLooping()
        {
            var cursors = new[] { "A", "B", "A", "B", "A" };
            var i = 0;
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Bodies.ThingPage(i + 1, 1, cursors[i++ % cursors.Length])));
            using var client = WithToken(handler);
            var pager = client.Things.List(Space, null, pageSize: 1);

            var ex = await Assert.ThrowsAsync<IotStudioPagingException>(async () =>
            {
                for (var page = 0; page < 10; page++) await pager.NextPageAsync(None);
            });

            Assert.Equal(3, handler.Requests.Count);
            Assert.Contains("'A'", ex.Message);
            Assert.Equal("/spaces/space1/things", ex.Path);
            Assert.Equal("GET", ex.Method);
        }

        [Fact]
        public void SameCursorTwiceInARow_EnumerateThrows()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Bodies.ThingPage(1, 1, "stuck")));
            using var client = WithToken(handler);

            // Take() bounds the test: without the check it would end with 50 items instead of hanging.
            Assert.Throws<IotStudioPagingException>(() => client.Things.List(Space, null, pageSize: 1).Enumerate(None).Take(50).ToList());
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public void Enumeration_IsLazy_FiveItemsOfAThreePageListSendOneRequest()
        {
            var page = 0;
            var handler = new FakeHandler().Always(_ =>
            {
                page++;
                return Respond.Json(200, Bodies.ThingPage(page * 10, 10, page < 3 ? "p" + page : ""));
            });
            using var client = WithToken(handler);
            var pager = client.Things.List(Space, null, pageSize: 10);

            var sequence = pager.Enumerate(None);
            Assert.Empty(handler.Requests);  // nothing is fetched before the enumeration starts

            var first5 = sequence.Take(5).ToList();
            Assert.Equal(5, first5.Count);
            Assert.Single(handler.Requests);

            var first15 = client.Things.List(Space, null, pageSize: 10).Enumerate(None).Take(15).ToList();
            Assert.Equal(15, first15.Count);
            Assert.Equal(3, handler.Requests.Count);  // 1 from before + 2 for the second pager
        }

        [Fact]
        public void ServerSendingMoreThanLimit_DoesNotMakeThePagerYieldMore()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Bodies.ThingPage(1, 8, "more")));
            using var client = WithToken(handler);

            var things = client.Things.List(Space, null, pageSize: 5, maxItems: 5).Enumerate(None).ToList();

            Assert.Equal(5, things.Count);
            Assert.Single(handler.Requests);
            Assert.Equal("5", handler.Requests[0].QueryValue("limit"));
        }

        [Fact]
        public async Task ServerSendingMoreThanLimit_PageIsCutToLimit()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Bodies.ThingPage(1, 8, "")));
            using var client = WithToken(handler);

            var page = await client.Things.List(Space, null, pageSize: 3).NextPageAsync(None);

            Assert.Equal(new[] { "t1", "t2", "t3" }, page.Select(t => t.Title));
        }

        [Fact]
        public async Task MaxItemsZero_SendsNothing()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);
            var pager = client.Things.List(Space, null, maxItems: 0);

            Assert.False(pager.HasMore);
            Assert.Empty(await pager.NextPageAsync(None));
            Assert.Empty(pager.Enumerate(None));
            Assert.Empty(handler.Requests);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(1001)]
        public void PageSizeOutOfRange_IsRefused(int pageSize)
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => client.Things.List(Space, null, pageSize: pageSize));
            Assert.Equal("pageSize", ex.ParamName);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task DefaultPageSize_Is50_AndThingsCarryTheirSpace()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Bodies.ThingPage(1, 1, "")));
            using var client = WithToken(handler);

            var page = await client.Things.List(Space, null).NextPageAsync(None);

            Assert.Equal("50", handler.Requests[0].QueryValue("limit"));
            Assert.Equal(Space, Assert.Single(page).Space);
        }

        [Fact]
        public async Task ListAnswerWithoutDataArray_IsAResponseException()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"items\":[]}"));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.Things.List(Space, null).NextPageAsync(None));

            Assert.Equal(200, ex.StatusCode);
            Assert.Equal("{\"items\":[]}", ex.Response.Body);
            Assert.IsType<FormatException>(ex.InnerException);
        }

        [Fact]
        public void CategoriesPage_TheSameWay()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, "{\"data\":[{\"name\":\"c1\"},{\"name\":\"c2\"}],\"paging\":{\"next_cursor\":\"x\"}}"))
                .Enqueue(Respond.Json(200, "{\"data\":[{\"name\":\"c3\"}],\"paging\":{\"next_cursor\":\"\"}}"));
            using var client = WithToken(handler);

            var names = client.Categories.List(Space, pageSize: 2).Enumerate(None).Select(c => c.Name).ToList();

            Assert.Equal(new[] { "c1", "c2", "c3" }, names);
            Assert.Equal("/spaces/space1/categories", handler.Requests[1].Path);
            Assert.Equal("x", handler.Requests[1].QueryValue("next_cursor"));
        }

        // Without a page size: the API's default first, then twice the page before, up to 1000; the cap still trims.
        [Fact]
        public void NoPageSize_StartsAt50_AndDoublesUpTo1000()
        {
            var n = 0;
            var handler = new FakeHandler().Always(r =>
            {
                var limit = int.Parse(r.QueryValue("limit"));
                var take = Math.Min(limit, 5000 - n);
                var body = Bodies.ThingPage(n + 1, take, n + take < 5000 ? "c" + (n + take) : "");
                n += take;
                return Respond.Json(200, body);
            });
            using var client = WithToken(handler);
            var pager = client.Things.List(Space, null);

            var things = pager.Enumerate(None).ToList();

            Assert.True(pager.GrowsPages);
            Assert.Equal(5000, things.Count);
            Assert.Equal(new[] { "50", "100", "200", "400", "800", "1000", "1000", "1000", "1000" }, handler.Requests.Select(r => r.QueryValue("limit")));
        }

        [Theory]
        [InlineData(5, new[] { "5" })]
        [InlineData(120, new[] { "50", "70" })]
        [InlineData(400, new[] { "50", "100", "200", "50" })]
        public void NoPageSize_WithACap_AsksForNoMoreThanTheCap(long cap, string[] limits)
        {
            var n = 0;
            var handler = new FakeHandler().Always(r =>
            {
                var limit = int.Parse(r.QueryValue("limit"));
                var body = Bodies.ThingPage(n + 1, limit, "c" + (n + limit));
                n += limit;
                return Respond.Json(200, body);
            });
            using var client = WithToken(handler);

            var things = client.Things.List(Space, null, maxItems: cap).Enumerate(None).ToList();

            Assert.Equal(cap, things.Count);
            Assert.Equal(limits, handler.Requests.Select(r => r.QueryValue("limit")));
        }

        [Fact]
        public void ExplicitPageSize_IsObeyedOnEveryPage()
        {
            var n = 0;
            var handler = new FakeHandler().Always(r =>
            {
                var body = Bodies.ThingPage(n + 1, 50, n + 50 < 200 ? "c" + (n + 50) : "");
                n += 50;
                return Respond.Json(200, body);
            });
            using var client = WithToken(handler);
            var pager = client.Things.List(Space, null, pageSize: 50);

            Assert.Equal(200, pager.Enumerate(None).Count());
            Assert.False(pager.GrowsPages);
            Assert.Equal(new[] { "50", "50", "50", "50" }, handler.Requests.Select(r => r.QueryValue("limit")));
        }
    }
}
