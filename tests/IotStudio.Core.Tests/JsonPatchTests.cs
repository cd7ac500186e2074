using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using IotStudio.Json;
using IotStudio.Models;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class JsonPatchTests
    {
        [Theory]
        [InlineData("description", "/description")]
        [InlineData("properties/temperature/title", "/properties/temperature/title")]
        [InlineData("a~b", "/a~0b")]
        [InlineData("/properties/a~1b/title", "/properties/a~1b/title")]
        public void FromKey_ReadsRelativePathsAndPointers(string key, string pointer)
        {
            Assert.Equal(pointer, JsonPointer.FromKey(key));
        }

        [Fact]
        public void Create_EscapesTildeAndSlashInsideEachName()
        {
            Assert.Equal("/properties/a~1b~0c", JsonPointer.Create("properties", "a/b~c"));
            Assert.Equal("~01", JsonPointer.Escape("~1"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("properties//x")]
        [InlineData("properties/")]
        [InlineData("/a~2b")]
        [InlineData("/a~")]
        public void FromKey_RefusesEmptyNamesAndBadEscapes(string key)
        {
            Assert.Throws<ArgumentException>(() => JsonPointer.FromKey(key));
        }

        [Fact]
        public void Operations_WriteRfc6902Json()
        {
            var ops = new List<JsonPatchOperation>
            {
                JsonPatchOperation.Replace("description", "x"),
                JsonPatchOperation.Add("properties/t", new OrderedDictionary { { "type", "number" } }),
                JsonPatchOperation.Add("title", null),
                JsonPatchOperation.Remove("properties/old"),
                JsonPatchOperation.Move("properties/a", "properties/b"),
                JsonPatchOperation.Copy("/title", "/description"),
                JsonPatchOperation.Test("title", "t"),
            };

            Assert.Equal(
                "[{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"x\"}," +
                "{\"op\":\"add\",\"path\":\"/properties/t\",\"value\":{\"type\":\"number\"}}," +
                "{\"op\":\"add\",\"path\":\"/title\",\"value\":null}," +
                "{\"op\":\"remove\",\"path\":\"/properties/old\"}," +
                "{\"op\":\"move\",\"from\":\"/properties/a\",\"path\":\"/properties/b\"}," +
                "{\"op\":\"copy\",\"from\":\"/title\",\"path\":\"/description\"}," +
                "{\"op\":\"test\",\"path\":\"/title\",\"value\":\"t\"}]",
                JsonClr.Serialize(ops));
        }

        [Fact]
        public void FromMap_ReadsAnyCase_NormalisesOp_AndKeepsANullValue()
        {
            var op = JsonPatchOperation.FromMap(new Hashtable { { "OP", "Replace" }, { "Path", "/title" }, { "value", null } });

            Assert.Equal("replace", op.Op);
            Assert.Equal("/title", op.Path);
            Assert.True(op.HasValue);
            Assert.Null(op.Value);
        }

        public static IEnumerable<object[]> BadMaps() => new[]
        {
            new object[] { new Hashtable { { "op", "bogus" }, { "path", "/x" } }, "bogus" },
            new object[] { new Hashtable { { "op", "replace" }, { "path", "description" }, { "value", 1 } }, "start with '/'" },
            new object[] { new Hashtable { { "op", "replace" }, { "path", "/x" } }, "needs a 'value'" },
            new object[] { new Hashtable { { "op", "add" }, { "path", "/x" } }, "needs a 'value'" },
            new object[] { new Hashtable { { "op", "test" }, { "path", "/x" } }, "needs a 'value'" },
            new object[] { new Hashtable { { "op", "move" }, { "path", "/x" } }, "needs 'from'" },
            new object[] { new Hashtable { { "op", "copy" }, { "path", "/x" }, { "from", "y" } }, "start with '/'" },
            new object[] { new Hashtable { { "op", "replace" }, { "path", "/x" }, { "valeu", 1 } }, "'valeu'" },
            new object[] { new Hashtable { { "path", "/x" } }, "needs 'op'" },
            new object[] { new Hashtable { { "op", "remove" } }, "needs 'path'" },
            new object[] { new Hashtable { { "op", 1 }, { "path", "/x" } }, "must be a string" },
        };

        [Theory]
        [MemberData(nameof(BadMaps))]
        public void FromMap_RefusesWhatIsNotAnOperation_WithAMessageThatSaysWhy(Hashtable map, string expected)
        {
            var ex = Assert.Throws<ArgumentException>(() => JsonPatchOperation.FromMap(map));

            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void CheckPatch_RefusesAnEmptyOrNullPatch()
        {
            Assert.Contains("empty", Assert.Throws<ArgumentException>(() => JsonPatchOperation.CheckPatch(new JsonPatchOperation[0])).Message);
            Assert.Throws<ArgumentException>(() => JsonPatchOperation.CheckPatch(null));
            Assert.Throws<ArgumentException>(() => JsonPatchOperation.CheckPatch(new JsonPatchOperation[] { null }));
        }

        [Fact]
        public void ThingPatch_NeedsAUlidAndOperations()
        {
            var ops = new[] { JsonPatchOperation.Remove("title") };

            Assert.Throws<ArgumentException>(() => new ThingPatch("not-a-ulid", ops));
            Assert.Throws<ArgumentException>(() => new ThingPatch(Uid, Array.Empty<JsonPatchOperation>()));
            Assert.Equal(Uid, new ThingPatch(Uid, ops).ThingId);
        }
    }
}
