using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>A Thing: its Thing Description plus the service's own fields. Nothing the service sends is dropped.</summary>
    public sealed class Thing
    {
        /// <summary>The space it was read from.</summary>
        public string Space { get; set; }
        /// <summary>The Thing's ULID (API field <c>uid</c>).</summary>
        public string Uid { get; set; }
        /// <summary>The Thing's resource URL (API field <c>id</c>).</summary>
        public string Url { get; set; }
        /// <summary>Categories it belongs to (absent on category-scoped answers).</summary>
        public string[] Categories { get; set; }
        /// <summary>OAuth2 client id, once the Thing has one.</summary>
        public string ClientId { get; set; }
        /// <summary>Title.</summary>
        public string Title { get; set; }
        /// <summary>Description.</summary>
        public string Description { get; set; }
        /// <summary>WoT <c>@type</c> values.</summary>
        public string[] Type { get; set; }
        /// <summary>WoT <c>@context</c> (usually a string).</summary>
        public object Context { get; set; }
        /// <summary>The Model it follows, or null.</summary>
        public ModelDescription Model { get; set; }
        /// <summary>Current property values (API field <c>status</c>).</summary>
        public OrderedDictionary Status { get; set; }
        /// <summary>Property affordances by name.</summary>
        public OrderedDictionary Properties { get; set; }
        /// <summary>Action affordances by name.</summary>
        public OrderedDictionary Actions { get; set; }
        /// <summary>Event affordances by name.</summary>
        public OrderedDictionary Events { get; set; }
        /// <summary>Links, each a dictionary with href, rel and whatever else was sent.</summary>
        public object[] Links { get; set; }
        /// <summary>Creation time.</summary>
        public DateTimeOffset? Created { get; set; }
        /// <summary>Last change.</summary>
        public DateTimeOffset? Modified { get; set; }
        /// <summary>Fields this version does not know (WoT keywords and the like), kept and sent back on update.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        internal static Thing FromJson(JsonElement e, string space)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a Thing must be a JSON object");
            var t = new Thing { Space = space };
            foreach (var p in e.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "uid": t.Uid = JsonRead.String(v); break;
                    case "id": t.Url = JsonRead.String(v); break;
                    case "categories": t.Categories = JsonRead.StringArray(v); break;
                    case "client_id": t.ClientId = JsonRead.String(v); break;
                    case "title": t.Title = JsonRead.String(v); break;
                    case "description": t.Description = JsonRead.String(v); break;
                    case "@type": t.Type = JsonRead.StringArray(v); break;
                    case "@context": t.Context = JsonClr.ToClr(v); break;
                    case "model": t.Model = JsonRead.Model(v); break;
                    case "status": t.Status = JsonRead.Map(v); break;
                    case "properties": t.Properties = JsonRead.Map(v); break;
                    case "actions": t.Actions = JsonRead.Map(v); break;
                    case "events": t.Events = JsonRead.Map(v); break;
                    case "links": t.Links = v.ValueKind == JsonValueKind.Array ? ((List<object>)JsonClr.ToClr(v)).ToArray() : null; break;
                    case "created": t.Created = ApiTime.Parse(JsonRead.String(v)); break;
                    case "modified": t.Modified = ApiTime.Parse(JsonRead.String(v)); break;
                    default: t.AdditionalProperties[p.Name] = JsonClr.ToClr(v); break;
                }
            }
            return t;
        }

        /// <summary>The full Thing Description as a PUT body: every field, unknown ones included.</summary>
        public OrderedDictionary ToUpdateBody(bool includeCategories)
        {
            var body = new OrderedDictionary();
            foreach (DictionaryEntry kv in AdditionalProperties) body[kv.Key] = kv.Value;
            if (Uid != null) body["uid"] = Uid;
            if (Url != null) body["id"] = Url;
            if (includeCategories && Categories != null) body["categories"] = Categories;
            if (Title != null) body["title"] = Title;
            if (Description != null) body["description"] = Description;
            if (Type != null) body["@type"] = Type.Length == 1 ? (object)Type[0] : Type;
            if (Context != null) body["@context"] = Context;
            if (Model != null) body["model"] = Model;
            if (Status != null) body["status"] = Status;
            if (Properties != null) body["properties"] = Properties;
            if (Actions != null) body["actions"] = Actions;
            if (Events != null) body["events"] = Events;
            if (Links != null) body["links"] = Links;
            return body;
        }

        /// <inheritdoc />
        public override string ToString() => Uid ?? "";
    }
}
