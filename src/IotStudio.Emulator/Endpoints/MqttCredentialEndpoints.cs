using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>MQTT credentials: a Category's own (<c>/spaces/{s}/categories/{c}/mqtt-credentials</c>, scope category) and a
/// Thing's, plain or under a Category (<c>.../things/{id}/mqtt-credentials</c>, scope thing). One set per owner:
/// POST creates (201, 409 when there are some), GET reads with the password masked, PUT changes the fields given
/// (the password only when one is sent), DELETE removes (204); 404 when the owner or its credentials are missing.
/// Usernames are unique in a space (409).</summary>
public sealed class MqttCredentialEndpoints(EmulatorStore store)
{
    private const string CategoryRoute = "/spaces/{space}/categories/{category}/mqtt-credentials";
    private const string ThingSuffix = "/{id}/mqtt-credentials";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(CategoryRoute, Create).Operation("CreateCategoriesMQTTCredentials");
        app.MapGet(CategoryRoute, Get).Operation("GetCategoriesMQTTCredentials");
        app.MapPut(CategoryRoute, Update).Operation("UpdateCategoriesMQTTCredentials");
        app.MapDelete(CategoryRoute, Delete).Operation("DeleteCategoriesMQTTCredentials");
        foreach (var root in new[] { ThingEndpoints.Plain, ThingEndpoints.Scoped })
        {
            app.MapPost(root + ThingSuffix, Create).Operation(ApiOperationExtensions.Scoped(root, "CreateThingMQTTCredentials", "CreateThingMQTTCredentialsByCategory"));
            app.MapGet(root + ThingSuffix, Get).Operation(ApiOperationExtensions.Scoped(root, "GetThingMQTTCredentials", "GetThingMQTTCredentialsByCategory"));
            app.MapPut(root + ThingSuffix, Update).Operation(ApiOperationExtensions.Scoped(root, "UpdateThingMQTTCredentials", "UpdateThingMQTTCredentialsByCategory"));
            app.MapDelete(root + ThingSuffix, Delete).Operation(ApiOperationExtensions.Scoped(root, "DeleteThingMQTTCredentials", "DeleteThingMQTTCredentialsByCategory"));
        }
    }

    /// <summary>Whose credentials a request is about: a Category (no Thing id in the route) or a Thing.</summary>
    private sealed class Owner
    {
        public CategoryRecord Category { get; init; }
        public ThingRecord Thing { get; init; }
        public string TopicRoot { get; init; }
        public bool IsCategory => Thing == null;

        public MqttCredentialRecord Credentials
        {
            get => IsCategory ? Category.Mqtt : Thing.Mqtt;
            set
            {
                if (IsCategory)
                {
                    Category.Mqtt = value;
                }
                else
                {
                    Thing.Mqtt = value;
                }
            }
        }

        public string Describe => IsCategory ? $"category '{Category.Name}'" : $"thing '{Thing.Uid}'";
    }

    /// <summary>The request's fields: the known ones, type-checked; a null field is not given. Other fields are ignored.</summary>
    private sealed record Fields(bool? Enabled, string Username, string Password, string Description, string CollectionName);

    private Task Create(HttpContext ctx)
    {
        var fields = ReadFields(ctx, required: true);
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var owner = FindOwner(ctx, space);
            if (owner.Credentials != null)
            {
                throw ApiErrors.Conflict($"{owner.Describe} already has MQTT credentials", ApiErrors.Details("username", owner.Credentials.Username));
            }
            if (fields.Username == null || fields.Password == null)
            {
                throw ApiErrors.BadRequest("username and password are required", ApiErrors.Details("field", fields.Username == null ? "username" : "password"));
            }
            RequireFreeUsername(space, fields.Username, null);
            var record = new MqttCredentialRecord
            {
                Id = Ulid.NewUlid(),
                Created = JsonOut.Now(),
                Username = fields.Username,
                Password = fields.Password,
                Enabled = fields.Enabled ?? true,
                Description = fields.Description,
                CollectionName = owner.IsCategory ? fields.CollectionName : null,
            };
            owner.Credentials = record;
            json = record.Json(fields.Password, owner.IsCategory, owner.TopicRoot);
        }
        return JsonOut.WriteAsync(ctx, 201, json);
    }

    private Task Get(HttpContext ctx)
    {
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var owner = FindOwner(ctx, space);
            json = Existing(owner).Json(MqttCredentialRecord.Mask, owner.IsCategory, owner.TopicRoot);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Update(HttpContext ctx)
    {
        var fields = ReadFields(ctx, required: false);
        var space = store.Space(Api.Route(ctx, "space"));
        byte[] json;
        lock (space.Sync)
        {
            var owner = FindOwner(ctx, space);
            var record = Existing(owner);
            if (fields.Username != null)
            {
                RequireFreeUsername(space, fields.Username, record);
                record.Username = fields.Username;
            }
            if (fields.Password != null)
            {
                record.Password = fields.Password;
            }
            if (fields.Enabled != null)
            {
                record.Enabled = fields.Enabled.Value;
            }
            if (fields.Description != null)
            {
                record.Description = fields.Description;
            }
            if (fields.CollectionName != null && owner.IsCategory)
            {
                record.CollectionName = fields.CollectionName;
            }
            json = record.Json(fields.Password ?? MqttCredentialRecord.Mask, owner.IsCategory, owner.TopicRoot);
        }
        return JsonOut.WriteAsync(ctx, 200, json);
    }

    private Task Delete(HttpContext ctx)
    {
        var space = store.Space(Api.Route(ctx, "space"));
        lock (space.Sync)
        {
            var owner = FindOwner(ctx, space);
            Existing(owner);
            owner.Credentials = null;
        }
        return JsonOut.NoContent(ctx);
    }

    /// <summary>The Category or the Thing of the route (checked against the route's Category); 404 when missing.</summary>
    private static Owner FindOwner(HttpContext ctx, SpaceData space)
    {
        string category = Api.Route(ctx, "category");
        if (ctx.Request.RouteValues.ContainsKey("id"))
        {
            string uid = Api.ThingId(ctx);
            var thing = Api.FindThing(space, uid, category);
            return new Owner { Thing = thing, TopicRoot = $"spaces/{space.Name}/things/{uid}" };
        }
        var c = space.Categories.GetValueOrDefault(category ?? "")
            ?? throw ApiErrors.NotFound($"category '{category}' not found", ApiErrors.Details("category", category));
        return new Owner { Category = c };
    }

    private static MqttCredentialRecord Existing(Owner owner) =>
        owner.Credentials ?? throw ApiErrors.NotFound($"{owner.Describe} has no MQTT credentials", null);

    /// <summary>409 when another set of credentials in the space uses the username.</summary>
    private static void RequireFreeUsername(SpaceData space, string username, MqttCredentialRecord self)
    {
        bool Taken(MqttCredentialRecord r) => r != null && !ReferenceEquals(r, self) && r.Username == username;
        if (space.CategoryList.Any(c => Taken(c.Mqtt)) || space.Things.Any(t => Taken(t.Mqtt)))
        {
            throw ApiErrors.Conflict($"the MQTT username '{username}' is already used in space '{space.Name}'", ApiErrors.Details("username", username));
        }
    }

    private static Fields ReadFields(HttpContext ctx, bool required)
    {
        // PUT declares its body optional: no body changes nothing.
        var body = !required && ApiPipeline.Body(ctx).Length == 0 ? new JsonObject() : Api.ReadObject(ctx);
        return new Fields(
            Bool(body, "enabled"),
            NonEmpty(body, "username"),
            NonEmpty(body, "password"),
            String(body, "description"),
            String(body, "collection_name"));
    }

    private static bool? Bool(JsonObject body, string name)
    {
        var node = body[name];
        if (node == null)
        {
            return null;
        }
        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiErrors.BadRequest($"{name} must be a boolean", ApiErrors.Details("field", name)),
        };
    }

    private static string String(JsonObject body, string name)
    {
        var node = body[name];
        if (node == null)
        {
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw ApiErrors.BadRequest($"{name} must be a string", ApiErrors.Details("field", name));
        }
        return node.GetValue<string>();
    }

    private static string NonEmpty(JsonObject body, string name)
    {
        var value = String(body, name);
        if (value != null && value.Length == 0)
        {
            throw ApiErrors.BadRequest($"{name} must not be empty", ApiErrors.Details("field", name));
        }
        return value;
    }
}
