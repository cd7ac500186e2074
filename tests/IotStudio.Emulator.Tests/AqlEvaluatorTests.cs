using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Query;
using Xunit;

namespace IotStudio.Emulator.Tests
{
    /// <summary>Running the subset over documents: AQL's comparison and type rules, FILTER, SORT, LIMIT, RETURN, bind variables.</summary>
    public class AqlEvaluatorTests
    {
        private static readonly string[] Things =
        {
            """{"uid":"A","title":"boiler-1","status":{"temperature":35,"on":true},"tags":["x","y"],"model":{"name":"boiler"}}""",
            """{"uid":"B","title":"boiler-2","status":{"temperature":18.5,"on":false},"tags":[]}""",
            """{"uid":"C","title":"pump-1","status":{"temperature":35},"tags":["y"]}""",
            """{"uid":"D","title":"boiler_3","status":{}}""",
            """{"uid":"E","title":"Boiler-4","status":{"temperature":"hot"}}""",
        };

        private static List<AqlRow> Rows() => Things.Select(t => (AqlRow)new AqlJsonRow((JsonObject)JsonNode.Parse(t))).ToList();

        private static List<string> Run(string query, object bind = null)
        {
            var vars = bind == null
                ? new Dictionary<string, JsonNode>()
                : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(bind)).AsObject().ToDictionary(kv => kv.Key, kv => kv.Value);
            return AqlEvaluator.Run(AqlParser.Parse(query), Rows(), vars).Select(n => n?.ToJsonString() ?? "null").ToList();
        }

        [Fact]
        public void TheExampleQuery_ReturnsTheMatchingProjection()
        {
            var result = Run("FOR t IN things FILTER t.status.temperature > @min AND t.title LIKE \"boiler%\" SORT t.title LIMIT 10 RETURN { uid: t.uid, title: t.title }", new { min = 20 });

            Assert.Equal(new[] { "{\"uid\":\"A\",\"title\":\"boiler-1\"}" }, result);
        }

        [Theory]
        [InlineData("t.status.temperature == 35", "A,C")]
        [InlineData("t.status.temperature != 35", "B,D,E")]
        [InlineData("t.status.temperature < 35", "B,D")]           // missing is null, and null < every number
        [InlineData("t.status.temperature <= 18.5", "B,D")]
        [InlineData("t.status.temperature >= 35", "A,C,E")]        // a string is greater than any number
        [InlineData("t.status.temperature > 20 AND t.status.temperature < 40", "A,C")]
        [InlineData("t.status.temperature == null", "D")]
        [InlineData("t.status.on == false", "B")]
        [InlineData("t.status.on", "A")]
        [InlineData("NOT t.status.on", "B,C,D,E")]
        [InlineData("NOT (t.status.temperature == 35 OR t.title == 'pump-1')", "B,D,E")]
        [InlineData("t.title IN ['pump-1', 'boiler-2']", "B,C")]
        [InlineData("t.title NOT IN ['pump-1', 'boiler-2']", "A,D,E")]
        [InlineData("'y' IN t.tags", "A,C")]
        [InlineData("t.tags == []", "B")]
        [InlineData("t.tags[0] == 'x'", "A")]
        [InlineData("t.tags[-1] == 'y'", "A,C")]
        [InlineData("t['model'].name == 'boiler'", "A")]
        [InlineData("t.model == { name: 'boiler' }", "A")]
        [InlineData("t.title LIKE 'boiler%'", "A,B,D")]           // case-sensitive
        [InlineData("t.title LIKE 'boiler_1'", "A")]
        [InlineData("t.title LIKE 'boiler\\\\_3'", "D")]          // an escaped '_' is literal
        [InlineData("t.title LIKE '%-_'", "A,B,C,E")]
        [InlineData("t.title NOT LIKE '%oiler%'", "C")]
        [InlineData("t.nothing.deeper == null", "A,B,C,D,E")]
        [InlineData("t.title > 'boiler-2'", "C,D")]                // strings compare by code point
        [InlineData("(t.uid == 'A' || t.uid == 'B') && !(t.uid == 'B')", "A")]
        public void Filter_KeepsTheRowsWhoseConditionIsTrue(string condition, string uids)
        {
            Assert.Equal(uids.Split(','), Run($"FOR t IN things FILTER {condition} RETURN t.uid").Select(s => s.Trim('"')));
        }

        [Fact]
        public void TypesOrder_NullBoolNumberStringArrayObject()
        {
            var result = Run("RETURN [null < false, false < true, true < 0, 0 < '', '' < [], [] < {}, [1] < [1, 0], {a: 1} < {a: 2}, 1 == 1.0, '1' == 1]");

            Assert.Equal("[true,true,true,true,true,true,true,true,true,false]", Assert.Single(result));
        }

        [Fact]
        public void Sort_ByOneOrMoreKeys_AscendingOrDescending_Stable()
        {
            Assert.Equal(new[] { "\"E\"", "\"A\"", "\"B\"", "\"D\"", "\"C\"" }, Run("FOR t IN things SORT t.title RETURN t.uid"));
            Assert.Equal(new[] { "\"E\"", "\"A\"", "\"C\"", "\"B\"", "\"D\"" }, Run("FOR t IN things SORT t.status.temperature DESC, t.uid ASC RETURN t.uid"));
            // Equal keys keep the order they came in.
            Assert.Equal(new[] { "\"A\"", "\"C\"" }, Run("FOR t IN things FILTER t.status.temperature == 35 SORT t.status.temperature RETURN t.uid"));
        }

        [Fact]
        public void Limit_CountOrOffsetAndCount_InTheOrderWritten()
        {
            Assert.Equal(new[] { "\"A\"", "\"B\"" }, Run("FOR t IN things LIMIT 2 RETURN t.uid"));
            Assert.Equal(new[] { "\"C\"", "\"D\"" }, Run("FOR t IN things LIMIT @skip, @take RETURN t.uid", new { skip = 2, take = 2 }));
            Assert.Empty(Run("FOR t IN things LIMIT 10, 5 RETURN t.uid"));
            // LIMIT then FILTER filters the first two only.
            Assert.Equal(new[] { "\"B\"" }, Run("FOR t IN things LIMIT 2 FILTER t.uid != 'A' RETURN t.uid"));
        }

        [Theory]
        [InlineData("FOR t IN things LIMIT -1 RETURN t", "LIMIT needs whole numbers of 0 or more, not -1 at position 1:17")]
        [InlineData("FOR t IN things LIMIT 1.5 RETURN t", "LIMIT needs whole numbers of 0 or more, not 1.5 at position 1:17")]
        [InlineData("FOR t IN things LIMIT t.n RETURN t", "LIMIT values must be constants or bind parameters")]
        public void Limit_NeedsWholeConstants(string query, string message)
        {
            var ex = Assert.Throws<AqlException>(() => Run(query));

            Assert.Equal(AqlErrorKind.Invalid, ex.Kind);
            Assert.Equal(message, ex.Message);
        }

        [Fact]
        public void Return_WholeDocuments_Attributes_Objects_AndShorthand()
        {
            Assert.Equal(Things[3], Assert.Single(Run("FOR t IN things FILTER t.uid == 'D' RETURN t")));
            Assert.Equal("{\"temperature\":35,\"on\":true}", Run("FOR t IN things RETURN t.status")[0]);
            Assert.Equal("{\"t\":{\"uid\":\"D\",\"title\":\"boiler_3\",\"status\":{}},\"again\":{\"uid\":\"D\",\"title\":\"boiler_3\",\"status\":{}},\"n\":-1,\"list\":[\"boiler_3\",{}]}",
                Assert.Single(Run("FOR t IN things FILTER t.uid == 'D' RETURN { t, again: t, n: -1, list: [t.title, t.status] }")));
            Assert.Equal(new[] { "7", "7" }, Run("FOR t IN things LIMIT 2 RETURN @n", new { n = 7 }));
            Assert.Equal("\"boiler_3\"", Assert.Single(Run("FOR t IN things FILTER t.uid == 'D' RETURN t.title")));
        }

        [Fact]
        public void AndOr_GiveAnOperand_AsInAql()
        {
            Assert.Equal("[0,2,1,\"x\"]", Assert.Single(Run("RETURN [0 AND 1, 1 AND 2, 1 OR 2, null OR 'x']")));
        }

        [Fact]
        public void BindVariables_MustAllBeGiven_AndAllBeUsed()
        {
            var missing = Assert.Throws<AqlException>(() => Run("FOR t IN things FILTER t.status.temperature > @min RETURN t"));
            Assert.Equal("no value was given for bind parameter '@min'", missing.Message);

            var unused = Assert.Throws<AqlException>(() => Run("FOR t IN things RETURN t", new { min = 1 }));
            Assert.Equal("bind parameter 'min' is given but the query does not use it", unused.Message);

            Assert.Equal(new[] { "\"A\"", "\"C\"" }, Run("FOR t IN things FILTER t.title IN @titles RETURN t.uid", new { titles = new[] { "boiler-1", "pump-1" } }));
        }
    }
}
