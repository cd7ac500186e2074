using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Query;

/// <summary>A row over a document that is already a JSON object.</summary>
public sealed class AqlJsonRow(JsonObject document) : AqlRow
{
    public override JsonNode Member(string name) => document[name];

    protected override JsonObject Build() => document;
}
