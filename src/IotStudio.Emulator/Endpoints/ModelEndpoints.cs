using System.Globalization;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>/spaces/{space}/models[/{model}[/versions[/{version}]]] (scope: model). Models list in name order;
/// versions are numbered 1, 2, 3... per Model and never change once created.</summary>
public sealed class ModelEndpoints(EmulatorStore store, EmulatorOptions options)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/spaces/{space}/models", Create).Operation("CreateModel");
        app.MapGet("/spaces/{space}/models", List).Operation("ListModels");
        app.MapGet("/spaces/{space}/models/{model}", Get).Operation("GetModel");
        app.MapPut("/spaces/{space}/models/{model}", Put).Operation("UpdateModel");
        app.MapDelete("/spaces/{space}/models/{model}", Delete).Operation("DeleteModel");
        app.MapPost("/spaces/{space}/models/{model}/versions", CreateVersion).Operation("CreateVersion");
        app.MapGet("/spaces/{space}/models/{model}/versions", ListVersions).Operation("ListVersions");
        app.MapGet("/spaces/{space}/models/{model}/versions/{version}", GetVersion).Operation("GetVersion");
    }

    private Task Create(HttpContext ctx)
    {
        var (name, description) = ThingDocument.Model(Api.ReadDocument(ctx));
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 201, () =>
        {
            NamedResources.RequireNew(space.Models.ContainsKey(name), "model", name);
            var now = JsonOut.Now();
            var m = new ModelRecord { Id = Ulid.NewUlid(), Name = name, Description = description, Created = now, Modified = now };
            space.AddModel(m);
            return m.Json();
        });
    }

    private Task List(HttpContext ctx)
    {
        string spaceName = Api.Route(ctx, "space");
        var req = PageRequest.Parse(ctx, options, PageRequest.HashOf("models|" + spaceName, []));
        var space = store.Space(spaceName);
        // By name as the key: a Model created or deleted between pages neither repeats nor hides another.
        return NamedResources.WritePage(ctx, space, () => Pager.ByKey(space.ModelList, m => m.Name, _ => true, req), m => m.Json());
    }

    private Task Get(HttpContext ctx)
    {
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 200, () => Find(space, Api.Route(ctx, "model")).Json());
    }

    private Task Put(HttpContext ctx)
    {
        string name = Api.Route(ctx, "model");
        var (bodyName, description) = ThingDocument.Model(Api.ReadDocument(ctx));
        NamedResources.RequireSameName("model", name, bodyName);
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 200, () =>
        {
            var m = Find(space, name);
            m.Description = description;
            m.Modified = JsonOut.Now();
            return m.Json();
        });
    }

    private Task Delete(HttpContext ctx)
    {
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            // Its versions go with it. Categories and Things bound to it keep their binding (the API says nothing
            // against it); their next create or update must name a Model that exists.
            space.RemoveModel(Find(space, Api.Route(ctx, "model")));
        }
        return JsonOut.NoContent(ctx);
    }

    private Task CreateVersion(HttpContext ctx)
    {
        var (title, description, template) = ThingDocument.ModelVersion(Api.ReadDocument(ctx));
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 201,
            () => Find(space, Api.Route(ctx, "model")).AddVersion(title, description, template, JsonOut.Now()).Json());
    }

    private Task ListVersions(HttpContext ctx)
    {
        string spaceName = Api.Route(ctx, "space");
        string name = Api.Route(ctx, "model");
        var req = PageRequest.Parse(ctx, options, PageRequest.HashOf("models|" + spaceName + "|" + name + "|versions", []));
        var space = store.Space(spaceName);
        // Versions are only ever appended, so offsets stay valid between pages.
        return NamedResources.WritePage(ctx, space, () => Pager.ByOffset(Find(space, name).Versions, req), v => v.Json());
    }

    private Task GetVersion(HttpContext ctx)
    {
        string name = Api.Route(ctx, "model");
        string raw = Api.Route(ctx, "version");
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            throw ApiErrors.BadRequest($"invalid version number '{raw}': expected a positive integer", ApiErrors.Details("version", raw));
        }
        var space = store.Space(Api.Route(ctx, "space"));
        return NamedResources.WriteLocked(ctx, space, 200, () => (Find(space, name).FindVersion(number)
            ?? throw ApiErrors.NotFound($"version {number} of model '{name}' not found",
                new System.Text.Json.Nodes.JsonObject { ["model"] = name, ["version"] = number })).Json());
    }

    private static ModelRecord Find(SpaceData space, string name) =>
        space.Models.GetValueOrDefault(name ?? "")
        ?? throw ApiErrors.NotFound($"model '{name}' not found", ApiErrors.Details("model", name));
}
