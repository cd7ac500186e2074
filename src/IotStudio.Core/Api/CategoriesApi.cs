using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.Api
{
    /// <summary>The Categories operations.</summary>
    public sealed class CategoriesApi
    {
        private readonly IotStudioClient _client;
        internal CategoriesApi(IotStudioClient client) { _client = client; }

        private static string Collection(string space) => ApiRequest.Path("spaces", Validate.Space(space), "categories");
        private static string Item(string space, string name) => ApiRequest.Path("spaces", Validate.Space(space), "categories", Validate.Name(name, "Category"));

        /// <summary>Lists Categories lazily.</summary>
        [ApiOperation("ListCategories")]
        public CursorPager<Category> List(string space, int? pageSize = null, long? maxItems = null) =>
            new CursorPager<Category>(_client, new ApiRequest("GET", Collection(space)), e => Category.FromJson(e, space), pageSize, maxItems);

        /// <summary>The names of every Category of the space, read through <see cref="List"/> with the largest page size (one request up to 1,000 Categories).</summary>
        public async Task<IReadOnlyList<string>> NamesAsync(string space, CancellationToken ct)
        {
            var names = new List<string>();
            var pager = List(space, CursorPager<Category>.MaxPageSize);
            while (pager.HasMore)
                foreach (var c in await pager.NextPageAsync(ct).ConfigureAwait(false)) names.Add(c.Name);
            return names;
        }

        /// <summary>Reads one Category.</summary>
        [ApiOperation("GetCategory")]
        public Task<Category> GetAsync(string space, string name, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("GET", Item(space, name)), e => Category.FromJson(e, space), ct);

        /// <summary>Creates a Category.</summary>
        [ApiOperation("CreateCategory")]
        public Task<Category> CreateAsync(string space, string name, string description, ModelDescription model, IDictionary extra, CancellationToken ct)
        {
            Validate.Name(name, "Category");
            var body = Category.ToBody(name, description, model, false, extra);
            return _client.SendAsync(new ApiRequest("POST", Collection(space)).WithJson(body), e => Category.FromJson(e, space), ct);
        }

        /// <summary>Replaces a Category's description and model.</summary>
        [ApiOperation("UpdateCategory")]
        public Task<Category> UpdateAsync(string space, string name, string description, ModelDescription model, bool clearModel, IDictionary extra, CancellationToken ct)
        {
            var body = Category.ToBody(name, description, model, clearModel, extra);
            return _client.SendAsync(new ApiRequest("PUT", Item(space, name)).WithJson(body), e => Category.FromJson(e, space), ct);
        }

        /// <summary>Deletes a Category.</summary>
        [ApiOperation("DeleteCategory")]
        public Task DeleteAsync(string space, string name, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest("DELETE", Item(space, name)), ct);
    }
}
