using System.Security.Cryptography;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>A Thing's own OAuth2 client: <c>POST .../things/{id}/reset-secret</c> (plain and category-scoped) answers
/// 201 <c>{client_id, client_secret}</c>. The first reset gives the Thing its client id (shown as <c>client_id</c> on
/// the Thing from then on); every reset makes a fresh secret. Secrets are not kept and never logged.</summary>
public sealed class ThingSecretEndpoints(EmulatorStore store)
{
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var root in new[] { ThingEndpoints.Plain, ThingEndpoints.Scoped })
        {
            app.MapPost(root + "/{id}/reset-secret", Reset).Operation(ApiOperationExtensions.Scoped(root, "ThingResetSecret", "CategoryThingResetSecret"));
        }
    }

    private Task Reset(HttpContext ctx)
    {
        string uid = Api.ThingId(ctx);
        var space = store.Space(Api.Route(ctx, "space"));
        string clientId;
        lock (space.Sync)
        {
            var t = Api.FindThing(space, uid, Api.Route(ctx, "category"));
            if (t.ClientId == null)
            {
                t.SetClientId("thing-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant());
            }
            clientId = t.ClientId;
        }
        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var body = JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("client_id", clientId);
            w.WriteString("client_secret", secret);
            w.WriteEndObject();
        });
        return JsonOut.WriteAsync(ctx, 201, body);
    }
}
