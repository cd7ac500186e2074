using System;
using System.Collections;
using System.Collections.Specialized;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Json;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>Reads and sets Thing property values (plain and category-scoped).</summary>
    public sealed class PropertiesApi
    {
        private readonly IotStudioClient _client;
        internal PropertiesApi(IotStudioClient client) { _client = client; }

        private static PropertyValues Map(System.Text.Json.JsonElement e, ThingPath thing)
        {
            if (e.ValueKind != System.Text.Json.JsonValueKind.Object) throw new FormatException("property values must be a JSON object");
            return new PropertyValues { Space = thing.Space, ThingId = thing.ThingId, Values = JsonClr.ToDictionary(e) };
        }

        /// <summary>All property values of a Thing.</summary>
        [ApiOperation("ListProperties", "ListPropertiesFromCategory")]
        public Task<PropertyValues> GetAsync(ThingPath thing, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", thing.Path("properties")), e => Map(e, thing), ct);

        /// <summary>One property's value (<c>{"name": value}</c> on the wire).</summary>
        [ApiOperation("GetProperty", "GetPropertyFromCategory")]
        public Task<PropertyValues> GetOneAsync(ThingPath thing, string name, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("The property name is empty.", nameof(name));
            return _client.SendAsync(new ApiRequest("GET", thing.Path("properties", name)), e => Map(e, thing), ct);
        }

        /// <summary>Sets several values at once; <paramref name="updateHistory"/> false keeps them out of history.</summary>
        [ApiOperation("UpdateProperties", "UpdatePropertiesFromCategory")]
        public Task<PropertyValues> SetAsync(ThingPath thing, IDictionary values, bool updateHistory, CancellationToken ct)
        {
            if (values == null || values.Count == 0) throw new ArgumentException("No property values were given.", nameof(values));
            var request = new ApiRequest("PUT", thing.Path("properties")).WithJson(values);
            if (!updateHistory) request.AddQuery("update_history", false);
            return _client.SendAsync(request, e => Map(e, thing), ct);
        }

        /// <summary>Sets one value through <c>PUT .../properties/{name}</c> with body <c>{"name": value}</c>.</summary>
        [ApiOperation("UpdateProperty", "UpdatePropertyFromCategory")]
        public Task<PropertyValues> SetOneAsync(ThingPath thing, string name, object value, bool updateHistory, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("The property name is empty.", nameof(name));
            var body = new OrderedDictionary { { name, value } };
            var request = new ApiRequest("PUT", thing.Path("properties", name)).WithJson(body);
            if (!updateHistory) request.AddQuery("update_history", false);
            return _client.SendAsync(request, e => Map(e, thing), ct);
        }
    }
}
