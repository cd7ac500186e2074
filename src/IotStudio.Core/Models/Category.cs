using System;
using System.Collections;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>A Category of Things.</summary>
    public sealed class Category
    {
        /// <summary>The space it was read from.</summary>
        public string Space { get; set; }
        /// <summary>The Category name (its key).</summary>
        public string Name { get; set; }
        /// <summary>Free text.</summary>
        public string Description { get; set; }
        /// <summary>The Model it binds to, or null.</summary>
        public ModelDescription Model { get; set; }
        /// <summary>Creation time.</summary>
        public DateTimeOffset? Created { get; set; }
        /// <summary>Last change.</summary>
        public DateTimeOffset? Modified { get; set; }
        /// <summary>Fields the service sent that this version does not know, kept as they came.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        internal static Category FromJson(JsonElement e, string space)
        {
            var c = new Category { Space = space };
            foreach (var p in e.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "name": c.Name = JsonRead.String(p.Value); break;
                    case "description": c.Description = JsonRead.String(p.Value); break;
                    case "model": c.Model = JsonRead.Model(p.Value); break;
                    case "created": c.Created = ApiTime.Parse(JsonRead.String(p.Value)); break;
                    case "modified": c.Modified = ApiTime.Parse(JsonRead.String(p.Value)); break;
                    default: c.AdditionalProperties[p.Name] = JsonClr.ToClr(p.Value); break;
                }
            }
            return c;
        }

        /// <summary>The body for create/update: name, description, model, plus any extra fields given.</summary>
        internal static OrderedDictionary ToBody(string name, string description, ModelDescription model, bool clearModel, IDictionary extra)
        {
            var body = NamedResourceBody.Create(name, description, extra);
            if (model != null) body["model"] = model;
            else if (clearModel) body["model"] = null;
            return body;
        }

        /// <inheritdoc />
        public override string ToString() => Name ?? "";
    }
}
