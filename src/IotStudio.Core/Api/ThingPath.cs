using System.Linq;
using IotStudio.Http;

namespace IotStudio.Api
{
    /// <summary>
    /// Where one Thing lives: its space, its id and, optionally, the Category whose path reaches it. Every API below a
    /// Thing (properties, history, actions, events, MQTT credentials, secret) builds its paths from this, so the plain
    /// and the category-scoped variants are one code path. The values are checked when a path is built.
    /// </summary>
    public readonly struct ThingPath
    {
        /// <summary>A Thing reached through <c>/spaces/{space}/things/{id}</c>, or through its Category when one is given.</summary>
        public ThingPath(string space, string thingId, string category = null)
        {
            Space = space;
            ThingId = thingId;
            Category = string.IsNullOrEmpty(category) ? null : category;
        }

        /// <summary>The space.</summary>
        public string Space { get; }
        /// <summary>The Thing's ULID.</summary>
        public string ThingId { get; }
        /// <summary>The Category of the scoped path, or null for the plain path.</summary>
        public string Category { get; }
        /// <summary>True for the category-scoped path.</summary>
        public bool IsScoped => Category != null;

        /// <summary>The Things collection this Thing is in: <c>/spaces/{s}/things</c> or <c>/spaces/{s}/categories/{c}/things</c>.</summary>
        public static string Collection(string space, string category) => string.IsNullOrEmpty(category)
            ? ApiRequest.Path("spaces", Validate.Space(space), "things")
            : ApiRequest.Path("spaces", Validate.Space(space), "categories", Validate.Name(category, "Category"), "things");

        /// <summary>The encoded path of the Thing, followed by <paramref name="below"/> (raw segments, encoded here).</summary>
        public string Path(params string[] below) =>
            Collection(Space, Category) + ApiRequest.Path(new[] { Validate.Ulid(ThingId, "Thing id") }.Concat(below).ToArray());

        /// <inheritdoc />
        public override string ToString() => Category == null ? $"{Space}/things/{ThingId}" : $"{Space}/categories/{Category}/things/{ThingId}";
    }
}
