using System;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Core.Tests.Fakes;
using Xunit;
using static IotStudio.Core.Tests.Fakes.TestClients;

namespace IotStudio.Core.Tests
{
    public class ValidateTests
    {

        [Theory]
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXQ")]
        [InlineData("01gq2e9m2y45bx9ew0x3d6qgxq")]  // Crockford base32 is case-insensitive
        [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")]  // the largest ULID
        [InlineData("00000000000000000000000000")]
        public void Ulid_Valid(string value)
        {
            Assert.True(Validate.IsUlid(value));
            Assert.Equal(value, Validate.Ulid(value, "Thing id"));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGX")]    // 25 characters
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXQQ")]  // 27 characters
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXI")]  // I is not Crockford
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXL")]  // nor L
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXO")]  // nor O
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXU")]  // nor U
        [InlineData("81GQ2E9M2Y45BX9EW0X3D6QGXQ")]  // first character above 7 overflows 128 bits
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGX ")]
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXQ\n")]
        public void Ulid_Invalid_ClearMessage(string value)
        {
            Assert.False(Validate.IsUlid(value));
            var ex = Assert.Throws<ArgumentException>(() => Validate.Ulid(value, "Thing id"));
            Assert.Equal("Thing id", ex.ParamName);
            Assert.Contains($"'{value}' is not a valid Thing id", ex.Message);
            Assert.Contains("ULID", ex.Message);
        }

        [Theory]
        [InlineData("a")]
        [InlineData("Cat_1:x-Y")]
        [InlineData("abcdefghijklmnopqrstuvwxyz")]  // 26 characters
        public void Name_Valid(string value)
        {
            Assert.True(Validate.IsName(value));
            Assert.Equal(value, Validate.Name(value, "Category"));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("abcdefghijklmnopqrstuvwxyz0")]  // 27 characters
        [InlineData("a b")]
        [InlineData("a/b")]
        [InlineData("a.b")]
        [InlineData("émile")]
        [InlineData("name\n")]
        public void Name_Invalid_ClearMessage(string value)
        {
            Assert.False(Validate.IsName(value));
            var ex = Assert.Throws<ArgumentException>(() => Validate.Name(value, "Category"));
            Assert.Equal("Category", ex.ParamName);
            Assert.Contains("not a valid Category name", ex.Message);
            Assert.Contains("1 to 26", ex.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void Space_Empty_IsRefused(string space)
        {
            var ex = Assert.Throws<ArgumentException>(() => Validate.Space(space));
            Assert.Equal("Space", ex.ParamName);
            Assert.Contains("No space", ex.Message);
        }

        [Theory]
        [InlineData("boiler-7", true)]
        [InlineData("Hall thermostat", true)]
        [InlineData("sensor_1", true)]
        [InlineData("abc", true)]                           // far too short for an id
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGX", false)]    // a ULID with a character missing: a typo, not a title
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXU", false)]   // a ULID with a wrong character
        [InlineData("01GQ2E9M2Y45BX9EW0X3D6QGXQ", false)]   // a ULID
        [InlineData("", false)]
        [InlineData(null, false)]
        public void LooksLikeTitle_TellsATitleFromAMistypedId(string value, bool expected)
        {
            Assert.Equal(expected, Validate.LooksLikeTitle(value));
        }

        [Theory]
        [InlineData("Thing id", "Thing")]
        [InlineData("action id", "Action")]
        [InlineData("event id", "Event")]
        public void Ulid_Refusal_SaysWhatTheValueWasMeantToName(string what, string subject)
        {
            var ex = Assert.Throws<ArgumentException>(() => Validate.Ulid("boiler-7", what));
            Assert.Equal(subject, Validate.SubjectOf(ex));
            Assert.Equal("boiler-7", Validate.ValueOf(ex));
        }

        [Theory]
        [InlineData("Category")]
        [InlineData("Model")]
        public void Name_Refusal_SaysWhatTheValueWasMeantToName(string what)
        {
            var ex = Assert.Throws<ArgumentException>(() => Validate.Name("a b", what));
            Assert.Equal(what, Validate.SubjectOf(ex));
            Assert.Equal("a b", Validate.ValueOf(ex));
            Assert.Null(Validate.SubjectOf(new ArgumentException("x")));
        }

        [Fact]
        public async Task ThingsApi_RejectsAnInvalidUlid_BeforeSendingAnything()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{}"));
            using var client = WithToken(handler);

            var get = await Assert.ThrowsAsync<ArgumentException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, "not-a-ulid", null), None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.DeleteAsync(new IotStudio.Api.ThingPath(Space, "../../things", null), None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.UpdateAsync(new IotStudio.Api.ThingPath(Space, "01GQ2E9M2Y45BX9EW0X3D6QGX", null), new System.Collections.Hashtable(), null, None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Properties.SetOneAsync(new IotStudio.Api.ThingPath(Space, "x", null), "p", 1, true, None));

            Assert.Contains("'not-a-ulid' is not a valid Thing id", get.Message);
            Assert.Empty(handler.Requests);
        }

        [Fact]
        public async Task ThingsApi_RejectsAnInvalidCategory_AndEmptySpace_BeforeSendingAnything()
        {
            var handler = new FakeHandler().Always(_ => Respond.Json(200, "{}"));
            using var client = WithToken(handler);

            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath(Space, Uid, "bad/category"), None));
            Assert.Throws<ArgumentException>(() => client.Things.List(Space, new ThingQuery { Category = "a b" }));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Things.GetAsync(new IotStudio.Api.ThingPath("", Uid, null), None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Categories.CreateAsync(Space, "has space", null, null, null, None));

            Assert.Empty(handler.Requests);
        }
    }
}
