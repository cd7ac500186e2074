using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Query;
using Xunit;

namespace IotStudio.Emulator.Tests
{
    /// <summary>The AQL subset: what parses into what, and what is refused, why, and where.</summary>
    public class AqlParserTests
    {
        private const string Example = "FOR t IN things FILTER t.properties.temperature > @min AND t.title LIKE \"boiler%\" SORT t.title LIMIT 10 RETURN { uid: t.uid, title: t.title }";

        private static AqlException Refused(string query) => Assert.Throws<AqlException>(() => AqlParser.Parse(query));

        [Fact]
        public void TheExample_ParsesIntoItsParts()
        {
            var q = AqlParser.Parse(Example);

            Assert.Equal("t", q.Variable);
            Assert.Equal("things", q.Collection);
            Assert.Equal(new[] { "min" }, q.BindVariables);
            Assert.Collection(q.Operations,
                op =>
                {
                    var and = Assert.IsType<AqlBinary>(Assert.IsType<AqlFilter>(op).Condition);
                    Assert.Equal("AND", and.Operator);
                    var gt = Assert.IsType<AqlBinary>(and.Left);
                    Assert.Equal(">", gt.Operator);
                    Assert.Equal(new AqlMember(new AqlMember(new AqlVariable("t"), "properties"), "temperature"), gt.Left);
                    Assert.Equal(new AqlBindVariable("min"), gt.Right);
                    var like = Assert.IsType<AqlBinary>(and.Right);
                    Assert.Equal("LIKE", like.Operator);
                    Assert.Equal("boiler%", ((AqlLiteral)like.Right).Value.GetValue<string>());
                },
                op => Assert.False(Assert.Single(Assert.IsType<AqlSort>(op).Keys).Descending),
                op =>
                {
                    var limit = Assert.IsType<AqlLimit>(op);
                    Assert.Null(limit.Offset);
                    Assert.Equal(10L, ((AqlLiteral)limit.Count).Value.GetValue<long>());
                });
            var ret = Assert.IsType<AqlObject>(q.Return);
            Assert.Equal(new[] { "uid", "title" }, ret.Entries.Select(e => e.Key));
        }

        [Fact]
        public void Precedence_FollowsAql()
        {
            var or = Assert.IsType<AqlBinary>(((AqlFilter)AqlParser.Parse("FOR t IN things FILTER t.a == 1 OR t.b == 2 AND t.c == 3 RETURN t").Operations[0]).Condition);
            Assert.Equal("OR", or.Operator);
            Assert.Equal("AND", Assert.IsType<AqlBinary>(or.Right).Operator);

            // NOT binds tighter than a comparison, as in AQL.
            var eq = Assert.IsType<AqlBinary>(((AqlFilter)AqlParser.Parse("FOR t IN things FILTER NOT t.a == true RETURN t").Operations[0]).Condition);
            Assert.Equal("==", eq.Operator);
            Assert.IsType<AqlUnary>(eq.Left);

            var not = Assert.IsType<AqlUnary>(((AqlFilter)AqlParser.Parse("FOR t IN things FILTER NOT (t.a == true) RETURN t").Operations[0]).Condition);
            Assert.Equal("==", Assert.IsType<AqlBinary>(not.Operand).Operator);

            var cmp = Assert.IsType<AqlBinary>(((AqlFilter)AqlParser.Parse("FOR t IN things FILTER t.a NOT IN [1, 2] && t.b NOT LIKE 'x%' || !t.c RETURN t").Operations[0]).Condition);
            Assert.Equal("OR", cmp.Operator);
            var and = Assert.IsType<AqlBinary>(cmp.Left);
            Assert.Equal("NOT IN", Assert.IsType<AqlBinary>(and.Left).Operator);
            Assert.Equal("NOT LIKE", Assert.IsType<AqlBinary>(and.Right).Operator);
        }

        [Fact]
        public void Keywords_IgnoreCase_AndCommentsAndQuotedNamesAreRead()
        {
            var q = AqlParser.Parse("for t in things // every Thing\n /* typed */ filter t.`@type` == 'sensor' sort t.created desc, t.title asc limit 2, 5 return t['title']");

            Assert.Equal(3, q.Operations.Count);
            Assert.Equal(new AqlMember(new AqlVariable("t"), "@type"), ((AqlBinary)((AqlFilter)q.Operations[0]).Condition).Left);
            var sort = (AqlSort)q.Operations[1];
            Assert.True(sort.Keys[0].Descending);
            Assert.False(sort.Keys[1].Descending);
            Assert.NotNull(((AqlLimit)q.Operations[2]).Offset);
            Assert.IsType<AqlMember>(q.Return);
        }

        [Fact]
        public void ABareReturn_AndLiteralsOfEveryKind_Parse()
        {
            var q = AqlParser.Parse("RETURN [1, -2.5, 1e3, 'a\\'b', \"c\\\"d\\u0041\", true, FALSE, null, {x: 1, 'y z': [], }, ]");

            Assert.Null(q.Variable);
            Assert.Equal(9, Assert.IsType<AqlArray>(q.Return).Items.Count);
        }

        [Theory]
        [InlineData("INSERT { title: 'x' } INTO things", "INSERT")]
        [InlineData("FOR t IN things UPDATE t WITH { title: 'x' } IN things", "UPDATE")]
        [InlineData("FOR t IN things REPLACE t WITH { title: 'x' } IN things", "REPLACE")]
        [InlineData("FOR t IN things FILTER t.title == 'a' remove t IN things", "REMOVE")]
        [InlineData("UPSERT { title: 'x' } INSERT { title: 'x' } UPDATE {} IN things", "UPSERT")]
        [InlineData("FOR t IN things LET x = 1 REMOVE t IN things", "REMOVE")]
        public void Writes_AreRefused_AsReadOnly_WhateverElseTheQueryHolds(string query, string keyword)
        {
            var ex = Refused(query);

            Assert.Equal(AqlErrorKind.ReadOnly, ex.Kind);
            Assert.StartsWith($"the query service is read-only: {keyword} is not allowed", ex.Message);
        }

        [Fact]
        public void WriteWords_AsNamesOrText_AreNotWrites()
        {
            var q = AqlParser.Parse("FOR t IN things FILTER t.update == 'REMOVE' RETURN { update: t.remove, `insert`: 1 }");

            Assert.Equal("things", q.Collection);
        }

        [Theory]
        [InlineData("FOR t IN things LET x = t.a RETURN x", "LET")]
        [InlineData("FOR t IN things COLLECT c = t.model RETURN c", "COLLECT")]
        [InlineData("FOR t IN things FOR c IN categories RETURN c", "a second FOR (nested loops and joins)")]
        [InlineData("FOR t IN things RETURN LENGTH(t.links)", "the function LENGTH()")]
        [InlineData("FOR t IN things FILTER t.status.temperature + 1 > 3 RETURN t", "arithmetic ('+')")]
        [InlineData("FOR t IN things RETURN t.a * 2", "arithmetic ('*')")]
        [InlineData("FOR t IN things RETURN t.a ? 1 : 2", "the ternary operator '?'")]
        [InlineData("FOR t IN things RETURN DISTINCT t.model", "RETURN DISTINCT")]
        [InlineData("FOR t IN @@coll RETURN t", "a collection bind parameter (@@coll)")]
        [InlineData("FOR t IN [1, 2] RETURN t", "looping over anything but a collection")]
        [InlineData("FOR t IN things RETURN t.links[*].href", "array expansion ([*])")]
        [InlineData("FOR t IN things FILTER t.title =~ '^b' RETURN t", "the regular expression operator '=~'")]
        [InlineData("FOR t IN things RETURN (FOR c IN categories RETURN c)", "a subquery")]
        [InlineData("FOR t IN things FILTER t.tags ANY == 'a' RETURN t", "the array comparison operator ANY")]
        [InlineData("WITH things FOR t IN things RETURN t", "WITH")]
        public void AqlOutsideTheSubset_IsRefused_NamingWhatIsNotSupported(string query, string what)
        {
            var ex = Refused(query);

            Assert.Equal(AqlErrorKind.Unsupported, ex.Kind);
            Assert.StartsWith(what, ex.Message);
            Assert.Contains("is not supported by the emulator's AQL subset at position 1:", ex.Message);
        }

        [Theory]
        [InlineData("FOR t IN things FILTER RETURN t", "syntax error, unexpected 'RETURN' (expected a value)", 1, 24)]
        [InlineData("FOR t IN things\n  FILTER t.a == 1", "the query has no RETURN", 2, 18)]
        [InlineData("FOR t IN things RETURN x", "variable 'x' is not known (the loop variable is 't'; collections can only be read with FOR)", 1, 24)]
        [InlineData("FOR t IN things RETURN 'open", "unterminated string", 1, 24)]
        [InlineData("FOR t IN things FILTER t.a = 1 RETURN t", "syntax error, unexpected '=' (compare with '==')", 1, 28)]
        [InlineData("FOR t IN things RETURN t extra", "syntax error, unexpected 'extra' (nothing may follow RETURN)", 1, 26)]
        [InlineData("SELECT * FROM things", "syntax error, unexpected 'SELECT' (a query starts with FOR (or RETURN))", 1, 1)]
        [InlineData("FOR t IN things RETURN { a: 1, a: 2 }", "attribute 'a' is given twice in the object", 1, 32)]
        public void SyntaxErrors_SayWhatAndWhere(string query, string message, int line, int column)
        {
            var ex = Refused(query);

            Assert.Equal(AqlErrorKind.Syntax, ex.Kind);
            Assert.Equal($"{message} at position {line}:{column}", ex.Message);
            Assert.Equal(line, ex.Line);
            Assert.Equal(column, ex.Column);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  \n ")]
        public void AnEmptyQuery_IsRefused(string query)
        {
            Assert.Equal("the query is empty", Refused(query).Message);
        }
    }
}
