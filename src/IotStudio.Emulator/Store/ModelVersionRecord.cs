using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>One frozen version of a Model.</summary>
public sealed class ModelVersionRecord
{
    public int Version { get; init; }

    public string Title { get; init; }

    public string Description { get; init; }

    /// <summary>The template as it was sent (unknown keys kept), or null when none was.</summary>
    public JsonObject Template { get; init; }

    public DateTime Created { get; init; }

    public byte[] Json() => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("version", Version);
        if (Title != null)
        {
            w.WriteString("title", Title);
        }
        if (Description != null)
        {
            w.WriteString("description", Description);
        }
        w.WritePropertyName("template");
        if (Template != null)
        {
            Template.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
        w.WriteString("created", JsonOut.Timestamp(Created));
        w.WriteEndObject();
    });
}
