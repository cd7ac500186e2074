using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace IotStudio.Emulator.Contract;

/// <summary>
/// The API description (api/anythingdb.openapi.yaml and api/readme-operations.openapi.yaml, embedded in the emulator)
/// read with a YAML parser and checked with a JSON Schema validator: the strict mode validates every JSON answer
/// against the schema declared for its operation and status.
/// </summary>
public sealed class ApiContract
{
    public const string MainDocument = "anythingdb.openapi.yaml";
    public const string ReadmeDocument = "readme-operations.openapi.yaml";
    private static readonly Uri BaseUri = new("https://emulator.iotstudio.invalid/api/");
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    private static readonly Lazy<ApiContract> Shared = new(() => Load());

    private readonly Dictionary<string, ContractOperation> _operations;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly BuildOptions _build;

    private ApiContract(Dictionary<string, ContractOperation> operations, BuildOptions build)
    {
        _operations = operations;
        _build = build;
    }

    /// <summary>The contract embedded in this build of the emulator, read once.</summary>
    public static ApiContract Current => Shared.Value;

    /// <summary>Every operation, by operationId.</summary>
    public IReadOnlyDictionary<string, ContractOperation> Operations => _operations;

    /// <summary>
    /// Where the live service differs from the YAML, the conventions (api/README.md) win. Each difference is written
    /// down here, once: (operation, status the service answers) → the status whose schema applies.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string OperationId, int Status), int> LiveServiceStatus = new Dictionary<(string, int), int>
    {
        // "Property updates answer 200 with the map of property values, not 201."
        [("UpdateProperties", 200)] = 201,
        [("UpdateProperty", 200)] = 201,
        [("UpdatePropertiesFromCategory", 200)] = 201,
        [("UpdatePropertyFromCategory", 200)] = 201,
    };

    /// <summary>
    /// Schemas of the YAML that the live service does not follow, replaced before any answer is checked:
    /// (document, JSON pointer) → the schema that applies, each with the note of api/schemas.md that says so.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Document, string Pointer), string> LiveServiceSchemas = new Dictionary<(string, string), string>
    {
        // schemas.md, PostAPICursorResponse: "then.success_count/error_count are typed boolean in the spec although they carry counts."
        [(MainDocument, "/components/schemas/PostAPICursorResponse/properties/then/properties/success_count")] = """{"type":"integer","minimum":0}""",
        [(MainDocument, "/components/schemas/PostAPICursorResponse/properties/then/properties/error_count")] = """{"type":"integer","minimum":0}""",
    };

    /// <summary>Reads the two documents from the emulator's embedded resources (or from <paramref name="readText"/>).</summary>
    public static ApiContract Load(Func<string, string> readText = null)
    {
        readText ??= ReadEmbedded;
        var registry = new SchemaRegistry();
        var operations = new Dictionary<string, ContractOperation>(StringComparer.Ordinal);
        // Each document is read once; the readme document's references into the main one resolve against this.
        var documents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var name in new[] { MainDocument, ReadmeDocument })
        {
            var doc = (JsonObject)ToJson(LoadYaml(readText(name)));
            OpenApi30ToJsonSchema(doc);
            ApplyLiveServiceSchemas(name, doc);
            documents[name] = doc;
            var uri = new Uri(BaseUri, name);
            registry.Register(new JsonElementBaseDocument(JsonSerializer.SerializeToElement(doc), uri));
            foreach (var op in ReadOperations(name, documents))
            {
                if (!operations.TryAdd(op.OperationId, op))
                {
                    throw new InvalidOperationException($"operationId '{op.OperationId}' appears twice in the API description");
                }
            }
        }
        return new ApiContract(operations, new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft07 });
    }

    /// <summary>
    /// Checks one answer. Null when it conforms (or has no JSON body to check); otherwise a message naming the schema
    /// path and the first problems found.
    /// </summary>
    public string Validate(string operationId, int status, ReadOnlySpan<byte> body)
    {
        if (!_operations.TryGetValue(operationId, out var op))
        {
            return $"operation '{operationId}' is not in the API description";
        }
        int declared = LiveServiceStatus.TryGetValue((operationId, status), out var s) ? s : status;
        string pointer;
        if (!op.ResponseSchemas.TryGetValue(declared, out pointer))
        {
            if (status >= 400)
            {
                // api/README.md: every API error answers the error shape, whatever status the YAML lists.
                pointer = $"{MainDocument}#/components/schemas/ErrorResponse";
            }
            else
            {
                return $"{op.Method} {op.Path} ({operationId}) declares no {status} response";
            }
        }
        if (pointer == null && status >= 400 && body.Length > 0)
        {
            // api/README.md: every API error answers the error shape, also where the YAML lists the status without a body.
            pointer = $"{MainDocument}#/components/schemas/ErrorResponse";
        }
        if (pointer == null)
        {
            return body.Length == 0 ? null : $"{operationId} {status} declares no body, but the answer has one";
        }
        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            return $"{operationId} {status}: the body is not JSON ({ex.Message})";
        }
        using (instance)
        {
            var schema = SchemaFor(pointer);
            var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (result.IsValid)
            {
                return null;
            }
            var problems = (result.Details ?? [])
                .Where(d => d.Errors != null)
                .SelectMany(d => d.Errors.Select(e => $"{d.InstanceLocation} against {Short(d.SchemaLocation)}: {e.Value}"))
                .Take(5)
                .ToList();
            return $"{operationId} {status} does not match {pointer}: " + string.Join("; ", problems);
        }
    }

    private static void ApplyLiveServiceSchemas(string document, JsonObject doc)
    {
        foreach (var ((name, pointer), schema) in LiveServiceSchemas)
        {
            if (name != document)
            {
                continue;
            }
            var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
            JsonNode parent = doc;
            foreach (var part in parts[..^1])
            {
                parent = parent?[part];
            }
            if (parent is not JsonObject target || !target.ContainsKey(parts[^1]))
            {
                throw new InvalidOperationException($"{document}#{pointer} is not in the API description: the live-service schema there is out of date");
            }
            target[parts[^1]] = JsonNode.Parse(schema);
        }
    }

    private JsonSchema SchemaFor(string pointer)
    {
        lock (_schemas)
        {
            if (!_schemas.TryGetValue(pointer, out var schema))
            {
                var text = new JsonObject { ["$ref"] = new Uri(BaseUri, pointer).ToString() }.ToJsonString();
                schema = JsonSchema.FromText(text, _build, new Uri(BaseUri, "response/" + _schemas.Count));
                _schemas[pointer] = schema;
            }
            return schema;
        }
    }

    private static string Short(Uri location) => location == null ? "" : Uri.UnescapeDataString(location.ToString().Replace(BaseUri.ToString(), ""));

    private static IEnumerable<ContractOperation> ReadOperations(string document, IReadOnlyDictionary<string, JsonObject> documents)
    {
        var doc = documents[document];
        if (doc["paths"] is not JsonObject paths)
        {
            yield break;
        }
        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject pathItem)
            {
                continue;
            }
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject operation || operation["operationId"]?.GetValue<string>() is not { } id)
                {
                    continue;
                }
                var responses = new Dictionary<int, string>();
                if (operation["responses"] is JsonObject rs)
                {
                    foreach (var (code, response) in rs)
                    {
                        if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                        {
                            continue;
                        }
                        var (resolvedDoc, resolvedPointer, resolved) = Resolve(document, documents, response,
                            $"/paths/{Escape(path)}/{method}/responses/{code}");
                        string schemaPointer = null;
                        if (resolved?["content"] is JsonObject content && content["application/json"] is JsonObject json && json["schema"] != null)
                        {
                            schemaPointer = $"{resolvedDoc}#{resolvedPointer}/content/application~1json/schema";
                        }
                        responses[status] = schemaPointer;
                    }
                }
                yield return new ContractOperation(id, method.ToUpperInvariant(), path, document, responses);
            }
        }
    }

    // A response given as $ref to #/components/responses/X, in this document only (the readme document refers to the
    // main one's responses as 'anythingdb.openapi.yaml#/components/responses/X').
    private static (string Document, string Pointer, JsonObject Node) Resolve(string document, IReadOnlyDictionary<string, JsonObject> documents, JsonNode response, string pointer)
    {
        if (response is JsonObject o && o["$ref"]?.GetValue<string>() is { } reference)
        {
            var hash = reference.IndexOf('#');
            var target = hash > 0 ? reference[..hash] : document;
            var local = reference[(hash + 1)..];
            JsonNode node = documents.TryGetValue(target, out var root) ? root
                : throw new InvalidOperationException($"'{reference}' refers to a document that is not part of the API description");
            foreach (var part in local.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[part.Replace("~1", "/").Replace("~0", "~")];
            }
            return (target, local, node as JsonObject);
        }
        return (document, pointer, response as JsonObject);
    }

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    private static string ReadEmbedded(string name)
    {
        var assembly = typeof(ApiContract).Assembly;
        using var stream = assembly.GetManifestResourceStream("api/" + name)
            ?? throw new FileNotFoundException($"The emulator was built without its API description (api/{name}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static YamlNode LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    /// <summary>YAML to JSON, with YAML 1.2 core-schema typing of plain scalars (numbers, booleans, null).</summary>
    public static JsonNode ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    obj[((YamlScalarNode)key).Value] = ToJson(value);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var child in seq.Children)
                {
                    array.Add(ToJson(child));
                }
                return array;
            case YamlScalarNode scalar:
                var v = scalar.Value;
                if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
                {
                    return JsonValue.Create(v);
                }
                if (v is null or "" or "~" or "null")
                {
                    return null;
                }
                if (v == "true" || v == "false")
                {
                    return JsonValue.Create(v == "true");
                }
                if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return JsonValue.Create(l);
                }
                if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return JsonValue.Create(d);
                }
                return JsonValue.Create(v);
            default:
                throw new InvalidOperationException("unsupported YAML node " + node?.NodeType);
        }
    }

    /// <summary>
    /// OpenAPI 3.0 schemas are JSON Schema with a few words of their own: <c>nullable: true</c> means null is also
    /// allowed. Rewrite it as JSON Schema (any of the schema or null) so a standard validator reads it.
    /// </summary>
    public static void OpenApi30ToJsonSchema(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    OpenApi30ToJsonSchema(child);
                }
                if (obj["nullable"] is JsonValue n && n.TryGetValue<bool>(out var nullable))
                {
                    obj.Remove("nullable");
                    if (nullable)
                    {
                        var inner = new JsonObject();
                        foreach (var (key, value) in obj.ToList())
                        {
                            obj.Remove(key);
                            inner[key] = value;
                        }
                        obj["anyOf"] = new JsonArray(inner, new JsonObject { ["type"] = "null" });
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    OpenApi30ToJsonSchema(child);
                }
                break;
        }
    }
}
