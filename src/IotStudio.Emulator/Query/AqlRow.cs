using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Query;

/// <summary>One document a query loops over. Attribute reads go through <see cref="Member"/>, so a large document (a
/// Thing) is only built whole when the query uses it whole.</summary>
public abstract class AqlRow
{
    private JsonNode _document;

    /// <summary>One top-level attribute, or null when the document has none.</summary>
    public abstract JsonNode Member(string name);

    protected abstract JsonObject Build();

    /// <summary>The whole document (built once per row).</summary>
    public JsonNode Document() => _document ??= Build();
}
