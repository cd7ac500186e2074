using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>Things (scope: thing), at /spaces/{space}/things and, scoped to a category,
/// /spaces/{space}/categories/{category}/things. Scoped answers omit <c>categories</c>.</summary>
public sealed class ThingEndpoints(EmulatorStore store, EmulatorOptions options)
{
    public const string Plain = "/spaces/{space}/things";
    public const string Scoped = "/spaces/{space}/categories/{category}/things";

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var root in new[] { Plain, Scoped })
        {
            app.MapPost(root, Create).Operation(ApiOperationExtensions.Scoped(root, "CreateThing", "CreateThingFromCategory"));
            app.MapGet(root, List).Operation(ApiOperationExtensions.Scoped(root, "ListThings", "ListThingsFromCategory"));
            app.MapDelete(root, DeleteMany).Operation(ApiOperationExtensions.Scoped(root, "DeleteThings", "DeleteThingsFromCategory"));
            app.MapGet(root + "/{id}", Get).Operation(ApiOperationExtensions.Scoped(root, "GetThing", "GetThingFromCategory"));
            app.MapPut(root + "/{id}", Put).Operation(ApiOperationExtensions.Scoped(root, "UpdateThing", "UpdateThingFromCategory"));
            app.MapDelete(root + "/{id}", Delete).Operation(ApiOperationExtensions.Scoped(root, "DeleteThing", "DeleteThingFromCategory"));
        }
    }

    private Task Create(HttpContext ctx)
    {
        string category = Api.Route(ctx, "category");
        var body = Api.ReadDocument(ctx);
        RefuseCategoriesWhenScoped(body, category);
        var categories = ThingDocument.Prepare(body) ?? [];
        if (category != null && !categories.Contains(category))
        {
            categories = [.. categories, category];
        }
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            Api.RequireCategory(space, category);
            ThingDocument.RequireCategories(space, categories);
            ThingDocument.RequireModel(space, body["model"]);
            var t = space.AddThing(body, categories, JsonOut.Now());
            json = t.Json(space.ThingIdPrefix, category == null);
        }
        return JsonOut.WriteAsync(ctx, 201, json);
    }

    private Task List(HttpContext ctx)
    {
        string spaceName = Api.Route(ctx, "space");
        string category = Api.Route(ctx, "category");
        var query = ThingQuery.Parse(ctx.Request.Query, spaceName, category, forDelete: false);
        var req = PageRequest.Parse(ctx, options, query.Hash);
        var space = store.Space(spaceName);
        var items = new List<byte[]>();
        Page<ThingRecord> page;
        lock (space.Sync)
        {
            Api.RequireCategory(space, category);
            if (query.DefaultOrder)
            {
                page = Pager.ByKey(space.Things, t => t.Uid, query.Matches, req);
            }
            else
            {
                var sorted = space.Sorted(query.Hash, () => query.Sort(space.Things.Where(query.Matches)));
                page = Pager.ByOffset(sorted, req);
            }
            foreach (var t in page.Items)
            {
                items.Add(t.Json(space.ThingIdPrefix, category == null));
            }
        }
        return JsonOut.WriteAsync(ctx, 200, Pager.ListBody(items, page.Next, page.Previous));
    }

    private Task DeleteMany(HttpContext ctx)
    {
        string spaceName = Api.Route(ctx, "space");
        string category = Api.Route(ctx, "category");
        var query = ThingQuery.Parse(ctx.Request.Query, spaceName, category, forDelete: true);
        if (!query.HasDeleteFilter)
        {
            throw ApiErrors.BadRequest(
                category == null
                    ? "refusing to delete Things without a filter (@type, thingID[], category[] or property:<name>)"
                    : "refusing to delete Things without a filter (@type, thingID[] or property:<name>)");
        }
        var space = store.Space(spaceName);
        List<string> removed;
        lock (space.Sync)
        {
            Api.RequireCategory(space, category);
            removed = space.RemoveThings(query.Matches);
        }
        return JsonOut.WriteAsync(ctx, 200, new JsonArray(removed.Select(u => (JsonNode)u).ToArray()));
    }

    private Task Get(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string category = Api.Route(ctx, "category");
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            json = Api.FindThing(space, uid, category).Json(space.ThingIdPrefix, category == null);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Put(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string category = Api.Route(ctx, "category");
        var body = Api.ReadDocument(ctx);
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, category);
            Replace(space, t, body, scoped: category != null, absentCategoriesMeanNone: false);
            json = t.Json(space.ThingIdPrefix, category == null);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Delete(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        string category = Api.Route(ctx, "category");
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            space.RemoveThing(Api.FindThing(space, uid, category));
        }
        return JsonOut.NoContent(ctx);
    }

    /// <summary>The category-scoped schemas (ThingCategoryCreate, ThingCategoryUpdate) have no <c>categories</c>:
    /// the path names the Category, and a body that names others is refused rather than merged.</summary>
    private static void RefuseCategoriesWhenScoped(JsonObject body, string category)
    {
        if (category != null && body.ContainsKey("categories"))
        {
            throw ApiErrors.BadRequest("a Thing created or updated through a category's path cannot carry 'categories'; use /spaces/{space}/things to change its categories",
                ApiErrors.Details("field", "categories"));
        }
    }

    /// <summary>Full replacement of a Thing's document (PUT, and the result of a PATCH). uid, id, created are
    /// kept; modified is set. On the plain route <c>categories</c> is replaced when given (when absent it is kept
    /// for PUT, emptied for PATCH); on a scoped route it is never changed. Call under the space lock.</summary>
    public static void Replace(SpaceData space, ThingRecord t, JsonObject doc, bool scoped, bool absentCategoriesMeanNone)
    {
        if (scoped)
        {
            RefuseCategoriesWhenScoped(doc, "the category");
        }
        var categories = ThingDocument.Prepare(doc);
        ThingDocument.RequireModel(space, doc["model"]);
        if (!scoped)
        {
            if (categories != null)
            {
                ThingDocument.RequireCategories(space, categories);
                t.SetCategories(categories);
            }
            else if (absentCategoriesMeanNone)
            {
                t.SetCategories([]);
            }
        }
        t.SetBody(doc);
        t.Touch(JsonOut.Now());
        space.Changed();
    }
}
