using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using IotStudio.Api;
using IotStudio.Http;
using IotStudio.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace IotStudio.Core.Tests
{
    /// <summary>
    /// Every API operation of api/*.openapi.yaml has exactly one Core method that sends it (its [ApiOperation]), or is
    /// listed in api/operations-pending.txt; and the rules themselves, on a small spec of their own.
    /// </summary>
    public class ApiCoverageTests
    {
        private static readonly Lazy<ApiSpec> Spec = new Lazy<ApiSpec>(() => ApiSpec.Load());
        private readonly ITestOutputHelper _output;

        public ApiCoverageTests(ITestOutputHelper output) { _output = output; }

        /// <summary>Every method of IotStudio.Core with [ApiOperation], as (operationId, "Type.Method") pairs.</summary>
        private static List<(string OperationId, string Owner)> CoreOwners()
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            return typeof(IotStudioClient).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(all))
                .SelectMany(m => (m.GetCustomAttribute<ApiOperationAttribute>()?.OperationIds ?? Array.Empty<string>())
                    .Select(id => (id, $"{m.DeclaringType.Name}.{m.Name}")))
                .ToList();
        }

        [Fact]
        public void Spec_HasEveryOperationOfBothFiles_AndNoneTwice()
        {
            Assert.Empty(Spec.Value.Problems);
            Assert.Equal(88, Spec.Value.Operations.Count);
            // The operationIds inside response links (listThings) are not operations.
            Assert.DoesNotContain(Spec.Value.Operations, o => o.OperationId == "listThings");
            Assert.Contains(Spec.Value.Operations, o => o.OperationId == "PatchThingFromCategory" && o.Method == "PATCH" && o.File.EndsWith("readme-operations.openapi.yaml", StringComparison.Ordinal));
        }

        [Fact]
        public void EveryOperation_HasOneCoreOwner_OrIsPending()
        {
            var owners = CoreOwners();
            Assert.NotEmpty(owners);
            var problems = Spec.Value.CheckOwners("core", owners);
            Spec.Value.ReportCoverage("core", Spec.Value.CountOwned(owners.Select(o => o.OperationId)), _output.WriteLine);
            Assert.True(problems.Count == 0, "API operations and their Core owners ([ApiOperation] on the method that sends them):\n  " + string.Join("\n  ", problems));
        }

        // ------------------------------------------------------------ the rules, on a spec of their own

        private const string MiniSpec = @"
openapi: 3.0.3
paths:
  /spaces/{space}/things:
    parameters:
      - name: space
        in: path
    get:
      operationId: ListThings
      responses:
        '200':
          links:
            pagingNextPage:
              operationId: listThings
    post:
      operationId: CreateThing
  /spaces/{space}/things/{thing-id}:
    get:
      operationId: GetThing
    delete:
      operationId: DeleteThing
";

        private static ApiSpec LoadMini(string pending, string extraSpec = "")
        {
            string root = Path.Combine(Path.GetTempPath(), "iotstudio-spec-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(Path.Combine(root, "api"));
            try
            {
                File.WriteAllText(Path.Combine(root, ApiSpec.SpecFiles[0]), MiniSpec);
                File.WriteAllText(Path.Combine(root, ApiSpec.SpecFiles[1]), "openapi: 3.0.3\n" + (extraSpec.Length == 0 ? "paths: {}\n" : "paths:\n" + extraSpec));
                File.WriteAllText(Path.Combine(root, ApiSpec.PendingFile), pending);
                return ApiSpec.Load(root);
            }
            finally { Directory.Delete(root, true); }
        }

        private static (string, string)[] Owners(params string[] pairs) =>
            pairs.Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();

        [Fact]
        public void Rules_ReadOnlyOperations_NotLinksOrParameters()
        {
            var spec = LoadMini("");
            Assert.Equal(new[] { "GET ListThings", "POST CreateThing", "GET GetThing", "DELETE DeleteThing" }, spec.Operations.Select(o => $"{o.Method} {o.OperationId}"));
            Assert.Empty(spec.CheckOwners("core", Owners("ListThings=A.List", "CreateThing=A.Create", "GetThing=A.Get", "DeleteThing=A.Delete")));
        }

        [Fact]
        public void Rules_UnknownOperationId_IsATypo()
        {
            var problems = LoadMini("GetThing\nDeleteThing\n").CheckOwners("core", Owners("ListThings=A.List", "CreateThing=A.Create", "ListThing=A.Other"));
            Assert.Equal("A.Other owns 'ListThing', which is not an operationId of api/anythingdb.openapi.yaml or api/readme-operations.openapi.yaml (a typo?)", Assert.Single(problems));
        }

        [Fact]
        public void Rules_TwoOwners_Fail()
        {
            var problems = LoadMini("GetThing\nDeleteThing\n").CheckOwners("core", Owners("ListThings=A.List", "ListThings=B.List", "CreateThing=A.Create"));
            Assert.Equal("ListThings has 2 owners, one is allowed: A.List, B.List", Assert.Single(problems));
        }

        [Fact]
        public void Rules_UnownedAndNotPending_Fails()
        {
            var problems = LoadMini("# comment\n\nGetThing\n").CheckOwners("core", Owners("ListThings=A.List", "CreateThing=A.Create"));
            Assert.Equal("DeleteThing (DELETE /spaces/{space}/things/{thing-id}) has no core owner and is not listed in api/operations-pending.txt", Assert.Single(problems));
        }

        [Fact]
        public void Rules_PendingButOwned_Fails()
        {
            var problems = LoadMini("GetThing\nDeleteThing   # soon\n").CheckOwners("core", Owners("ListThings=A.List", "CreateThing=A.Create", "DeleteThing=A.Delete"));
            Assert.Equal("DeleteThing is listed in api/operations-pending.txt but A.Delete owns it: remove its line there", Assert.Single(problems));
        }

        [Fact]
        public void Rules_PendingOnOneSide_CountsOnlyThere()
        {
            var spec = LoadMini("GetThing\nDeleteThing core\n");
            var emulatorOwners = Owners("ListThings=GET a", "CreateThing=POST a", "DeleteThing=DELETE b");
            Assert.Empty(spec.CheckOwners("emulator", emulatorOwners));
            Assert.Empty(spec.CheckOwners("core", Owners("ListThings=A.List", "CreateThing=A.Create")));
            Assert.Equal("DeleteThing is listed in api/operations-pending.txt but A.Delete owns it: remove its line there",
                Assert.Single(spec.CheckOwners("core", Owners("ListThings=A.List", "CreateThing=A.Create", "DeleteThing=A.Delete"))));
            Assert.Equal(3, spec.CountOwned(emulatorOwners.Select(o => o.Item1)));
        }

        [Fact]
        public void Rules_BadPendingLines_AndDuplicateIds_Fail()
        {
            var spec = LoadMini("GetThing both\nDeleteThing\nDeleteThing\nNoSuchThing\n",
                "  /spaces/{space}/x:\n    get:\n      operationId: GetThing\n    put:\n      summary: no id\n");
            Assert.Equal(new[]
            {
                "api/readme-operations.openapi.yaml: PUT /spaces/{space}/x has no operationId",
                "the operationId GetThing is used 2 times: GET /spaces/{space}/things/{thing-id}, GET /spaces/{space}/x",
                "api/operations-pending.txt line 1: 'GetThing both' is not 'OperationId', 'OperationId core' or 'OperationId emulator'",
                "api/operations-pending.txt line 3: DeleteThing is listed twice",
            }, spec.Problems);
            Assert.Contains("api/operations-pending.txt lists 'NoSuchThing', which is not an operationId of api/anythingdb.openapi.yaml or api/readme-operations.openapi.yaml",
                spec.CheckOwners("core", Owners("ListThings=A.List", "CreateThing=A.Create", "GetThing=A.Get")));
        }

        [Theory]
        [InlineData("/spaces/{space}/categories/{category-name}/things/{thing-id}", "/spaces/{}/categories/{}/things/{}")]
        [InlineData("/spaces/{space}/things/", "/spaces/{}/things")]
        public void ErasePathParameters_KeepsOnlyTheShape(string path, string erased) =>
            Assert.Equal(erased, ApiSpec.ErasePathParameters(path));
    }
}
