using System;
using System.Collections.Generic;
using IotStudio.Api;

namespace IotStudio.Models
{
    /// <summary>One item of a bulk Thing patch: the Thing's id and the operations for it.</summary>
    public sealed class ThingPatch
    {
        /// <summary>A Thing id and its patch (checked: a ULID and at least one operation).</summary>
        public ThingPatch(string thingId, IEnumerable<JsonPatchOperation> patch)
        {
            ThingId = Validate.Ulid(thingId, "Thing id");
            Patch = JsonPatchOperation.CheckPatch(patch);
        }

        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; }
        /// <summary>The operations, applied in order; if one fails, the Thing is left as it was.</summary>
        public IReadOnlyList<JsonPatchOperation> Patch { get; }
    }
}
