using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>The filters and sort of a Thing list (or bulk delete), parsed from the query string.</summary>
public sealed class ThingQuery
{
    public static readonly string[] SortFields = ["title", "created", "modified", "uid", "description"];
    private static readonly string[] ListKeys =
        ["title", "@type", "model", "version", "thingID[]", "category[]", "in_category", "sort", "links.rel", "links.href"];
    private static readonly string[] DeleteKeys = ["@type", "thingID[]", "category[]"];

    private readonly List<PropertyCondition> _props = [];
    private readonly List<(string Field, bool Desc)> _sort = [];
    private string _scope;
    private string _title;
    private string _type;
    private string _model;
    private decimal? _version;
    private HashSet<string> _ids;
    private string[] _categories;
    private bool _inCategory = true;
    private bool _inCategoryGiven;
    private string _linkRel;
    private string _linkHref;

    /// <summary>True when at least one filter that bulk delete honours was given.</summary>
    public bool HasDeleteFilter { get; private set; }

    /// <summary>True for the natural uid-ascending order (keyset paging applies).</summary>
    public bool DefaultOrder => _sort.Count == 0 || (_sort.Count == 1 && _sort[0] is ("uid", false));

    /// <summary>Hash of path scope + filters + sort, bound into cursors.</summary>
    public string Hash { get; private set; }

    /// <param name="scopeCategory">The category of a category-scoped route, else null.</param>
    /// <param name="forDelete">Bulk delete: only @type, thingID[], category[] (plain route) and property: count.</param>
    public static ThingQuery Parse(IQueryCollection q, string space, string scopeCategory, bool forDelete)
    {
        var tq = new ThingQuery { _scope = scopeCategory };
        var hashParts = new List<string>();
        foreach (var key in q.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            bool isProp = key.StartsWith("property:", StringComparison.Ordinal) && key.Length > "property:".Length;
            bool known = isProp || (forDelete ? DeleteKeys.Contains(key) : ListKeys.Contains(key));
            if (!known || (forDelete && scopeCategory != null && key == "category[]"))
            {
                continue;
            }
            var values = q[key];
            hashParts.Add(key + "=" + string.Join('\u001e', values.ToArray()));
            if (isProp)
            {
                foreach (var v in values)
                {
                    tq._props.Add(PropertyCondition.Parse(key["property:".Length..], v ?? ""));
                }
                tq.HasDeleteFilter = true;
                continue;
            }
            switch (key)
            {
                case "title": tq._title = Single(key, values); break;
                case "@type": tq._type = Single(key, values); tq.HasDeleteFilter = true; break;
                case "model": tq._model = Single(key, values); break;
                case "version":
                    if (!decimal.TryParse(Single(key, values), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ver))
                    {
                        throw ApiErrors.BadRequest("version must be an integer", ApiErrors.Details("version", values.ToString()));
                    }
                    tq._version = ver;
                    break;
                case "thingID[]":
                    tq._ids = new HashSet<string>(values.Select(v => Ulid.TryNormalize(v, out var u) ? u : v ?? ""), StringComparer.Ordinal);
                    tq.HasDeleteFilter = true;
                    break;
                case "category[]":
                    tq._categories = values.Select(v => v ?? "").ToArray();
                    tq.HasDeleteFilter = true;
                    break;
                case "in_category":
                    tq._inCategory = Bool(key, Single(key, values));
                    tq._inCategoryGiven = true;
                    break;
                case "sort": tq.ParseSort(string.Join(',', values.ToArray())); break;
                case "links.rel": tq._linkRel = Single(key, values); break;
                case "links.href": tq._linkHref = Single(key, values); break;
            }
        }
        string scope = $"things|{space}|{scopeCategory}|{(forDelete ? "delete" : "list")}";
        tq.Hash = PageRequest.HashOf(scope, hashParts);
        return tq;
    }

    public static bool Bool(string name, string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw ApiErrors.BadRequest($"{name} must be true or false", ApiErrors.Details(name, value)),
    };

    private static string Single(string key, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1)
        {
            throw ApiErrors.BadRequest($"{key} given more than once");
        }
        return values[0] ?? "";
    }

    private void ParseSort(string text)
    {
        foreach (var raw in text.Split(','))
        {
            if (raw.Length == 0)
            {
                continue;
            }
            bool desc = raw[0] == '-';
            string field = raw[0] is '+' or '-' or ' ' ? raw[1..] : raw;
            if (!SortFields.Contains(field))
            {
                throw ApiErrors.BadRequest($"invalid sort field '{field}'", new JsonObject
                {
                    ["sort"] = text,
                    ["allowed"] = new JsonArray(SortFields.Select(f => (JsonNode)f).ToArray()),
                });
            }
            _sort.Add((field, desc));
        }
    }

    public bool Matches(ThingRecord t)
    {
        if (_scope != null && t.InCategory(_scope) != _inCategory)
        {
            return false;
        }
        if (_categories != null)
        {
            bool any = false;
            foreach (var c in _categories)
            {
                if (t.InCategory(c))
                {
                    any = true;
                    break;
                }
            }
            bool wanted = _scope != null || _inCategory;
            if (any != wanted)
            {
                return false;
            }
        }
        else if (_scope == null && _inCategoryGiven && !_inCategory && t.Categories.Length > 0)
        {
            return false;
        }
        if (_ids != null && !_ids.Contains(t.Uid))
        {
            return false;
        }
        if (_title != null && t.Title != _title)
        {
            return false;
        }
        if (_type != null && !TypeMatches(t.Body["@type"]))
        {
            return false;
        }
        if (_model != null || _version != null)
        {
            var model = t.Body["model"] as JsonObject;
            if (_model != null && Text(model?["name"]) != _model)
            {
                return false;
            }
            if (_version != null && !(model?["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == _version))
            {
                return false;
            }
        }
        if (_props.Count > 0)
        {
            var status = t.Status;
            foreach (var cond in _props)
            {
                JsonNode actual = null;
                bool present = status != null && status.TryGetPropertyValue(cond.Name, out actual);
                if (!cond.Test(actual, present))
                {
                    return false;
                }
            }
        }
        if ((_linkRel != null || _linkHref != null) && !LinkMatches(t.Body["links"] as JsonArray))
        {
            return false;
        }
        return true;
    }

    /// <summary>Sorts the matching Things (given in uid order) by the requested fields. The sort is stable,
    /// so ties stay in uid order.</summary>
    public ThingRecord[] Sort(IEnumerable<ThingRecord> matching)
    {
        IOrderedEnumerable<ThingRecord> ordered = null;
        foreach (var (field, desc) in _sort)
        {
            ordered = field switch
            {
                "title" => By(ordered, matching, t => t.Title, StringComparer.Ordinal, desc),
                "description" => By(ordered, matching, t => t.Description, StringComparer.Ordinal, desc),
                "created" => By(ordered, matching, t => t.Created, Comparer<DateTime>.Default, desc),
                "modified" => By(ordered, matching, t => t.Modified, Comparer<DateTime>.Default, desc),
                _ => By(ordered, matching, t => t.Uid, StringComparer.Ordinal, desc),
            };
        }
        return (ordered ?? matching).ToArray();
    }

    private static IOrderedEnumerable<ThingRecord> By<TKey>(IOrderedEnumerable<ThingRecord> ordered,
        IEnumerable<ThingRecord> source, Func<ThingRecord, TKey> key, IComparer<TKey> comparer, bool desc)
    {
        if (ordered == null)
        {
            return desc ? source.OrderByDescending(key, comparer) : source.OrderBy(key, comparer);
        }
        return desc ? ordered.ThenByDescending(key, comparer) : ordered.ThenBy(key, comparer);
    }

    private bool TypeMatches(JsonNode node)
    {
        if (node is JsonArray arr)
        {
            foreach (var item in arr)
            {
                if (Text(item) == _type)
                {
                    return true;
                }
            }
            return false;
        }
        return Text(node) == _type;
    }

    private bool LinkMatches(JsonArray links)
    {
        if (links == null)
        {
            return false;
        }
        foreach (var link in links)
        {
            if (link is JsonObject o
                && (_linkRel == null || Text(o["rel"]) == _linkRel)
                && (_linkHref == null || Text(o["href"]) == _linkHref))
            {
                return true;
            }
        }
        return false;
    }

    private static string Text(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
