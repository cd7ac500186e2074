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

        /// <summary>
        /// Reads a Model reference from a value: a <see cref="ModelDescription"/> (copied), a dictionary with
        /// <c>name</c> and <c>version</c>, or a name. Null or an empty name is no Model.
        /// </summary>
        public static ModelDescription From(object value)
        {
            switch (value)
            {
                case null: return null;
                case ModelDescription m: return new ModelDescription { Name = m.Name, Version = m.Version };
                case System.Collections.IDictionary d:
                    var name = (d.Contains("name") ? d["name"] : d.Contains("Name") ? d["Name"] : null) as string;
                    var version = d.Contains("version") ? d["version"] : d.Contains("Version") ? d["Version"] : null;
                    if (string.IsNullOrEmpty(name)) return null;
                    return new ModelDescription { Name = name, Version = version == null ? (long?)null : Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture) };
                default:
                    var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                    return string.IsNullOrEmpty(text) ? null : new ModelDescription { Name = text };
            }
        }

        /// <inheritdoc />
        public override string ToString() => Version.HasValue ? $"{Name} v{Version}" : Name ?? "";
    }
}
