using System;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>One occurrence of a Thing's event, with the data it carried.</summary>
    public sealed class ThingEvent
    {
        /// <summary>The space.</summary>
        public string Space { get; set; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; set; }
        /// <summary>The event's name (the affordance name, the key of the API's single-key map).</summary>
        public string Name { get; set; }
        /// <summary>This occurrence's ULID (the last segment of <see cref="Href"/>).</summary>
        public string Id { get; set; }
        /// <summary>The data it carried, as plain values.</summary>
        public object Data { get; set; }
        /// <summary>When it happened (API field <c>timestamp</c>).</summary>
        public DateTimeOffset? Timestamp { get; set; }
        /// <summary>The occurrence's own URL.</summary>
        public string Href { get; set; }
        /// <summary>Fields the service sent that this version does not know, kept as they came.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        /// <summary>Reads <c>{"&lt;name&gt;": {data, timestamp, href}}</c>.</summary>
        internal static ThingEvent FromJson(JsonElement e, string space, string thingId)
        {
            var (name, value) = InteractionJson.SingleKey(e, "event");
            var ev = new ThingEvent { Space = space, ThingId = thingId, Name = name };
            string id = null;
            foreach (var p in value.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "data": ev.Data = JsonClr.ToClr(v); break;
                    case "timestamp": ev.Timestamp = ApiTime.Parse(JsonRead.String(v)); break;
                    case "href": ev.Href = JsonRead.String(v); break;
                    case "id": id = JsonRead.String(v); ev.AdditionalProperties[p.Name] = JsonClr.ToClr(v); break;
                    default: ev.AdditionalProperties[p.Name] = JsonClr.ToClr(v); break;
                }
            }
            ev.Id = InteractionJson.IdFromHref(ev.Href) ?? id;
            return ev;
        }

        /// <inheritdoc />
        public override string ToString() => $"{Name}/{Id}";
    }
}
