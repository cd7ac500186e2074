using IotStudio.Emulator.Infrastructure;
using Xunit;

namespace IotStudio.Emulator.Tests
{
    /// <summary>The scope each /spaces path needs, as the API description's security says (email: none named, so none).</summary>
    public sealed class RequiredScopeTests
    {
        [Theory]
        [InlineData("/spaces/s/categories", "category")]
        [InlineData("/spaces/s/categories/Boilers", "category")]
        [InlineData("/spaces/s/categories/Boilers/mqtt-credentials", "category")]
        [InlineData("/spaces/s/categories/Boilers/things", "thing")]
        [InlineData("/spaces/s/categories/Boilers/things/01GQ2E9M2Y45BX9EW0X3D6QGXQ/mqtt-credentials", "thing")]
        [InlineData("/spaces/s/things/01GQ2E9M2Y45BX9EW0X3D6QGXQ/mqtt-credentials", "thing")]
        [InlineData("/spaces/s/models/m/versions", "model")]
        [InlineData("/spaces/s/query/cursor", "query")]
        [InlineData("/spaces/s/communications/email", null)]
        public void EachPath_NeedsTheScopeItsSecurityNames(string path, string scope)
        {
            Assert.Equal(scope, ApiPipeline.RequiredScope(path));
        }
    }
}
