using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text;
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

        // The fields this type maps. A list reads thousands of Things, and decoding every field name into a string
        // (JsonProperty.Name) was a third of the allocations of a page: names are matched as UTF-8 bytes instead,
        // trying first the field that followed the previous one last time, so Things written in the same order (as a
        // service writes them) cost one comparison per field.
        private static readonly byte[][] Fields =
        {
            Encoding.UTF8.GetBytes("uid"), Encoding.UTF8.GetBytes("id"), Encoding.UTF8.GetBytes("categories"),
            Encoding.UTF8.GetBytes("client_id"), Encoding.UTF8.GetBytes("title"), Encoding.UTF8.GetBytes("@type"),
            Encoding.UTF8.GetBytes("@context"), Encoding.UTF8.GetBytes("model"), Encoding.UTF8.GetBytes("status"),
            Encoding.UTF8.GetBytes("description"), Encoding.UTF8.GetBytes("properties"), Encoding.UTF8.GetBytes("actions"),
            Encoding.UTF8.GetBytes("events"), Encoding.UTF8.GetBytes("links"), Encoding.UTF8.GetBytes("created"),
            Encoding.UTF8.GetBytes("modified"),
        };

        // Successor[k] is the field seen after field k - 1 last time (Successor[0]: the first field). Shared and written
        // without a lock: a lost update only costs a few comparisons.
        private static readonly int[] Successor = CreateSuccessors();

        private static int[] CreateSuccessors()
        {
            var successor = new int[Fields.Length + 1];
            for (var i = 0; i < successor.Length; i++) successor[i] = i % Fields.Length;
            return successor;
        }

        // The index of p's field in Fields, or -1; state is the previous field's index + 1 (0 before the first).
        private static int FieldOf(JsonProperty p, ref int state)
        {
            var guess = Successor[state];
            if (p.NameEquals(Fields[guess]))
            {
                state = guess + 1;
                return guess;
            }
            for (var f = 0; f < Fields.Length; f++)
            {
                if (f == guess || !p.NameEquals(Fields[f])) continue;
                Successor[state] = f;
                state = f + 1;
                return f;
            }
            return -1;
        }

        internal static Thing FromJson(JsonElement e, string space)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a Thing must be a JSON object");
            var t = new Thing { Space = space };
            var state = 0;
            foreach (var p in e.EnumerateObject())
            {
                var v = p.Value;
                switch (FieldOf(p, ref state))
                {
                    case 0: t.Uid = JsonRead.String(v); break;
                    case 1: t.Url = JsonRead.String(v); break;
                    case 2: t.Categories = JsonRead.StringArray(v); break;
                    case 3: t.ClientId = JsonRead.String(v); break;
                    case 4: t.Title = JsonRead.String(v); break;
                    case 5: t.Type = JsonRead.StringArray(v); break;
                    case 6: t.Context = JsonClr.ToClr(v); break;
                    case 7: t.Model = JsonRead.Model(v); break;
                    case 8: t.Status = JsonRead.Map(v); break;
                    case 9: t.Description = JsonRead.String(v); break;
                    case 10: t.Properties = JsonRead.Map(v); break;
                    case 11: t.Actions = JsonRead.Map(v); break;
                    case 12: t.Events = JsonRead.Map(v); break;
                    case 13: t.Links = v.ValueKind == JsonValueKind.Array ? ((List<object>)JsonClr.ToClr(v)).ToArray() : null; break;
                    case 14: t.Created = ApiTime.Parse(JsonRead.String(v)); break;
                    case 15: t.Modified = ApiTime.Parse(JsonRead.String(v)); break;
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
