using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>JSON Patch of Things (RFC 6902): one Thing, or several in one bulk request with a result per Thing.</summary>
    public sealed partial class ThingsApi
    {
        /// <summary>The media type of a single Thing's patch body.</summary>
        public const string JsonPatchContentType = "application/json-patch+json";

        private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

        /// <summary>Applies a JSON Patch to one Thing (all operations or none) and returns the patched Thing.</summary>
        [ApiOperation("PatchThing", "PatchThingFromCategory")]
        public Task<Thing> PatchAsync(ThingPath thing, IEnumerable<JsonPatchOperation> patch, CancellationToken ct)
        {
            var operations = JsonPatchOperation.CheckPatch(patch);
            var request = new ApiRequest("PATCH", thing.Path()).WithJson(operations, JsonPatchContentType);
            return _client.SendAsync(request, e => Thing.FromJson(e, thing.Space), ct);
        }

        /// <summary>
        /// Patches several Things with one request (<c>PATCH .../things</c>, answered 207). Each Thing succeeds or fails
        /// on its own: the results come back in the order of <paramref name="items"/>, each with the patched Thing or the
        /// API's error. With a Category, every Thing must be in it.
        /// </summary>
        [ApiOperation("PatchThings", "PatchThingsFromCategory")]
        public Task<IReadOnlyList<ThingPatchResult>> PatchManyAsync(string space, string category, IEnumerable<ThingPatch> items, CancellationToken ct)
        {
            var list = items?.ToList() ?? new List<ThingPatch>();
            if (list.Count == 0) throw new ArgumentException("No Things to patch were given.", nameof(items));
            if (list.Any(i => i == null)) throw new ArgumentException("The Things to patch hold a null item.", nameof(items));
            var path = ThingPath.Collection(space, category);
            var body = list.Select(i => new OrderedDictionary { { "id", i.ThingId }, { "patch", i.Patch } }).ToList();
            var request = new ApiRequest("PATCH", path).WithJson(body);
            return _client.SendAsync(request, root => ReadPatchResults(root, list, space, path), ct);
        }

        private static IReadOnlyList<ThingPatchResult> ReadPatchResults(JsonElement root, List<ThingPatch> items, string space, string path)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                throw new FormatException("a bulk patch answer must be an object with a 'results' array");
            if (results.GetArrayLength() != items.Count)
                throw new FormatException($"the answer holds {results.GetArrayLength()} results for {items.Count} Things");
            var list = new List<ThingPatchResult>(items.Count);
            var i = 0;
            foreach (var r in results.EnumerateArray())
            {
                var id = items[i++].ThingId;
                if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("status", out var s) || !s.TryGetInt32(out var status))
                    throw new FormatException($"result {i - 1} has no numeric 'status'");
                r.TryGetProperty("response", out var response);
                if (status >= 200 && status < 300)
                {
                    list.Add(new ThingPatchResult(id, status, Thing.FromJson(response, space), null));
                }
                else
                {
                    var text = response.ValueKind == JsonValueKind.Undefined ? "" : response.GetRawText();
                    var raw = new RawResponse(status, "application/json", NoHeaders, text);
                    list.Add(new ThingPatchResult(id, status, null, IotStudioApiException.FromResponse("PATCH", path, raw)));
                }
            }
            return list;
        }
    }
}
