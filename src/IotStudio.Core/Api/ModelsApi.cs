using System;
using System.Collections;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>The Models and Model-versions operations.</summary>
    public sealed class ModelsApi
    {
        private readonly IotStudioClient _client;
        internal ModelsApi(IotStudioClient client) { _client = client; }

        private static string Collection(string space) => ApiRequest.Path("spaces", Validate.Space(space), "models");
        private static string Item(string space, string name) => ApiRequest.Path("spaces", Validate.Space(space), "models", Validate.Name(name, "Model"));
        private static string Versions(string space, string model) => ApiRequest.Path("spaces", Validate.Space(space), "models", Validate.Name(model, "Model"), "versions");

        private static string VersionItem(string space, string model, long version)
        {
            if (version < 1) throw new ArgumentException($"{version} is not a Model version number: versions are numbered from 1.", nameof(version));
            return ApiRequest.Path("spaces", Validate.Space(space), "models", Validate.Name(model, "Model"), "versions", version.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>Lists Models lazily (the service pages them like every list, though the YAML does not say so).</summary>
        [ApiOperation("ListModels")]
        public CursorPager<ThingModel> List(string space, int? pageSize = null, long? maxItems = null) =>
            new CursorPager<ThingModel>(_client, new ApiRequest("GET", Collection(space)), e => ThingModel.FromJson(e, space), pageSize, maxItems);

        /// <summary>Reads one Model.</summary>
        [ApiOperation("GetModel")]
        public Task<ThingModel> GetAsync(string space, string name, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", Item(space, name)), e => ThingModel.FromJson(e, space), ct);

        /// <summary>Creates a Model.</summary>
        [ApiOperation("CreateModel")]
        public Task<ThingModel> CreateAsync(string space, string name, string description, IDictionary extra, CancellationToken ct)
        {
            Validate.Name(name, "Model");
            var body = NamedResourceBody.Create(name, description, extra);
            return _client.SendAsync(new ApiRequest("POST", Collection(space)).WithJson(body), e => ThingModel.FromJson(e, space), ct);
        }

        /// <summary>Replaces a Model's description (PUT sends the whole Model; <paramref name="extra"/> carries the fields to keep).</summary>
        [ApiOperation("UpdateModel")]
        public Task<ThingModel> UpdateAsync(string space, string name, string description, IDictionary extra, CancellationToken ct)
        {
            var body = NamedResourceBody.Create(name, description, extra);
            return _client.SendAsync(new ApiRequest("PUT", Item(space, name)).WithJson(body), e => ThingModel.FromJson(e, space), ct);
        }

        /// <summary>Deletes a Model and its versions.</summary>
        [ApiOperation("DeleteModel")]
        public Task DeleteAsync(string space, string name, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", Item(space, name)), ct);

        /// <summary>Lists a Model's versions lazily, oldest first.</summary>
        [ApiOperation("ListVersions")]
        public CursorPager<ThingModelVersion> ListVersions(string space, string model, int? pageSize = null, long? maxItems = null) =>
            new CursorPager<ThingModelVersion>(_client, new ApiRequest("GET", Versions(space, model)), e => ThingModelVersion.FromJson(e, space, model), pageSize, maxItems);

        /// <summary>Reads one version of a Model by its number (1, 2, ...).</summary>
        [ApiOperation("GetVersion")]
        public Task<ThingModelVersion> GetVersionAsync(string space, string model, long version, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", VersionItem(space, model, version)), e => ThingModelVersion.FromJson(e, space, model), ct);

        /// <summary>Freezes a definition (title, description, template) as the Model's next version; the service numbers it.</summary>
        [ApiOperation("CreateVersion")]
        public Task<ThingModelVersion> CreateVersionAsync(string space, string model, string title, string description, ThingModelTemplate template, IDictionary extra, CancellationToken ct)
        {
            var path = Versions(space, model);
            var body = ThingModelVersion.ToBody(title, description, template, extra);
            return _client.SendAsync(new ApiRequest("POST", path).WithJson(body), e => ThingModelVersion.FromJson(e, space, model), ct);
        }
    }
}
