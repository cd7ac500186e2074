using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>The answer of a property read or update: Thing id and the name → value map.</summary>
    public sealed class PropertyValues
    {
        /// <summary>The space.</summary>
        public string Space { get; set; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; set; }
        /// <summary>Property name → plain value.</summary>
        public OrderedDictionary Values { get; set; }

        /// <summary>One <see cref="PropertyValue"/> per property, in the order the service sent them.</summary>
        public IEnumerable<PropertyValue> ToRows()
        {
            if (Values == null) yield break;
            foreach (DictionaryEntry kv in Values)
                yield return new PropertyValue { Space = Space, ThingId = ThingId, Name = (string)kv.Key, Value = kv.Value };
        }
    }
}
