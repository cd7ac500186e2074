using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>One Model of a space, with its versions (numbered 1, 2, 3... in creation order; never changed
/// once created). Use under the owning <see cref="SpaceData.Sync"/> lock.</summary>
public sealed class ModelRecord
{
    public string Id { get; init; }

    public string Name { get; init; }

    public string Description { get; set; }

    public DateTime Created { get; init; }

    public DateTime Modified { get; set; }

    public List<ModelVersionRecord> Versions { get; } = [];

    /// <summary>Freezes a definition as the next version.</summary>
    public ModelVersionRecord AddVersion(string title, string description, JsonObject template, DateTime now)
    {
        var v = new ModelVersionRecord
        {
            Version = Versions.Count + 1,
            Title = title,
            Description = description,
            Template = template,
            Created = now,
        };
        Versions.Add(v);
        return v;
    }

    /// <summary>The version with that number, or null.</summary>
    public ModelVersionRecord FindVersion(long version) =>
        version >= 1 && version <= Versions.Count ? Versions[(int)version - 1] : null;

    public byte[] Json() => JsonOut.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("name", Name);
        w.WriteString("description", Description ?? "");
        w.WriteString("created", JsonOut.Timestamp(Created));
        w.WriteString("modified", JsonOut.Timestamp(Modified));
        w.WriteEndObject();
    });
}
