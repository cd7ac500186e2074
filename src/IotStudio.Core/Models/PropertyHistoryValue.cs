using System;

namespace IotStudio.Models
{
    /// <summary>One recorded value of one property of a Thing, at one time.</summary>
    public sealed class PropertyHistoryValue
    {
        /// <summary>The space.</summary>
        public string Space { get; set; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; set; }
        /// <summary>The property's name.</summary>
        public string Name { get; set; }
        /// <summary>When the value was recorded (API field <c>at</c>).</summary>
        public DateTimeOffset Timestamp { get; set; }
        /// <summary>The value: number, string, boolean, null, list or ordered dictionary.</summary>
        public object Value { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Name}@{Timestamp:O}";
    }
}
