using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
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
    /// <summary>The API rules that Core owns: Thing fields, the query formatter, id batching, the delete filter.</summary>
    public class WireRulesTests
    {
        private const string ThingJson = "{\"uid\":\"" + Uid + "\",\"title\":\"t\"}";

        [Fact]
        public void ThingFields_WriteOnlyWhatWasGiven_InTheApiNames()
        {
            var doc = new OrderedDictionary { ["title"] = "old", ["model"] = new ModelDescription { Name = "m", Version = 1 } };
            var fields = new ThingFields { Description = "d", Type = new[] { "Sensor" }, ModelVersion = 3, Status = new Hashtable { ["t"] = 1 } };

            fields.ApplyTo(doc);

            Assert.Equal("old", doc["title"]);
            Assert.Equal("d", doc["description"]);
            Assert.Equal("Sensor", doc["@type"]);
            var model = Assert.IsType<ModelDescription>(doc["model"]);
            Assert.Equal(("m", (long?)3), (model.Name, model.Version));
            Assert.Equal(1, ((IDictionary)doc["status"])["t"]);
        }

        [Fact]
        public void ThingFields_Null_ClearsAFieldThatExists_ButAddsNoNewNull()
        {
            var doc = new OrderedDictionary { ["description"] = "x" };
            new ThingFields { Description = null, Title = null, Model = null }.ApplyTo(doc);

            Assert.True(doc.Contains("description"));
            Assert.Null(doc["description"]);
            Assert.False(doc.Contains("title"));
            Assert.False(doc.Contains("model"));
        }

        [Fact]
        public void ThingFields_SeveralTypes_AreAnArray_AndEmptyCategories_RemoveThem()
        {
            var doc = new OrderedDictionary { ["categories"] = new[] { "a" } };
            new ThingFields { Type = new[] { "A", "B" }, Categories = new string[0] }.ApplyTo(doc);

            Assert.Equal(new[] { "A", "B" }, doc["@type"]);
            Assert.False(doc.Contains("categories"));
        }

        [Fact]
        public async Task CreateOnACategoryPath_DropsCategories_AndIdentity()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(201, ThingJson));
            using var client = WithToken(handler);

            await client.Things.CreateAsync(Space, new OrderedDictionary { ["uid"] = Uid, ["id"] = "u", ["categories"] = new[] { "x" }, ["title"] = "t" },
                new ThingFields { Description = "d" }, "cat1", None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("/spaces/space1/categories/cat1/things", r.Path);
            Assert.Equal("{\"title\":\"t\",\"description\":\"d\"}", r.Body);
        }

        [Fact]
        public async Task UpdateOnACategoryPath_SendsNoCategories()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, ThingJson));
            using var client = WithToken(handler);

            await client.Things.UpdateAsync(new ThingPath(Space, Uid, "cat1"), new OrderedDictionary { ["categories"] = new[] { "cat1" }, ["title"] = "t" },
                new ThingFields { Title = "n" }, None);

            Assert.Equal("{\"title\":\"n\"}", Assert.Single(handler.Requests).Body);
        }

        [Theory]
        [InlineData(true, "true")]
        [InlineData(false, "false")]
        [InlineData(1.5, "1.5")]
        [InlineData(null, "")]
        [InlineData("a b", "a b")]
        public void QueryValue_FormatsInvariantly(object value, string expected) => Assert.Equal(expected, QueryValue.Format(value));

        [Fact]
        public void QueryValue_Dates_AreIso8601_AndListsRepeatTheKey()
        {
            Assert.Equal("2023-05-15T10:30:00+02:00", QueryValue.Format(new DateTimeOffset(2023, 5, 15, 10, 30, 0, TimeSpan.FromHours(2))));
            var r = new ApiRequest("GET", "/x").AddQueryMap(new OrderedDictionary { ["k"] = new object[] { 1, true }, ["e"] = null });
            Assert.Equal("/x?k=1&k=true&e=", r.PathAndQuery);
        }

        [Fact]
        public void IdBatches_AreAtMostAHundred_Distinct_AndSkipInvalidIds()
        {
            var ids = Enumerable.Range(0, 250).Select(i => "01GQ2E9M2Y45BX9EW0X3D6" + i.ToString("D4")).ToList();
            ids.Add(ids[0].ToLowerInvariant());
            ids.Add("not-an-id");

            var batches = ThingQuery.IdBatches(ids).ToList();

            Assert.Equal(new[] { 100, 100, 50 }, batches.Select(b => b.Count));
            Assert.DoesNotContain("not-an-id", batches.SelectMany(b => b));
        }

        [Fact]
        public void DeleteFilter_NamesIgnoredKeys_AndDescribesItselfInApiTerms()
        {
            var q = new ThingQuery { Type = "Sensor", PropertyFilter = new OrderedDictionary { ["temp"] = "gt:20" }, Extra = new Hashtable { ["title"] = "x" } };

            Assert.Equal(new[] { "title" }, q.UnsupportedDeleteKeys());
            Assert.Equal("@type=Sensor and property:temp=gt:20 and title=x", q.Describe());
            Assert.True(q.IsDeleteFilter());
        }
    }
}
