using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>
    /// The MQTT credentials of a Category, a Thing, or a Thing reached through a Category. The password is never kept:
    /// the service masks it when read, and an answer that carries it has it dropped here.
    /// </summary>
    public sealed class MqttCredential
    {
        /// <summary>The space it was read from.</summary>
        public string Space { get; set; }
        /// <summary>The Category: the owner of a Category's credentials, or the Category whose path reached the Thing; null for a Thing reached directly.</summary>
        public string Category { get; set; }
        /// <summary>The Thing that owns the credentials, or null for a Category's.</summary>
        public string ThingId { get; set; }
        /// <summary>The credentials' own id.</summary>
        public string Id { get; set; }
        /// <summary>The MQTT user name.</summary>
        public string Username { get; set; }
        /// <summary>Whether the broker accepts the credentials.</summary>
        public bool? Enabled { get; set; }
        /// <summary>Free text.</summary>
        public string Description { get; set; }
        /// <summary>The collection a Category's credentials apply to.</summary>
        public string CollectionName { get; set; }
        /// <summary>Creation time.</summary>
        public DateTimeOffset? Created { get; set; }
        /// <summary>Topic patterns the credentials may publish to (a Thing's credentials).</summary>
        public string[] PublishTopics { get; set; }
        /// <summary>Topic patterns the credentials may subscribe to (a Thing's credentials).</summary>
        public string[] SubscribeTopics { get; set; }
        /// <summary>Fields the service sent that this version does not know, kept as they came.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        internal static MqttCredential FromJson(JsonElement e, string space, string category, string thingId)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException("MQTT credentials must be a JSON object.");
            var c = new MqttCredential { Space = space, Category = category, ThingId = thingId };
            foreach (var p in e.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "id": c.Id = JsonRead.String(p.Value); break;
                    case "username": c.Username = JsonRead.String(p.Value); break;
                    case "enabled": c.Enabled = p.Value.ValueKind == JsonValueKind.True ? true : p.Value.ValueKind == JsonValueKind.False ? false : (bool?)null; break;
                    case "description": c.Description = JsonRead.String(p.Value); break;
                    case "collection_name": c.CollectionName = JsonRead.String(p.Value); break;
                    case "created": c.Created = ApiTime.Parse(JsonRead.String(p.Value)); break;
                    case "topics": ReadTopics(p.Value, c); break;
                    // Masked when read, in clear in some answers: never kept, so it cannot reach any output.
                    case "password": break;
                    default: c.AdditionalProperties[p.Name] = JsonClr.ToClr(p.Value); break;
                }
            }
            return c;
        }

        // topics: {"acl": {"publish": [{"pattern": "..."}], "subscribe": [{"pattern": "..."}]}}
        private static void ReadTopics(JsonElement topics, MqttCredential c)
        {
            if (topics.ValueKind != JsonValueKind.Object || !topics.TryGetProperty("acl", out var acl) || acl.ValueKind != JsonValueKind.Object) return;
            if (acl.TryGetProperty("publish", out var publish)) c.PublishTopics = Patterns(publish);
            if (acl.TryGetProperty("subscribe", out var subscribe)) c.SubscribeTopics = Patterns(subscribe);
        }

        private static string[] Patterns(JsonElement list)
        {
            if (list.ValueKind != JsonValueKind.Array) return null;
            var patterns = new List<string>();
            foreach (var item in list.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
                    patterns.Add(pattern.GetString());
            return patterns.ToArray();
        }

        /// <inheritdoc />
        public override string ToString() => Username ?? "";
    }
}
