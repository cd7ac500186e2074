using System;
using System.Linq;
using IotStudio.Tests.Shared;
using Xunit;

namespace IotStudio.Emulator.Tests
{
    /// <summary>The emulator sorts Things by exactly the fields the API description lists for the sort parameter.</summary>
    public class SortFieldsTests
    {
        [Fact]
        public void SortFields_AreTheEnumOfTheSortParameterInTheApiDescription()
        {
            var fromSpec = ApiSpec.ParameterEnum("sort_things");
            var expected = Store.ThingQuery.SortFields.SelectMany(f => new[] { f, "+" + f, "-" + f }).OrderBy(v => v, StringComparer.Ordinal);
            Assert.NotEmpty(fromSpec);
            Assert.Equal(expected, fromSpec.OrderBy(v => v, StringComparer.Ordinal));
        }
    }
}
