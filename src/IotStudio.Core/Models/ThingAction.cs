using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    /// <summary>One request of a Thing's action: what was asked (input), how far it got (status) and what came of it (output).</summary>
    public sealed class ThingAction
    {
        private static readonly string[] FinalList = { "completed", "failed", "cancelled", "canceled" };
        private static readonly HashSet<string> Final = new HashSet<string>(FinalList, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The statuses after which an action changes no more: <c>completed</c>, <c>failed</c> and <c>cancelled</c>
        /// (also spelled <c>canceled</c>), compared without case. The API's status is a free string; a new request is
        /// <c>pending</c>, and any status not listed here (<c>pending</c>, <c>running</c>, ...) is still in progress.
        /// </summary>
        public static IReadOnlyList<string> FinalStatuses { get; } = new ReadOnlyCollection<string>(FinalList);

        /// <summary>True when <paramref name="status"/> is one of <see cref="FinalStatuses"/>.</summary>
        public static bool IsFinalStatus(string status) => status != null && Final.Contains(status.Trim());

        /// <summary>The space.</summary>
        public string Space { get; set; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; set; }
        /// <summary>The action's name (the affordance name, the key of the API's single-key map).</summary>
        public string Name { get; set; }
        /// <summary>This request's ULID (the last segment of <see cref="Href"/>).</summary>
        public string Id { get; set; }
        /// <summary>Where it stands: <c>pending</c> when requested, then whatever the device or back end sets.</summary>
        public string Status { get; set; }
        /// <summary>True once <see cref="Status"/> is final (see <see cref="FinalStatuses"/>).</summary>
        public bool IsFinal => IsFinalStatus(Status);
        /// <summary>The input it was requested with, as plain values.</summary>
        public object Input { get; set; }
        /// <summary>The output the device or back end reported, as plain values (null until then).</summary>
        public object Output { get; set; }
        /// <summary>When it was requested (API field <c>timeRequested</c>).</summary>
        public DateTimeOffset? TimeRequested { get; set; }
        /// <summary>When it completed (API field <c>timeCompleted</c>), once it has.</summary>
        public DateTimeOffset? TimeCompleted { get; set; }
        /// <summary>The request's own URL.</summary>
        public string Href { get; set; }
        /// <summary>Fields the service sent that this version does not know, kept as they came.</summary>
        public OrderedDictionary AdditionalProperties { get; set; } = new OrderedDictionary();

        /// <summary>Reads <c>{"&lt;name&gt;": {input, status, timeRequested, timeCompleted, output, href}}</c>.</summary>
        internal static ThingAction FromJson(JsonElement e, string space, string thingId)
        {
            var (name, value) = InteractionJson.SingleKey(e, "action");
            var a = new ThingAction { Space = space, ThingId = thingId, Name = name };
            string id = null;
            foreach (var p in value.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "input": a.Input = JsonClr.ToClr(v); break;
                    case "output": a.Output = JsonClr.ToClr(v); break;
                    case "status": a.Status = JsonRead.String(v); break;
                    case "timeRequested": a.TimeRequested = ApiTime.Parse(JsonRead.String(v)); break;
                    case "timeCompleted": a.TimeCompleted = ApiTime.Parse(JsonRead.String(v)); break;
                    case "href": a.Href = JsonRead.String(v); break;
                    case "id": id = JsonRead.String(v); a.AdditionalProperties[p.Name] = JsonClr.ToClr(v); break;
                    default: a.AdditionalProperties[p.Name] = JsonClr.ToClr(v); break;
                }
            }
            a.Id = InteractionJson.IdFromHref(a.Href) ?? id;
            return a;
        }

        /// <inheritdoc />
        public override string ToString() => $"{Name}/{Id}";
    }
}
