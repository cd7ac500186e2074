using System;
using System.Collections;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>A Model reference: name and optional version.</summary>
    public sealed class ModelDescription : IJsonWritable
    {
        /// <summary>Model name.</summary>
        public string Name { get; set; }
        /// <summary>Model version, or null for none.</summary>
        public long? Version { get; set; }

        /// <inheritdoc />
        public void WriteJson(Utf8JsonWriter w, int depth)
        {
            w.WriteStartObject();
            w.WriteString("name", Name);
            if (Version.HasValue) w.WriteNumber("version", Version.Value);
            w.WriteEndObject();
        }

        /// <inheritdoc />
        public override string ToString() => Version.HasValue ? $"{Name} v{Version}" : Name ?? "";
    }
}
