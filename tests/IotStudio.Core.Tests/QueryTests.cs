using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class QueryTests
    {

        /// <summary>Sends the first page of a Thing list and returns what went on the wire.</summary>
        private static async Task<RecordedRequest> ListRequest(ThingQuery query, string space = Space, Action<IotStudioClientOptions> configure = null)
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Bodies.ThingPage(1, 1, "")));
            using var client = WithToken(handler, configure);
            await client.Things.List(space, query).NextPageAsync(None);
            return Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task ThingIds_RepeatTheKey()
        {
            var r = await ListRequest(new ThingQuery { ThingIds = new[] { "A", "B" } });

            Assert.Equal(new[] { "A", "B" }, r.QueryValues("thingID[]"));
            Assert.Contains("thingID[]=A&thingID[]=B", r.RawQuery);
        }

        [Fact]
        public async Task InCategories_RepeatTheKey()
        {
            var r = await ListRequest(new ThingQuery { InCategories = new[] { "X", "Y:z" } });

            Assert.Equal(new[] { "X", "Y:z" }, r.QueryValues("category[]"));
        }

        [Fact]
        public async Task Sort_IsOneCommaJoinedValue_WithBareFieldsMadeAscending()
        {
            var r = await ListRequest(new ThingQuery { Sort = new[] { "title", "-created", "+modified" } });

            Assert.Equal("+title,-created,+modified", r.QueryValue("sort"));
            // A raw '+' would reach the server as a space; it must travel as %2B.
            Assert.Contains("sort=%2Btitle", r.RawQuery);
        }

        [Fact]
        public void Sort_EmptyField_IsRefusedBeforeSending()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            var ex = Assert.Throws<ArgumentException>(() => client.Things.List(Space, new ThingQuery { Sort = new[] { "title", " " } }));

            Assert.Contains("sort field", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public void SortFields_AreTheEnumOfTheSortParameterInTheApiDescription()
        {
            // api/anythingdb.openapi.yaml lists each field bare, with '+' and with '-'.
            var fromSpec = IotStudio.Tests.Shared.ApiSpec.ParameterEnum("sort_things");
            var expected = ThingQuery.SortFields.SelectMany(f => new[] { f, "+" + f, "-" + f }).OrderBy(v => v, StringComparer.Ordinal);
            Assert.NotEmpty(fromSpec);
            Assert.Equal(expected, fromSpec.OrderBy(v => v, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData("nope")]
        [InlineData("+Title")]
        [InlineData("-status")]
        [InlineData("title,created")]
        public void Sort_UnknownField_IsRefusedBeforeSending_ListingTheFields(string field)
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);

            Assert.Equal(new[] { field }, ThingQuery.UnknownSortFields(new[] { "title", field, "-modified" }));
            var ex = Assert.Throws<ArgumentException>(() => client.Things.List(Space, new ThingQuery { Sort = new[] { field } }).NextPageAsync(None).GetAwaiter().GetResult());
            Assert.Contains("title, created, modified, uid, description", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Theory]
        [InlineData("greater:3", "greater")]
        [InlineData("GT:3", "GT")]
        [InlineData("between:1", "between")]
        [InlineData("gt:3", null)]
        [InlineData("contains:a:b", null)]
        [InlineData("eco", null)]
        [InlineData("12:30", null)]       // not a word before the colon: a plain eq value
        [InlineData("a-b:c", null)]
        [InlineData("eq:greater:3", null)]
        public void UnknownOperator_IsAWordBeforeAColonThatIsNoOperator(string condition, string expected)
        {
            Assert.Equal(expected, ThingQuery.UnknownOperator(condition));
        }

        [Fact]
        public void PropertyFilter_UnknownOperator_IsRefusedBeforeSending()
        {
            var handler = new FakeHandler();
            using var client = WithToken(handler);
            var filter = new OrderedDictionary { { "t", new object[] { "gt:1", "greater:3" } }, { "mode", "eco" } };

            var found = ThingQuery.UnknownOperators(filter);
            Assert.Equal(("t", "greater:3", "greater"), Assert.Single(found));
            var ex = Assert.Throws<ArgumentException>(() => client.Things.List(Space, new ThingQuery { PropertyFilter = filter }).NextPageAsync(None).GetAwaiter().GetResult());
            Assert.Contains("eq:greater:3", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task PropertyFilters_OneKeyPerCondition()
        {
            var filter = new OrderedDictionary
            {
                { "temperature", "gt:20" },
                { "mode", "eq:auto" },
                { "on", true },
                { "level", 7 },
                { "missing", null },
            };

            var r = await ListRequest(new ThingQuery { PropertyFilter = filter });

            Assert.Equal("gt:20", r.QueryValue("property:temperature"));
            Assert.Equal("eq:auto", r.QueryValue("property:mode"));
            Assert.Equal("true", r.QueryValue("property:on"));
            Assert.Equal("7", r.QueryValue("property:level"));
            Assert.Equal("eq:null", r.QueryValue("property:missing"));
            Assert.Contains("property:temperature=", r.RawQuery);
        }

        [Fact]
        public async Task PropertyFilter_SeveralConditionsOnOneProperty_AreOneKeyEach()
        {
            var filter = new OrderedDictionary { { "temperature", new object[] { "gt:20", "lt:30" } } };

            var r = await ListRequest(new ThingQuery { PropertyFilter = filter });

            Assert.Equal(new[] { "gt:20", "lt:30" }, r.QueryValues("property:temperature"));
        }

        [Fact]
        public async Task PropertyFilter_NumbersUseInvariantCulture()
        {
            var saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                var r = await ListRequest(new ThingQuery { PropertyFilter = new Dictionary<string, object> { ["t"] = 20.5 } });
                Assert.Equal("20.5", r.QueryValue("property:t"));
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public async Task InCategoryFalse_OnlyWithCategoryAndNotInCategory()
        {
            var scopedNot = await ListRequest(new ThingQuery { Category = "cat1", NotInCategory = true });
            var scoped = await ListRequest(new ThingQuery { Category = "cat1" });
            var notWithoutCategory = await ListRequest(new ThingQuery { NotInCategory = true });

            Assert.Equal("/spaces/space1/categories/cat1/things", scopedNot.Path);
            Assert.Equal("false", scopedNot.QueryValue("in_category"));
            Assert.Equal("/spaces/space1/categories/cat1/things", scoped.Path);
            Assert.Null(scoped.QueryValue("in_category"));
            Assert.Equal("/spaces/space1/things", notWithoutCategory.Path);
            Assert.Null(notWithoutCategory.QueryValue("in_category"));
        }

        [Fact]
        public void BooleansAreLowercase()
        {
            var r = new ApiRequest("GET", "/x").AddQuery("a", true).AddQuery("b", false).AddQuery("c", (bool?)null);

            Assert.Equal("/x?a=true&b=false", r.PathAndQuery);
        }

        [Fact]
        public async Task ScalarFilters_AndExtras()
        {
            var r = await ListRequest(new ThingQuery
            {
                Title = "a&b=c",
                Type = "Sensor",
                Model = "m1",
                ModelVersion = 3,
                LinkRel = "parent",
                LinkHref = "https://x/y?z=1",
                Extra = new Dictionary<string, object> { ["foo"] = "bar baz" },
            });

            Assert.Equal("a&b=c", r.QueryValue("title"));
            Assert.Equal("Sensor", r.QueryValue("@type"));
            Assert.Equal("m1", r.QueryValue("model"));
            Assert.Equal("3", r.QueryValue("version"));
            Assert.Equal("parent", r.QueryValue("links.rel"));
            Assert.Equal("https://x/y?z=1", r.QueryValue("links.href"));
            Assert.Equal("bar baz", r.QueryValue("foo"));
        }

        [Fact]
        public async Task NoFilters_SendOnlyLimit()
        {
            var r = await ListRequest(null);

            Assert.Equal("limit=50", r.RawQuery);
        }

        [Theory]
        [InlineData("my space", "/spaces/my%20space/things")]
        [InlineData("a/b", "/spaces/a%2Fb/things")]
        [InlineData("x?y#z", "/spaces/x%3Fy%23z/things")]
        [InlineData("ü%", "/spaces/%C3%BC%25/things")]
        public async Task SpaceNameIsPercentEncodedAsOneSegment(string space, string expectedPath)
        {
            var r = await ListRequest(null, space);

            Assert.Equal(expectedPath, r.Path);
            Assert.Equal("limit=50", r.RawQuery);
        }

        [Theory]
        [InlineData("https://api.example.test/", "/spaces/space1/things")]
        [InlineData("https://api.example.test", "/spaces/space1/things")]
        [InlineData("https://gw.example.test/iot/", "/iot/spaces/space1/things")]
        [InlineData("https://gw.example.test/iot", "/iot/spaces/space1/things")]
        public async Task ApiUrlTrailingSlash_DoesNotProduceDoubleSlash(string apiUrl, string expectedPath)
        {
            var r = await ListRequest(null, configure: o => o.ApiUrl = new Uri(apiUrl));

            Assert.Equal(expectedPath, r.Path);
            Assert.DoesNotContain("//", r.Uri.AbsoluteUri.Substring("https://".Length));
        }

        [Fact]
        public async Task ThingItemPath_CategoryScoped_AndEncodedPropertyName()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"a b/c\":1}"));
            using var client = WithToken(handler);

            await client.Properties.GetOneAsync(new IotStudio.Api.ThingPath(Space, Uid, "cat-1"), "a b/c", None);

            Assert.Equal($"/spaces/space1/categories/cat-1/things/{Uid}/properties/a%20b%2Fc", handler.Requests[0].Path);
        }

        [Fact]
        public void ApiRequest_Path_RefusesEmptySegment()
        {
            Assert.Throws<ArgumentException>(() => ApiRequest.Path("spaces", "", "things"));
        }

        [Fact]
        public void ApiRequest_SetQuery_ReplacesEveryValue_AndCloneIsIndependent()
        {
            var r = new ApiRequest("get", "/p").AddQuery("k", "1").AddQuery("k", "2").AddQuery("j", "x");
            var copy = r.Clone().SetQuery("k", "3");

            Assert.Equal("GET", r.Method);
            Assert.Equal("/p?k=1&k=2&j=x", r.PathAndQuery);
            Assert.Equal("/p?j=x&k=3", copy.PathAndQuery);
        }
    }
}
