using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator.Endpoints;

/// <summary>
/// What the Category and Model endpoints share: resources of a space keyed by their name, answered with JSON made
/// under the space lock.
/// </summary>
public static class NamedResources
{
    /// <summary>Answers <paramref name="status"/> with the JSON that <paramref name="json"/> makes under the space lock.</summary>
    public static Task WriteLocked(HttpContext ctx, SpaceData space, int status, Func<byte[]> json)
    {
        byte[] body;
        lock (space.Sync)
        {
            body = json();
        }
        return JsonOut.WriteAsync(ctx, status, body);
    }

    /// <summary>Answers 200 with the list envelope of the page that <paramref name="page"/> takes under the space lock.</summary>
    public static Task WritePage<T>(HttpContext ctx, SpaceData space, Func<Page<T>> page, Func<T, byte[]> json)
    {
        Page<T> p;
        List<byte[]> items;
        lock (space.Sync)
        {
            p = page();
            items = p.Items.Select(json).ToList();
        }
        return JsonOut.WriteAsync(ctx, 200, Pager.ListBody(items, p.Next, p.Previous));
    }

    /// <summary>409 when the name is taken.</summary>
    public static void RequireNew(bool exists, string kind, string name)
    {
        if (exists)
        {
            throw ApiErrors.Conflict($"{kind} '{name}' already exists", ApiErrors.Details("name", name));
        }
    }

    /// <summary>400 when an update's body names another resource than its path: the name is the key.</summary>
    public static void RequireSameName(string kind, string name, string bodyName)
    {
        if (bodyName != name)
        {
            throw ApiErrors.BadRequest($"a {kind} cannot be renamed: body name '{bodyName}' differs from '{name}'",
                ApiErrors.Details("name", bodyName));
        }
    }
}
