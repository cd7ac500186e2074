using System;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>A Model (API resource "Model"): the named family whose versions hold Thing Description templates.</summary>
    public sealed class ThingModel
    {
        /// <summary>The space it was read from.</summary>
        public string Space { get; set; }
        /// <summary>The service's id of the Model.</summary>
        public string Id { get; set; }
        /// <summary>The Model name (its key).</summary>
        public string Name { get; set; }
        /// <summary>Free text.</summary>
        public string Description { get; set; }
        /// <summary>Creation time.</summary>
        public DateTimeOffset? Created { get; set; }
        /// <summary>Last change.</summary>
        public DateTimeOffset? Modified { get; set; }
        /// <summary>Fields the service sent that this version does not know, kept as they came and sent back on update.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        internal static ThingModel FromJson(JsonElement e, string space)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a Model must be a JSON object");
            var m = new ThingModel { Space = space };
            foreach (var p in e.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "id": m.Id = JsonRead.String(p.Value); break;
                    case "name": m.Name = JsonRead.String(p.Value); break;
                    case "description": m.Description = JsonRead.String(p.Value); break;
                    case "created": m.Created = ApiTime.Parse(JsonRead.String(p.Value)); break;
                    case "modified": m.Modified = ApiTime.Parse(JsonRead.String(p.Value)); break;
                    default: m.AdditionalProperties[p.Name] = JsonClr.ToClr(p.Value); break;
                }
            }
            return m;
        }

        /// <inheritdoc />
        public override string ToString() => Name ?? "";
    }
}
