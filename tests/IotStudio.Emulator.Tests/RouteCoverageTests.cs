using System;
using System.Collections.Generic;
using System.Linq;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Tests.Shared;
using Microsoft.AspNetCore.Routing;
using Xunit;
using Xunit.Abstractions;

namespace IotStudio.Emulator.Tests
{
    /// <summary>
    /// Every API operation of api/*.openapi.yaml has exactly one emulator route (its .Operation() metadata) with the
    /// spec's method and path, or is listed in api/operations-pending.txt. Read from the endpoint table of the app as
    /// EmulatorApp.Build makes it, without starting it.
    /// </summary>
    public class RouteCoverageTests
    {
        private static readonly Lazy<ApiSpec> Spec = new Lazy<ApiSpec>(() => ApiSpec.Load());
        private readonly ITestOutputHelper _output;

        public RouteCoverageTests(ITestOutputHelper output) { _output = output; }

        private sealed record Route(string Method, string Pattern, string OperationId)
        {
            public override string ToString() => $"{Method} {Pattern}";
        }

        private static List<Route> Routes()
        {
            var options = EmulatorOptions.Parse(new[] { "--port", "0" }, out _);
            var app = EmulatorApp.Build(options);
            try
            {
                // The app's own endpoint table: the host copies it into the services' EndpointDataSource when it starts.
                return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)
                    .OfType<RouteEndpoint>()
                    .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? new[] { "*" })
                        .Select(m => new Route(m, "/" + e.RoutePattern.RawText.TrimStart('/'), e.Metadata.GetMetadata<ApiOperation>()?.OperationId)))
                    .ToList();
            }
            finally { ((IDisposable)app).Dispose(); }
        }

        [Fact]
        public void EveryOperation_HasOneRoute_OrIsPending()
        {
            var routes = Routes();
            var owned = routes.Where(r => r.OperationId != null).ToList();
            Assert.NotEmpty(owned);
            var problems = Spec.Value.CheckOwners("emulator", owned.Select(r => (r.OperationId, r.ToString())));
            Spec.Value.ReportCoverage("emulator", Spec.Value.CountOwned(owned.Select(r => r.OperationId)), _output.WriteLine);
            Assert.True(problems.Count == 0, "API operations and their emulator routes (.Operation(\"OperationId\") on the route):\n  " + string.Join("\n  ", problems));
        }

        [Fact]
        public void EveryRoute_HasTheMethodAndPathOfItsOperation()
        {
            var problems = new List<string>();
            foreach (var r in Routes().Where(r => r.OperationId != null))
            {
                if (!Spec.Value.ById.TryGetValue(r.OperationId, out var op)) continue;  // reported by the ownership test
                if (r.Method != op.Method || ApiSpec.ErasePathParameters(r.Pattern) != ApiSpec.ErasePathParameters(op.Path))
                    problems.Add($"{r} serves {r.OperationId}, which the spec has at {op.Method} {op.Path}");
            }
            Assert.True(problems.Count == 0, "Emulator routes that do not match the spec of their operation:\n  " + string.Join("\n  ", problems));
        }

        [Fact]
        public void EveryApiRoute_DeclaresItsOperation()
        {
            var undeclared = Routes().Where(r => r.OperationId == null && r.Pattern.StartsWith("/spaces", StringComparison.Ordinal)).Select(r => r.ToString()).ToList();
            Assert.True(undeclared.Count == 0, "Routes under /spaces without .Operation(\"OperationId\"):\n  " + string.Join("\n  ", undeclared));
        }
    }
}
