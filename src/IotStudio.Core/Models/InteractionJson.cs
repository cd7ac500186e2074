using System;
using System.Text.Json;

namespace IotStudio.Models
{
    /// <summary>
    /// Reads the API's action and event items: a single-key map whose key is the affordance name and whose value
    /// holds the fields, and the item's id, which the API carries only as the last segment of its href.
    /// </summary>
    internal static class InteractionJson
    {
        /// <summary>The one name and value of <c>{"&lt;name&gt;": {...}}</c>; FormatException for any other shape.</summary>
        public static (string Name, JsonElement Value) SingleKey(JsonElement e, string what)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"an {what} must be a JSON object keyed by its name");
            string name = null;
            var value = default(JsonElement);
            foreach (var p in e.EnumerateObject())
            {
                if (name != null) throw new FormatException($"an {what} must be a map with exactly one key (its name); this one has '{name}' and '{p.Name}'");
                name = p.Name;
                value = p.Value;
            }
            if (name == null) throw new FormatException($"an {what} must be a map with exactly one key (its name); this one is empty");
            if (value.ValueKind != JsonValueKind.Object) throw new FormatException($"the {what} '{name}' must hold a JSON object");
            return (name, value);
        }

        /// <summary>The last path segment of an href (absolute or relative), percent-decoded; null when there is none.</summary>
        public static string IdFromHref(string href)
        {
            if (string.IsNullOrEmpty(href)) return null;
            var end = href.Length;
            var cut = href.IndexOfAny(new[] { '?', '#' });
            if (cut >= 0) end = cut;
            while (end > 0 && href[end - 1] == '/') end--;
            if (end == 0) return null;
            var start = href.LastIndexOf('/', end - 1) + 1;
            var segment = href.Substring(start, end - start);
            return segment.Length == 0 ? null : Uri.UnescapeDataString(segment);
        }
    }
}
