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
        byte[] json;
        lock (space.Sync)
        {
            if (space.Categories.ContainsKey(name))
            {
                throw ApiErrors.Conflict($"category '{name}' already exists", ApiErrors.Details("name", name));
            }
            ThingDocument.RequireModel(space, model);
            var now = JsonOut.Now();
            var c = new CategoryRecord { Name = name, Description = description, Model = model, Created = now, Modified = now };
            space.CategoryList.Add(c);
            space.Categories[name] = c;
            json = c.Json();
        }
        return JsonOut.WriteAsync(ctx, 201, json);
    }

    private Task List(HttpContext ctx)
    {
        string spaceName = Api.Route(ctx, "space");
        var req = PageRequest.Parse(ctx, options, PageRequest.HashOf("categories|" + spaceName, []));
        var space = store.Space(spaceName);
        Page<CategoryRecord> page;
        List<byte[]> items;
        lock (space.Sync)
        {
            // Listed in name order, as the service does (not in creation order).
            page = Pager.ByOffset(space.CategoryList.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(), req);
            items = page.Items.Select(c => c.Json()).ToList();
        }
        return JsonOut.WriteAsync(ctx, 200, Pager.ListBody(items, page.Next, page.Previous));
    }

    private Task Get(HttpContext ctx)
    {
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            json = Find(space, Api.Route(ctx, "category")).Json();
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Put(HttpContext ctx)
    {
        string name = Api.Route(ctx, "category");
        var (bodyName, description, model) = ThingDocument.Category(Api.ReadDocument(ctx));
        if (bodyName != name)
        {
            throw ApiErrors.BadRequest($"a category cannot be renamed: body name '{bodyName}' differs from '{name}'",
                ApiErrors.Details("name", bodyName));
        }
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var c = Find(space, name);
            ThingDocument.RequireModel(space, model);
            c.Description = description;
            c.Model = model;
            c.Modified = JsonOut.Now();
            json = c.Json();
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Delete(HttpContext ctx)
    {
        string name = Api.Route(ctx, "category");
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var c = Find(space, name);
            space.CategoryList.Remove(c);
            space.Categories.Remove(name);
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
