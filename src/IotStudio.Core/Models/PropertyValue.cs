using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>One property value of one Thing.</summary>
    public sealed class PropertyValue
    {
        /// <summary>The space.</summary>
        public string Space { get; set; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; set; }
        /// <summary>Property name.</summary>
        public string Name { get; set; }
        /// <summary>The value: number, string, boolean, null, list or ordered dictionary.</summary>
        public object Value { get; set; }

        /// <inheritdoc />
        public override string ToString() => Name ?? "";
    }
}
