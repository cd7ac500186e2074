using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>
    /// The values of several properties of a Thing recorded at one time: an item of a grouped history list, and the
    /// entry that an upload sends (<c>{"at": ..., "properties": {...}}</c> on the wire).
    /// </summary>
    public sealed class PropertyHistoryGroup
    {
        /// <summary>The space.</summary>
        public string Space { get; set; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; set; }
        /// <summary>When the values were recorded (API field <c>at</c>).</summary>
        public DateTimeOffset Timestamp { get; set; }
        /// <summary>Property name → plain value, in the order the service sent them.</summary>
        public OrderedDictionary Values { get; set; } = new OrderedDictionary(StringComparer.Ordinal);

        /// <summary>One <see cref="PropertyHistoryValue"/> per property.</summary>
        public IEnumerable<PropertyHistoryValue> ToValues()
        {
            if (Values == null) yield break;
            foreach (DictionaryEntry kv in Values)
                yield return new PropertyHistoryValue { Space = Space, ThingId = ThingId, Name = (string)kv.Key, Timestamp = Timestamp, Value = kv.Value };
        }

        /// <summary>Reads <c>{"at": "...", "properties": {...}}</c>.</summary>
        internal static PropertyHistoryGroup FromJson(JsonElement e, string space, string thingId)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a history item must be an object {at, properties}");
            var g = new PropertyHistoryGroup { Space = space, ThingId = thingId };
            var at = false;
            foreach (var p in e.EnumerateObject())
            {
                if (p.NameEquals("at"))
                {
                    var text = JsonRead.String(p.Value);
                    g.Timestamp = ApiTime.Parse(text) ?? throw new FormatException($"the history item's 'at' ({text}) is not a date-time");
                    at = true;
                }
                else if (p.NameEquals("properties"))
                {
                    if (p.Value.ValueKind != JsonValueKind.Object) throw new FormatException("a history item's 'properties' must be an object");
                    g.Values = JsonClr.ToDictionary(p.Value);
                }
            }
            if (!at) throw new FormatException("a history item has no 'at'");
            return g;
        }

        /// <inheritdoc />
        public override string ToString() => Timestamp.ToString("O", CultureInfo.InvariantCulture);
    }
}
