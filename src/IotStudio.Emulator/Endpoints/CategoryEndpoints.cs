using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>/spaces/{space}/categories[/{category}] (scope: category).</summary>
public sealed class CategoryEndpoints(EmulatorStore store, EmulatorOptions options)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/spaces/{space}/categories", Create).Operation("CreateCategory");
        app.MapGet("/spaces/{space}/categories", List).Operation("ListCategories");
        app.MapGet("/spaces/{space}/categories/{category}", Get).Operation("GetCategory");
        app.MapPut("/spaces/{space}/categories/{category}", Put).Operation("UpdateCategory");
        app.MapDelete("/spaces/{space}/categories/{category}", Delete).Operation("DeleteCategory");
    }

    private Task Create(HttpContext ctx)
    {
        var (name, description, model) = ThingDocument.Category(Api.ReadDocument(ctx));
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 201, () =>
        {
            NamedResources.RequireNew(space.Categories.ContainsKey(name), "category", name);
            ThingDocument.RequireModel(space, model);
            var now = JsonOut.Now();
            var c = new CategoryRecord { Name = name, Description = description, Model = model, Created = now, Modified = now };
            space.AddCategory(c);
            return c.Json();
        });
    }

    private Task List(HttpContext ctx)
    {
        string spaceName = Api.Route(ctx, "space");
        var req = PageRequest.Parse(ctx, options, PageRequest.HashOf("categories|" + spaceName, []));
        var space = store.Space(spaceName);
        // Listed in name order, as the service does (not in creation order).
        return NamedResources.WritePage(ctx, space,
            () => Pager.ByOffset(space.CategoryList.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(), req), c => c.Json());
    }

    private Task Get(HttpContext ctx)
    {
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 200, () => Find(space, Api.Route(ctx, "category")).Json());
    }

    private Task Put(HttpContext ctx)
    {
        string name = Api.Route(ctx, "category");
        var (bodyName, description, model) = ThingDocument.Category(Api.ReadDocument(ctx));
        NamedResources.RequireSameName("category", name, bodyName);
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 200, () =>
        {
            var c = Find(space, name);
            ThingDocument.RequireModel(space, model);
            c.Description = description;
            c.Model = model;
            c.Modified = JsonOut.Now();
            return c.Json();
        });
    }

    private Task Delete(HttpContext ctx)
    {
        string name = Api.Route(ctx, "category");
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var c = Find(space, name);
            space.RemoveCategory(c);
            foreach (var t in space.Things)
            {
                if (t.InCategory(name))
                {
                    t.SetCategories(t.Categories.Where(x => x != name).ToArray());
                }
            }
            space.Changed();
        }
        return JsonOut.NoContent(ctx);
    }

    private static CategoryRecord Find(SpaceData space, string name) =>
        space.Categories.GetValueOrDefault(name ?? "")
        ?? throw ApiErrors.NotFound($"category '{name}' not found", ApiErrors.Details("name", name));
}
