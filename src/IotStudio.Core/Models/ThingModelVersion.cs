using System;
using System.Collections;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>One frozen version of a Model: its number, title, description and Thing Description template.</summary>
    public sealed class ThingModelVersion
    {
        /// <summary>The space it was read from.</summary>
        public string Space { get; set; }
        /// <summary>The name of the Model it belongs to (from the request path; the API does not repeat it).</summary>
        public string Model { get; set; }
        /// <summary>The version number: 1 for the first version of a Model, then 2, 3, ...</summary>
        public long? Version { get; set; }
        /// <summary>Title of the version.</summary>
        public string Title { get; set; }
        /// <summary>Description of the version.</summary>
        public string Description { get; set; }
        /// <summary>The Thing Description template, or null when the service sent none.</summary>
        public ThingModelTemplate Template { get; set; }
        /// <summary>Creation time.</summary>
        public DateTimeOffset? Created { get; set; }
        /// <summary>Fields the service sent that this version does not know, kept as they came.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        internal static ThingModelVersion FromJson(JsonElement e, string space, string model)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a Model version must be a JSON object");
            var v = new ThingModelVersion { Space = space, Model = model };
            foreach (var p in e.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "version": v.Version = JsonRead.Long(p.Value); break;
                    case "title": v.Title = JsonRead.String(p.Value); break;
                    case "description": v.Description = JsonRead.String(p.Value); break;
                    case "template": v.Template = ThingModelTemplate.FromJson(p.Value); break;
                    case "created": v.Created = ApiTime.Parse(JsonRead.String(p.Value)); break;
                    default: v.AdditionalProperties[p.Name] = JsonClr.ToClr(p.Value); break;
                }
            }
            return v;
        }

        /// <summary>The body of a new version: any extra fields given, then title, description and template.</summary>
        internal static OrderedDictionary ToBody(string title, string description, ThingModelTemplate template, IDictionary extra)
        {
            var body = new OrderedDictionary();
            if (extra != null) foreach (DictionaryEntry kv in extra) body[Convert.ToString(kv.Key)] = kv.Value;
            if (title != null) body["title"] = title;
            if (description != null) body["description"] = description;
            if (template != null) body["template"] = template.ToBody();
            return body;
        }

        /// <inheritdoc />
        public override string ToString() => Version.HasValue ? $"{Model} v{Version}" : Model ?? "";
    }
}
