using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>The Thing Description template a Model version freezes: title, description, affordances and links.</summary>
    public sealed class ThingModelTemplate
    {
        /// <summary>Title of the Things made from it.</summary>
        public string Title { get; set; }
        /// <summary>Description of the Things made from it.</summary>
        public string Description { get; set; }
        /// <summary>Property affordances by name.</summary>
        public OrderedDictionary Properties { get; set; }
        /// <summary>Action affordances by name.</summary>
        public OrderedDictionary Actions { get; set; }
        /// <summary>Event affordances by name.</summary>
        public OrderedDictionary Events { get; set; }
        /// <summary>Links, each a dictionary with href, rel and whatever else was sent.</summary>
        public object[] Links { get; set; }
        /// <summary>Template fields this version does not know (WoT keywords and the like), kept and sent back.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        internal static ThingModelTemplate FromJson(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) return null;
            var t = new ThingModelTemplate();
            foreach (var p in e.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "title": t.Title = JsonRead.String(v); break;
                    case "description": t.Description = JsonRead.String(v); break;
                    case "properties": t.Properties = JsonRead.Map(v); break;
                    case "actions": t.Actions = JsonRead.Map(v); break;
                    case "events": t.Events = JsonRead.Map(v); break;
                    case "links": t.Links = v.ValueKind == JsonValueKind.Array ? ((List<object>)JsonClr.ToClr(v)).ToArray() : null; break;
                    default: t.AdditionalProperties[p.Name] = JsonClr.ToClr(v); break;
                }
            }
            return t;
        }

        /// <summary>The template in the API's field names; fields that are null are left out.</summary>
        public OrderedDictionary ToBody()
        {
            var body = new OrderedDictionary();
            if (AdditionalProperties != null) foreach (DictionaryEntry kv in AdditionalProperties) body[Convert.ToString(kv.Key)] = kv.Value;
            if (Title != null) body["title"] = Title;
            if (Description != null) body["description"] = Description;
            if (Properties != null) body["properties"] = Properties;
            if (Actions != null) body["actions"] = Actions;
            if (Events != null) body["events"] = Events;
            if (Links != null) body["links"] = Links;
            return body;
        }

        /// <summary>A deep enough copy for editing: the maps and the link list are new, their values shared.</summary>
        public ThingModelTemplate Clone() => new ThingModelTemplate
        {
            Title = Title,
            Description = Description,
            Properties = Copy(Properties),
            Actions = Copy(Actions),
            Events = Copy(Events),
            Links = Links == null ? null : (object[])Links.Clone(),
            AdditionalProperties = Copy(AdditionalProperties) ?? new OrderedDictionary(),
        };

        /// <summary>The affordance names, such as "properties: temperature, setpoint; actions: reboot".</summary>
        public override string ToString()
        {
            var parts = new List<string>(3);
            Add(parts, "properties", Properties);
            Add(parts, "actions", Actions);
            Add(parts, "events", Events);
            return string.Join("; ", parts);
        }

        private static void Add(List<string> parts, string label, OrderedDictionary map)
        {
            if (map == null || map.Count == 0) return;
            var names = new List<string>(map.Count);
            foreach (DictionaryEntry kv in map) names.Add(Convert.ToString(kv.Key));
            parts.Add(label + ": " + string.Join(", ", names));
        }

        private static OrderedDictionary Copy(OrderedDictionary source)
        {
            if (source == null) return null;
            var copy = new OrderedDictionary();
            foreach (DictionaryEntry kv in source) copy[kv.Key] = kv.Value;
            return copy;
        }
    }
}
