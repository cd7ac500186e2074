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

        private PropertyValues Map(System.Text.Json.JsonElement e, string space, string uid)
        {
            if (e.ValueKind != System.Text.Json.JsonValueKind.Object) throw new FormatException("property values must be a JSON object");
            return new PropertyValues { Space = space, ThingId = uid, Values = JsonClr.ToDictionary(e) };
        }

        /// <summary>All property values of a Thing.</summary>
        public Task<PropertyValues> GetAsync(string space, string uid, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", ThingsApi.Item(space, category, uid, "properties")), e => Map(e, space, uid), ct);

        /// <summary>One property's value (<c>{"name": value}</c> on the wire).</summary>
        public Task<PropertyValues> GetOneAsync(string space, string uid, string name, string category, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("The property name is empty.", nameof(name));
            return _client.SendAsync(new ApiRequest("GET", ThingsApi.Item(space, category, uid, "properties", name)), e => Map(e, space, uid), ct);
        }

        /// <summary>Sets several values at once; <paramref name="updateHistory"/> false keeps them out of history.</summary>
        public Task<PropertyValues> SetAsync(string space, string uid, IDictionary values, bool updateHistory, string category, CancellationToken ct)
        {
            if (values == null || values.Count == 0) throw new ArgumentException("No property values were given.", nameof(values));
            var request = new ApiRequest("PUT", ThingsApi.Item(space, category, uid, "properties")).WithJson(values);
            if (!updateHistory) request.AddQuery("update_history", false);
            return _client.SendAsync(request, e => Map(e, space, uid), ct);
        }

        /// <summary>Sets one value through <c>PUT .../properties/{name}</c> with body <c>{"name": value}</c>.</summary>
        public Task<PropertyValues> SetOneAsync(string space, string uid, string name, object value, bool updateHistory, string category, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("The property name is empty.", nameof(name));
            var body = new OrderedDictionary { { name, value } };
            var request = new ApiRequest("PUT", ThingsApi.Item(space, category, uid, "properties", name)).WithJson(body);
            if (!updateHistory) request.AddQuery("update_history", false);
            return _client.SendAsync(request, e => Map(e, space, uid), ct);
        }
    }
}
