using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using IotStudio.Json;

namespace IotStudio.Models
{
    internal static class JsonRead
    {
        public static string String(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ValueKind == JsonValueKind.Null ? null : e.GetRawText();

        public static long? Long(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var l) ? l : (long?)null;

        public static string[] StringArray(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.String) return new[] { e.GetString() };
            if (e.ValueKind != JsonValueKind.Array) return null;
            var list = new List<string>(e.GetArrayLength());
            foreach (var item in e.EnumerateArray()) list.Add(String(item));
            return list.ToArray();
        }

        public static OrderedDictionary Map(JsonElement e) => e.ValueKind == JsonValueKind.Object ? JsonClr.ToDictionary(e) : null;

        public static ModelDescription Model(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) return null;
            var m = new ModelDescription();
            foreach (var p in e.EnumerateObject())
            {
                if (p.NameEquals("name")) m.Name = String(p.Value);
                else if (p.NameEquals("version")) m.Version = Long(p.Value);
            }
            return m;
        }
    }
}
