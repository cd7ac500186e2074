using System;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>
    /// MQTT credentials: a Category's own (<c>/spaces/{s}/categories/{c}/mqtt-credentials</c>) and a Thing's, plain or
    /// category-scoped (<c>.../things/{id}/mqtt-credentials</c>). Create, read, update and delete; each owner has at most one.
    /// </summary>
    public sealed class MqttCredentialsApi
    {
        private const string Segment = "mqtt-credentials";
        private readonly IotStudioClient _client;
        internal MqttCredentialsApi(IotStudioClient client) { _client = client; }

        private static string CategoryPath(string space, string category) =>
            ApiRequest.Path("spaces", Validate.Space(space), "categories", Validate.Name(category, "Category"), Segment);

        private static Func<System.Text.Json.JsonElement, MqttCredential> ForCategory(string space, string category) =>
            e => MqttCredential.FromJson(e, space, category, null);

        private static Func<System.Text.Json.JsonElement, MqttCredential> ForThing(ThingPath thing) =>
            e => MqttCredential.FromJson(e, thing.Space, thing.Category, thing.ThingId);

        private static MqttCredentialFields Checked(MqttCredentialFields fields, bool create, bool category)
        {
            if (fields == null) throw new ArgumentNullException(nameof(fields));
            fields.Check(create, category);
            return fields;
        }

        /// <summary>Creates a Category's MQTT credentials (a username and a password are needed).</summary>
        [ApiOperation("CreateCategoriesMQTTCredentials")]
        public Task<MqttCredential> CreateAsync(string space, string category, MqttCredentialFields fields, CancellationToken ct)
        {
            var path = CategoryPath(space, category);
            var body = Checked(fields, create: true, category: true);
            return _client.SendAsync(new ApiRequest("POST", path).WithJson(body), ForCategory(space, category), ct);
        }

        /// <summary>Reads a Category's MQTT credentials (the password is masked by the service and not kept).</summary>
        [ApiOperation("GetCategoriesMQTTCredentials")]
        public Task<MqttCredential> GetAsync(string space, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", CategoryPath(space, category)), ForCategory(space, category), ct);

        /// <summary>Updates a Category's MQTT credentials; only the fields given are sent (no password keeps the current one).</summary>
        [ApiOperation("UpdateCategoriesMQTTCredentials")]
        public Task<MqttCredential> UpdateAsync(string space, string category, MqttCredentialFields fields, CancellationToken ct)
        {
            var path = CategoryPath(space, category);
            var body = Checked(fields, create: false, category: true);
            return _client.SendAsync(new ApiRequest("PUT", path).WithJson(body), ForCategory(space, category), ct);
        }

        /// <summary>Deletes a Category's MQTT credentials.</summary>
        [ApiOperation("DeleteCategoriesMQTTCredentials")]
        public Task DeleteAsync(string space, string category, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", CategoryPath(space, category)), ct);

        /// <summary>Creates a Thing's MQTT credentials (a username and a password are needed).</summary>
        [ApiOperation("CreateThingMQTTCredentials", "CreateThingMQTTCredentialsByCategory")]
        public Task<MqttCredential> CreateAsync(ThingPath thing, MqttCredentialFields fields, CancellationToken ct)
        {
            var path = thing.Path(Segment);
            var body = Checked(fields, create: true, category: false);
            return _client.SendAsync(new ApiRequest("POST", path).WithJson(body), ForThing(thing), ct);
        }

        /// <summary>Reads a Thing's MQTT credentials (the password is masked by the service and not kept).</summary>
        [ApiOperation("GetThingMQTTCredentials", "GetThingMQTTCredentialsByCategory")]
        public Task<MqttCredential> GetAsync(ThingPath thing, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", thing.Path(Segment)), ForThing(thing), ct);

        /// <summary>Updates a Thing's MQTT credentials; only the fields given are sent (no password keeps the current one).</summary>
        [ApiOperation("UpdateThingMQTTCredentials", "UpdateThingMQTTCredentialsByCategory")]
        public Task<MqttCredential> UpdateAsync(ThingPath thing, MqttCredentialFields fields, CancellationToken ct)
        {
            var path = thing.Path(Segment);
            var body = Checked(fields, create: false, category: false);
            return _client.SendAsync(new ApiRequest("PUT", path).WithJson(body), ForThing(thing), ct);
        }

        /// <summary>Deletes a Thing's MQTT credentials.</summary>
        [ApiOperation("DeleteThingMQTTCredentials", "DeleteThingMQTTCredentialsByCategory")]
        public Task DeleteAsync(ThingPath thing, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", thing.Path(Segment)), ct);
    }
}
