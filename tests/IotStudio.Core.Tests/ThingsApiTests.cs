using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Json;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ThingsApiTests
    {

        [Fact]
        public async Task DeleteWhere_EmptyFilter_IsRefused_AndSendsNothing()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "[]"));
            using var client = WithToken(handler);

            var nullFilter = await Assert.ThrowsAsync<ArgumentException>(() => client.Things.DeleteWhereAsync(Space, null, None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.DeleteWhereAsync(Space, new ThingQuery(), None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.DeleteWhereAsync(Space, new ThingQuery { ThingIds = new List<string>(), PropertyFilter = new Hashtable() }, None));
            // A Category alone is a path, not a filter: DeleteThingsFromCategory also needs a real filter.
            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.DeleteWhereAsync(Space, new ThingQuery { Category = "cat1" }, None));

            Assert.Equal("filter", nullFilter.ParamName);
            Assert.Contains("empty filter", nullFilter.Message);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task DeleteWhere_ExtraKeyTheDeleteIgnores_IsRefused_AndSendsNothing()
        {
            // The service ignores title on a bulk delete: sending it would delete every Thing of the type, not only 'drop'.
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "[]"));
            using var client = WithToken(handler);
            var filter = new ThingQuery { Type = "Sensor", Extra = new Dictionary<string, object> { ["title"] = "drop" } };

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Things.DeleteWhereAsync(Space, filter, None));

            Assert.Contains("'title'", ex.Message);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task DeleteWhere_FilterOfOnlyNullIds_IsRefused_AndSendsNothing()
        {
            // ThingIds = [null] counts as a filter, but AddQuery drops null values, so the wire request has no filter at all.
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "[]"));
            using var client = WithToken(handler);

            var byIds = await Record.ExceptionAsync(() => client.Things.DeleteWhereAsync(Space, new ThingQuery { ThingIds = new string[] { null } }, None));
            var byCategories = await Record.ExceptionAsync(() => client.Things.DeleteWhereAsync(Space, new ThingQuery { InCategories = new string[] { null } }, None));

            Assert.DoesNotContain(handler.Requests, r => r.Method == "DELETE" && r.RawQuery == "");  // an unfiltered bulk delete wipes the space
            Assert.IsType<ArgumentException>(byIds);
            Assert.IsType<ArgumentException>(byCategories);
        }

        [Fact]
        public async Task DeleteWhere_SendsTheFilter_AndReturnsDeletedIds()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "[\"" + Uid + "\",\"" + Uid2 + "\"]"));
            using var client = WithToken(handler);

            var deleted = await client.Things.DeleteWhereAsync(Space, new ThingQuery
            {
                ThingIds = new[] { Uid, Uid2 },
                Category = "boilers",
                NotInCategory = true,
                PropertyFilter = new Dictionary<string, object> { ["temp"] = "gt:20" },
            }, None);

            Assert.Equal(new[] { Uid, Uid2 }, deleted);
            var r = Assert.Single(handler.Requests);
            Assert.Equal("DELETE", r.Method);
            // DeleteThingsFromCategory: the Category's path; in_category means nothing to a delete.
            Assert.Equal("/spaces/space1/categories/boilers/things", r.Path);
            Assert.Equal(new[] { Uid, Uid2 }, r.QueryValues("thingID[]"));
            Assert.Equal("gt:20", r.QueryValue("property:temp"));
            Assert.Null(r.QueryValue("in_category"));
            Assert.Null(r.QueryValue("limit"));
        }

        [Fact]
        public async Task Create_PostsTheBody_ToTheCategoryPathWhenGiven()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, "{\"uid\":\"" + Uid + "\",\"title\":\"new\"}"));
            using var client = WithToken(handler);

            var thing = await client.Things.CreateAsync(Space, new OrderedDictionary { { "title", "new" }, { "properties", new Hashtable() } }, null, "cat1", None);

            Assert.Equal("new", thing.Title);
            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal("/spaces/space1/categories/cat1/things", r.Path);
            Assert.Equal("{\"title\":\"new\",\"properties\":{}}", r.Body);
        }

        [Fact]
        public async Task Delete_SendsDelete_AndAcceptsNoContent()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(204));
            using var client = WithToken(handler);

            await client.Things.DeleteAsync(new IotStudio.Api.ThingPath(Space, Uid, null), None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("DELETE", r.Method);
            Assert.Equal($"/spaces/space1/things/{Uid}", r.Path);
            Assert.Null(r.Body);
        }

        [Fact]
        public async Task Category_CreateAndRead()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201,
                "{\"name\":\"cat1\",\"description\":\"d\",\"model\":{\"name\":\"m\",\"version\":1},\"created\":\"2023-01-05T10:20:30Z\",\"extra\":[1]}"));
            using var client = WithToken(handler);

            var category = await client.Categories.CreateAsync(Space, "cat1", "d", new ModelDescription { Name = "m", Version = 1 },
                new Hashtable { ["name"] = "overridden", ["x"] = 1 }, None);

            var sent = Assert.IsType<OrderedDictionary>(JsonClr.Parse(handler.Requests[0].Body));
            Assert.Equal("cat1", sent["name"]);
            Assert.Equal(1L, sent["x"]);
            Assert.Equal("d", sent["description"]);
            Assert.Equal("m", ((OrderedDictionary)sent["model"])["name"]);
            Assert.Equal("/spaces/space1/categories", handler.Requests[0].Path);
            Assert.Equal("cat1", category.Name);
            Assert.Equal(1L, category.Model.Version);
            Assert.Equal(new List<object> { 1L }, category.AdditionalProperties["extra"]);
            GraphAssert.NoJsonTypes(category);
        }

        [Fact]
        public async Task Category_UpdateCanClearTheModel()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{\"name\":\"cat1\"}"));
            using var client = WithToken(handler);

            await client.Categories.UpdateAsync(Space, "cat1", null, null, clearModel: true, null, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("PUT", r.Method);
            Assert.Equal("/spaces/space1/categories/cat1", r.Path);
            Assert.Equal("{\"name\":\"cat1\",\"model\":null}", r.Body);
        }
    }
}
