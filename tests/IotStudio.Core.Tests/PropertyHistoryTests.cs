using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using IotStudio.Http;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class HistoryRangeTests
    {
        private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero);

        [Theory]
        [InlineData("2022|2023", "2022-01-01T00:00:00Z", "2023-12-31T23:59:59.9999999Z", "2022|2023")]
        [InlineData("2022-12|2023-03", "2022-12-01T00:00:00Z", "2023-03-31T23:59:59.9999999Z", "2022-12|2023-03")]
        [InlineData("2023-05-15|2023-05-30", "2023-05-15T00:00:00Z", "2023-05-30T23:59:59.9999999Z", "2023-05-15|2023-05-30")]
        [InlineData(" 2024-02 ", "2024-02-01T00:00:00Z", "2024-02-29T23:59:59.9999999Z", "2024-02|2024-02")]
        [InlineData("2023-05-15T10:00:00Z|2023-05-15T12:30:00.5+02:00", "2023-05-15T10:00:00Z", "2023-05-15T10:30:00.5Z", "2023-05-15T10:00:00+00:00|2023-05-15T10:30:00.5+00:00")]
        [InlineData("2023|2023-05-15T10:00:00Z", "2023-01-01T00:00:00Z", "2023-05-15T10:00:00Z", "2023|2023-05-15T10:00:00+00:00")]
        public void Parse_ReadsRangesAndShortForms_AsWholePeriods_AndWritesThemBackAsGiven(string text, string from, string to, string wire)
        {
            var range = HistoryRange.Parse(text);

            Assert.Equal(DateTimeOffset.Parse(from), range.From);
            Assert.Equal(DateTimeOffset.Parse(to), range.To);
            Assert.False(range.IsInstant);
            Assert.Equal(wire, range.ToString());
            Assert.Equal(wire, QueryValue.Format(range));
        }

        [Theory]
        [InlineData("2023-05-15T10:20:30Z", "2023-05-15T10:20:30+00:00")]
        [InlineData("2023-05-15T12:20:30.25+02:00", "2023-05-15T10:20:30.25+00:00")]
        [InlineData("2023-05-15 10:20:30+0000", "2023-05-15T10:20:30+00:00")]
        [InlineData("2023-05-15T10:20:30", "2023-05-15T10:20:30+00:00")]
        public void Parse_ReadsOneInstant_WithoutABar_InUtcOnTheWire(string text, string wire)
        {
            var range = HistoryRange.Parse(text);

            Assert.True(range.IsInstant);
            Assert.Equal(range.From, range.To);
            Assert.Equal(DateTimeOffset.Parse(wire), range.From);
            Assert.Equal(wire, range.ToString());
        }

        [Theory]
        [InlineData("2023|2022", "reversed")]
        [InlineData("2023-05-30|2023-05-15", "reversed")]
        [InlineData("2023-05-15T10:00:01Z|2023-05-15T10:00:00Z", "reversed")]
        [InlineData("2023-06|2023-05-31", "reversed")]
        [InlineData("", "empty")]
        [InlineData("yesterday", "not a valid time")]
        [InlineData("2023-13", "not a calendar date")]
        [InlineData("2023-02-30|2023-03", "not a calendar date")]
        [InlineData("2023|", "empty")]
        [InlineData("|2023", "empty")]
        [InlineData("2022|2023|2024", "more than one")]
        [InlineData("05/15/2023", "not a valid time")]
        [InlineData("2023-05-15T25:00:00Z", "not a valid time")]
        [InlineData("202|2023", "'202' is not a date-time or a short form")]
        public void Parse_RefusesReversedAndMalformedText_SayingWhy(string text, string why)
        {
            var ex = Assert.Throws<ArgumentException>(() => HistoryRange.Parse(text));

            Assert.Contains(why, ex.Message);
            // A malformed time is answered with the forms that work.
            if (why != "reversed") Assert.Contains("'2022|2023', '2022-12|2023-03', '2023-05-15|2023-05-30'", ex.Message);
            Assert.False(HistoryRange.TryParse(text, out var none));
            Assert.Null(none);
        }

        [Fact]
        public void Parse_AcceptsTheSamePeriodOnBothSides_AndAPeriodThatContainsTheOtherEnd()
        {
            Assert.Equal("2023|2023", HistoryRange.Parse("2023|2023").ToString());
            var r = HistoryRange.Parse("2023-05|2023-05-01");
            Assert.Equal(Utc(2023, 5, 1), r.From);
            Assert.Equal(Utc(2023, 5, 2).AddTicks(-1), r.To);
        }

        [Fact]
        public void Between_OpensAMissingEnd_AndIsNullWithoutEither()
        {
            var since = HistoryRange.Between(Utc(2023, 5, 15, 10), null);
            Assert.Equal("2023-05-15T10:00:00+00:00|9999-12-31T23:59:59.999+00:00", since.ToString());
            var until = HistoryRange.Between(null, new DateTimeOffset(2023, 5, 15, 12, 0, 0, TimeSpan.FromHours(2)));
            Assert.Equal("0001-01-01T00:00:00+00:00|2023-05-15T10:00:00+00:00", until.ToString());
            Assert.Null(HistoryRange.Between(null, null));
            Assert.Throws<ArgumentException>(() => HistoryRange.Between(Utc(2023, 5, 2), Utc(2023, 5, 1)));
        }

        [Fact]
        public void Contains_IncludesBothEnds()
        {
            var r = HistoryRange.Parse("2023-05-15|2023-05-16");
            Assert.True(r.Contains(Utc(2023, 5, 15)));
            Assert.True(r.Contains(Utc(2023, 5, 16, 23, 59, 59)));
            Assert.False(r.Contains(Utc(2023, 5, 17)));
            Assert.False(r.Contains(Utc(2023, 5, 14, 23, 59, 59)));
            Assert.True(HistoryRange.At(Utc(2023, 5, 15)).Contains(Utc(2023, 5, 15)));
        }
    }

    public class PropertyHistoryApiTests
    {
        private static readonly string HistoryPath = $"/spaces/space1/things/{Uid}/properties-history";
        private static readonly string ScopedPath = $"/spaces/space1/categories/Boilers/things/{Uid}/properties-history";
        private static readonly ThingPath Plain = new ThingPath(Space, Uid);
        private static readonly ThingPath Scoped = new ThingPath(Space, Uid, "Boilers");

        private static string Item(string at, string properties) => "{\"at\":\"" + at + "\",\"properties\":" + properties + "}";

        private static string Page(string next, params string[] items) =>
            "{\"data\":[" + string.Join(",", items) + "],\"paging\":{\"next_cursor\":\"" + next + "\",\"previous_cursor\":\"\"}}";

        private static PropertyHistoryGroup Entry(DateTimeOffset at, params (string Name, object Value)[] values)
        {
            var map = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var (name, value) in values) map[name] = value;
            return new PropertyHistoryGroup { Timestamp = at, Values = map };
        }

        private static readonly DateTimeOffset T0 = new DateTimeOffset(2023, 5, 15, 10, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task List_SendsAtAndRepeatedPropertyNames_AndFlattensOneValuePerProperty()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Page("",
                Item("2023-05-15T10:00:00.000Z", "{\"temperature\":21.5}"),
                Item("2023-05-15T10:05:00Z", "{\"temperature\":22,\"mode\":\"eco\"}"))));
            using var client = WithToken(handler);

            var pager = client.PropertyHistory.List(Plain, HistoryRange.Parse("2023-05-15|2023-05-30"), new[] { "temperature", "mode" }, pageSize: 10);
            var values = await PropertyHistoryApi.Flatten(pager).NextPageAsync(None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("GET", r.Method);
            Assert.Equal(HistoryPath, r.Path);
            Assert.Equal("2023-05-15|2023-05-30", r.QueryValue("at"));
            Assert.Contains("at=2023-05-15%7C2023-05-30", r.RawQuery);
            Assert.Equal(new[] { "temperature", "mode" }, r.QueryValues("property_name[]"));
            Assert.Contains("property_name[]=temperature&property_name[]=mode", r.RawQuery);
            Assert.Null(r.QueryValue("group"));
            Assert.Equal("10", r.QueryValue("limit"));

            Assert.Equal(new[] { "temperature", "temperature", "mode" }, values.Select(v => v.Name));
            Assert.Equal(new object[] { 21.5m, 22L, "eco" }, values.Select(v => v.Value));
            Assert.Equal(new[] { T0, T0.AddMinutes(5), T0.AddMinutes(5) }, values.Select(v => v.Timestamp));
            Assert.All(values, v => { Assert.Equal(Space, v.Space); Assert.Equal(Uid, v.ThingId); });
            GraphAssert.NoJsonTypes(values);
        }

        [Fact]
        public async Task List_Grouped_SendsGroupTrue_AndKeepsOneItemPerTimestamp()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Page("",
                Item("2023-05-15T10:00:00Z", "{\"temperature\":21,\"mode\":\"eco\",\"limits\":{\"max\":30}}"))));
            using var client = WithToken(handler);

            var items = await client.PropertyHistory.List(Scoped, group: true).NextPageAsync(None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal(ScopedPath, r.Path);
            Assert.Equal("true", r.QueryValue("group"));
            Assert.Null(r.QueryValue("at"));
            Assert.Empty(r.QueryValues("property_name[]"));
            var g = Assert.Single(items);
            Assert.Equal(T0, g.Timestamp);
            Assert.Equal(new[] { "temperature", "mode", "limits" }, g.Values.Keys.Cast<string>());
            Assert.Equal(30L, ((OrderedDictionary)g.Values["limits"])["max"]);
            GraphAssert.NoJsonTypes(items);
        }

        [Fact]
        public async Task List_FollowsCursors_AndFlattenNeverFetchesAheadOfTheCaller()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Json(200, Page("c1", Item("2023-05-15T10:00:00Z", "{\"t\":1}"), Item("2023-05-15T10:01:00Z", "{\"t\":2}"))))
                .Enqueue(Respond.Json(200, Page("", Item("2023-05-15T10:02:00Z", "{\"t\":3}"))));
            using var client = WithToken(handler);

            var flat = PropertyHistoryApi.Flatten(client.PropertyHistory.ListOne(Plain, "t", HistoryRange.At(T0), pageSize: 2));
            var first = await flat.NextPageAsync(None);
            Assert.Single(handler.Requests);
            Assert.True(flat.HasMore);
            var second = await flat.NextPageAsync(None);

            Assert.Equal(new object[] { 1L, 2L, 3L }, first.Concat(second).Select(v => v.Value));
            Assert.False(flat.HasMore);
            Assert.Equal(2, flat.PagesFetched);
            Assert.All(handler.Requests, r =>
            {
                Assert.Equal(HistoryPath + "/t", r.Path);
                Assert.Equal("2023-05-15T10:00:00+00:00", r.QueryValue("at"));
            });
            Assert.Equal("c1", handler.Requests[1].QueryValue("next_cursor"));
        }

        [Fact]
        public async Task List_RefusesAnItemWithoutAReadableTime_AsAnInvalidResponse()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Page("", Item("soon", "{\"t\":1}"))));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<IotStudioResponseException>(() => client.PropertyHistory.List(Plain).NextPageAsync(None));
            Assert.Contains("'at'", ex.Message);
        }

        [Fact]
        public async Task Create_PostsAnArrayOfAtAndProperties_InUtc_AndReadsTheStoredValues()
        {
            var handler = new FakeHandler().Always(r => Respond.Json(201, "[" + Item("2023-05-15T10:00:00.250Z", "{\"temperature\":21.5,\"mode\":\"eco\"}") + "]"));
            using var client = WithToken(handler);
            var local = new DateTimeOffset(2023, 5, 15, 12, 0, 0, 250, TimeSpan.FromHours(2));

            var stored = await client.PropertyHistory.CreateAsync(Scoped, new[] { Entry(local, ("temperature", 21.5m), ("mode", "eco")) }, None);

            var r = Assert.Single(handler.Requests);
            Assert.Equal("POST", r.Method);
            Assert.Equal(ScopedPath, r.Path);
            Assert.StartsWith("application/json", r.ContentType);
            Assert.Equal("[{\"at\":\"2023-05-15T10:00:00.25Z\",\"properties\":{\"temperature\":21.5,\"mode\":\"eco\"}}]", r.Body);
            Assert.Equal(new[] { "temperature", "mode" }, stored.Select(v => v.Name));
            Assert.All(stored, v => Assert.Equal(local, v.Timestamp));
        }

        [Fact]
        public async Task CreateOne_PostsToThePropertyPath_AndRefusesAnEntryWithAnotherProperty_BeforeSending()
        {
            var handler = new FakeHandler().Always(r => Respond.Json(201, "[" + Item("2023-05-15T10:00:00Z", "{\"t\":1}") + "]"));
            using var client = WithToken(handler);

            await client.PropertyHistory.CreateOneAsync(Plain, "t", new[] { Entry(T0, ("t", 1L)) }, None);
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.PropertyHistory.CreateOneAsync(Plain, "t", new[] { Entry(T0, ("t", 1L), ("u", 2L)) }, None));

            var r = Assert.Single(handler.Requests);
            Assert.Equal(HistoryPath + "/t", r.Path);
            Assert.Equal("[{\"at\":\"2023-05-15T10:00:00Z\",\"properties\":{\"t\":1}}]", r.Body);
            Assert.Contains("'u'", ex.Message);
        }

        [Theory]
        [InlineData(false, true)]
        [InlineData(true, false)]
        public async Task Create_RefusesAnEntryWithoutTimeOrValues_BeforeSending(bool withTime, bool withValues)
        {
            var handler = new FakeHandler().Always(r => Respond.Json(201, "[]"));
            using var client = WithToken(handler);
            var entry = withValues ? Entry(withTime ? T0 : default, ("t", 1L)) : Entry(withTime ? T0 : default);

            await Assert.ThrowsAsync<ArgumentException>(() => client.PropertyHistory.CreateAsync(Plain, new[] { entry }, None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.PropertyHistory.CreateAsync(Plain, Array.Empty<PropertyHistoryGroup>(), None));
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task Delete_NeedsARange_AndSendsAtWithRepeatedNames()
        {
            var handler = new FakeHandler().Always(_ => Respond.Status(204));
            using var client = WithToken(handler);

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.PropertyHistory.DeleteAsync(Plain, null, null, None));
            Assert.Contains("'at'", ex.Message);
            await Assert.ThrowsAsync<ArgumentException>(() => client.PropertyHistory.DeleteOneAsync(Plain, "t", null, None));
            Assert.Empty(handler.Requests);

            await client.PropertyHistory.DeleteAsync(Plain, HistoryRange.Parse("2022|2023"), new[] { "a", "b" }, None);
            await client.PropertyHistory.DeleteOneAsync(Scoped, "temperature", HistoryRange.Parse("2023-05"), None);

            var rs = handler.Requests;
            Assert.Equal(new[] { "DELETE", "DELETE" }, rs.Select(r => r.Method));
            Assert.Equal(HistoryPath, rs[0].Path);
            Assert.Equal("2022|2023", rs[0].QueryValue("at"));
            Assert.Equal(new[] { "a", "b" }, rs[0].QueryValues("property_name[]"));
            Assert.Equal(ScopedPath + "/temperature", rs[1].Path);
            Assert.Equal("2023-05|2023-05", rs[1].QueryValue("at"));
        }

        [Fact]
        public async Task PropertyNames_AreOneEncodedPathSegment()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, Page("")));
            using var client = WithToken(handler);

            await client.PropertyHistory.ListOne(Plain, "a/b c").NextPageAsync(None);

            Assert.Equal(HistoryPath + "/a%2Fb%20c", Assert.Single(handler.Requests).Path);
            Assert.Throws<ArgumentException>(() => client.PropertyHistory.ListOne(Plain, ""));
            Assert.Throws<ArgumentException>(() => client.PropertyHistory.List(Plain, names: new[] { "" }));
        }
    }

    public class PropertyHistoryUploadTests
    {
        private static readonly string HistoryPath = $"/spaces/space1/things/{Uid}/properties-history";
        private static readonly ThingPath Plain = new ThingPath(Space, Uid);
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2023, 5, 15, 10, 0, 0, TimeSpan.Zero);

        private static PropertyHistoryGroup Entry(int minute, params (string Name, object Value)[] values)
        {
            var map = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var (name, value) in values) map[name] = value;
            return new PropertyHistoryGroup { Timestamp = T0.AddMinutes(minute), Values = map };
        }

        /// <summary>Answers 201 with what was posted, like the service.</summary>
        private static System.Net.Http.HttpResponseMessage Echo(RecordedRequest r)
        {
            using var doc = JsonDocument.Parse(r.Body);
            return Respond.Json(201, doc.RootElement.GetRawText());
        }

        [Fact]
        public async Task SendsBatchesOfAtMost100Entries_InOrder()
        {
            var handler = new FakeHandler().Always(Echo);
            using var client = WithToken(handler);
            var upload = new PropertyHistoryUpload(client.PropertyHistory, Plain);

            for (var i = 0; i < 250; i++)
            {
                upload.Add(Entry(i, ("a", (long)i), ("b", "x")), i);
                if (i == 99) Assert.True(upload.IsFull);
            }
            var result = await upload.SendAsync(None);

            var rs = handler.Requests;
            Assert.Equal(3, rs.Count);
            Assert.All(rs, r => { Assert.Equal("POST", r.Method); Assert.Equal(HistoryPath, r.Path); });
            Assert.Equal(new[] { 100, 100, 50 }, rs.Select(r => JsonDocument.Parse(r.Body).RootElement.GetArrayLength()));
            Assert.Equal(500, result.Stored.Count);
            Assert.Equal(Enumerable.Range(0, 250).Select(i => (object)(long)i), result.Stored.Where(v => v.Name == "a").Select(v => v.Value));
            Assert.Empty(result.Failed);
            Assert.Equal(0, upload.Pending);
        }

        [Fact]
        public async Task ABatchOfOneProperty_GoesToThatPropertysPath()
        {
            var handler = new FakeHandler().Always(Echo);
            using var client = WithToken(handler);
            var upload = new PropertyHistoryUpload(client.PropertyHistory, Plain, batchSize: 2);

            upload.Add(Entry(0, ("temperature", 20L)));
            upload.Add(Entry(1, ("temperature", 21L)));
            upload.Add(Entry(2, ("temperature", 22L)));
            upload.Add(Entry(3, ("mode", "eco")));
            await upload.SendAsync(None);

            Assert.Equal(new[] { HistoryPath + "/temperature", HistoryPath }, handler.Requests.Select(r => r.Path));
        }

        [Fact]
        public async Task A409_SendsTheBatchAgainOneEntryAtATime_SoOnlyTheConflictingEntriesFail()
        {
            var handler = new FakeHandler().Always(r =>
                r.Body.Contains("\"b\":2") ? Respond.Error(409, "a value of property 'b' already exists") : Echo(r));
            using var client = WithToken(handler);
            var upload = new PropertyHistoryUpload(client.PropertyHistory, Plain);

            upload.Add(Entry(0, ("a", 1L)), "first");
            upload.Add(Entry(1, ("b", 2L)), "second");
            upload.Add(Entry(2, ("c", 3L), ("d", 4L)), "third");
            var result = await upload.SendAsync(None);

            Assert.Equal(4, handler.Requests.Count);
            Assert.Equal(3, JsonDocument.Parse(handler.Requests[0].Body).RootElement.GetArrayLength());
            Assert.Equal(new[] { HistoryPath + "/a", HistoryPath + "/b", HistoryPath }, handler.Requests.Skip(1).Select(r => r.Path));
            var failure = Assert.Single(result.Failed);
            Assert.Equal("second", failure.Tag);
            Assert.Equal(409, failure.Error.StatusCode);
            Assert.Equal(new[] { "a", "c", "d" }, result.Stored.Select(v => v.Name));
        }

        [Fact]
        public async Task AnotherError_FailsEveryEntryOfItsBatch_AndTheNextBatchStillGoes()
        {
            var handler = new FakeHandler()
                .Enqueue(Respond.Error(404, "thing not found"))
                .Enqueue(Echo);
            using var client = WithToken(handler);
            var upload = new PropertyHistoryUpload(client.PropertyHistory, Plain, batchSize: 2);

            for (var i = 0; i < 3; i++) upload.Add(Entry(i, ("a", (long)i)), i);
            var result = await upload.SendAsync(None);

            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(new object[] { 0, 1 }, result.Failed.Select(f => f.Tag));
            Assert.All(result.Failed, f => Assert.Equal(404, f.Error.StatusCode));
            Assert.Equal(new object[] { 2L }, result.Stored.Select(v => v.Value));
        }

        [Fact]
        public void Add_ChecksTheEntryAtOnce_TheThingWhenMade_AndTheBatchSizeIs1To100()
        {
            using var client = WithToken(new FakeHandler());
            var upload = new PropertyHistoryUpload(client.PropertyHistory, Plain);

            Assert.Throws<ArgumentException>(() => upload.Add(Entry(0)));
            Assert.Throws<ArgumentException>(() => upload.Add(new PropertyHistoryGroup { Values = Entry(0, ("a", 1L)).Values }));
            Assert.Equal(0, upload.Pending);
            Assert.Throws<ArgumentOutOfRangeException>(() => new PropertyHistoryUpload(client.PropertyHistory, Plain, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new PropertyHistoryUpload(client.PropertyHistory, Plain, 101));
            var bad = Assert.Throws<ArgumentException>(() => new PropertyHistoryUpload(client.PropertyHistory, new ThingPath(Space, "not-a-ulid")));
            Assert.Contains("not-a-ulid", bad.Message);
        }
    }
}
