using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Query;

/// <summary>
/// The collections a query can loop over, each document as GET shows it: <c>things</c> (in uid order, with
/// <c>categories</c>), <c>categories</c> (in creation order) and <c>models</c> (in name order). Call under the space lock.
/// </summary>
public static class QueryCollections
{
    public static readonly string[] Names = ["things", "categories", "models"];

    public static IEnumerable<AqlRow> Rows(SpaceData space, string collection) => collection switch
    {
        "things" => space.Things.Select(t => (AqlRow)new ThingRow(t, space.ThingIdPrefix)),
        "categories" => space.CategoryList.Select(c => (AqlRow)new AqlJsonRow(Parse(c.Json()))),
        "models" => space.ModelList.Select(m => (AqlRow)new AqlJsonRow(Parse(m.Json()))),
        _ => throw ApiErrors.NotFound($"collection or view not found: '{collection}' (the emulator's collections are {string.Join(", ", Names)})",
            ApiErrors.Details("collection", collection)),
    };

    private static JsonObject Parse(byte[] json) => (JsonObject)JsonNode.Parse(json, documentOptions: JsonOut.ReadOptions);

    /// <summary>A Thing read attribute by attribute from its record; the whole document is only built for <c>RETURN t</c>.</summary>
    private sealed class ThingRow(ThingRecord thing, string idPrefix) : AqlRow
    {
        public override JsonNode Member(string name)
        {
            switch (name)
            {
                case "uid":
                    return JsonValue.Create(thing.Uid);
                case "id":
                    return JsonValue.Create(idPrefix + thing.Uid);
                case "categories":
                    return new JsonArray(thing.Categories.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
                case "created":
                    return JsonValue.Create(JsonOut.Timestamp(thing.Created));
                case "modified":
                    return JsonValue.Create(JsonOut.Timestamp(thing.Modified));
            }
            if (thing.Body.TryGetPropertyValue(name, out var value))
            {
                return value;
            }
            return name switch
            {
                "status" or "properties" or "actions" or "events" => new JsonObject(),
                "links" => new JsonArray(),
                _ => null,
            };
        }

        protected override JsonObject Build() => thing.Document(idPrefix, withCategories: true);
    }
}
