using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace IotStudio.Tests.Shared
{
    /// <summary>One operation of the API description: its operationId, HTTP method, path and file.</summary>
    public sealed record SpecOperation(string OperationId, string Method, string Path, string File);

    /// <summary>
    /// The API description in api/ (the two OpenAPI files and operations-pending.txt), read with a YAML parser, and the
    /// ownership rules that the Core and the emulator coverage tests both apply. Linked into both test projects.
    /// </summary>
    public sealed class ApiSpec
    {
        /// <summary>The OpenAPI files, relative to the repository root.</summary>
        public static readonly string[] SpecFiles = { "api/anythingdb.openapi.yaml", "api/readme-operations.openapi.yaml" };

        /// <summary>The list of operations nobody owns yet, relative to the repository root.</summary>
        public const string PendingFile = "api/operations-pending.txt";

        /// <summary>The keys of a path item that are operations (the others are parameters, servers, summary...).</summary>
        private static readonly string[] OperationKeys = { "get", "put", "post", "delete", "patch", "options", "head" };

        private ApiSpec(IReadOnlyList<SpecOperation> operations, IReadOnlyDictionary<string, string> pending, IReadOnlyList<string> problems)
        {
            Operations = operations;
            ById = operations.GroupBy(o => o.OperationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            Pending = pending;
            Problems = problems;
        }

        /// <summary>Every operation under <c>paths</c> in the spec files, in file order.</summary>
        public IReadOnlyList<SpecOperation> Operations { get; }

        /// <summary>The operations by operationId.</summary>
        public IReadOnlyDictionary<string, SpecOperation> ById { get; }

        /// <summary>operations-pending.txt: operationId → the side it is pending on ("core", "emulator") or null for both.</summary>
        public IReadOnlyDictionary<string, string> Pending { get; }

        /// <summary>What is wrong with the files themselves: an operation without an id, an id used twice, a bad pending line.</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>The folder holding IotStudio.sln, found by walking up from the test assembly.</summary>
        public static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IotStudio.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds IotStudio.sln.");
        }

        /// <summary>Reads the spec files and the pending list of the repository.</summary>
        public static ApiSpec Load(string root = null)
        {
            root ??= RepoRoot();
            var problems = new List<string>();
            var operations = new List<SpecOperation>();
            foreach (string file in SpecFiles)
            {
                var yaml = new YamlStream();
                using (var reader = new StreamReader(Path.Combine(root, file))) yaml.Load(reader);
                var doc = (YamlMappingNode)yaml.Documents[0].RootNode;
                if (!(Child(doc, "paths") is YamlMappingNode paths))
                {
                    problems.Add($"{file}: no 'paths' mapping");
                    continue;
                }
                foreach (var path in paths.Children)
                {
                    if (!(path.Value is YamlMappingNode item)) continue;
                    foreach (var entry in item.Children)
                    {
                        string method = ((YamlScalarNode)entry.Key).Value;
                        if (!OperationKeys.Contains(method, StringComparer.Ordinal)) continue;
                        string id = (Child(entry.Value as YamlMappingNode, "operationId") as YamlScalarNode)?.Value;
                        string where = $"{file}: {method.ToUpperInvariant()} {((YamlScalarNode)path.Key).Value}";
                        if (string.IsNullOrEmpty(id)) { problems.Add($"{where} has no operationId"); continue; }
                        operations.Add(new SpecOperation(id, method.ToUpperInvariant(), ((YamlScalarNode)path.Key).Value, file));
                    }
                }
            }
            foreach (var twice in operations.GroupBy(o => o.OperationId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"the operationId {twice.Key} is used {twice.Count()} times: {string.Join(", ", twice.Select(o => $"{o.Method} {o.Path}"))}");
            }
            return new ApiSpec(operations, ReadPending(Path.Combine(root, PendingFile), problems), problems);
        }

        // One operationId a line, optionally followed by the one side it is pending on; '#' starts a comment.
        private static Dictionary<string, string> ReadPending(string file, List<string> problems)
        {
            var pending = new Dictionary<string, string>(StringComparer.Ordinal);
            int n = 0;
            foreach (string raw in File.ReadAllLines(file))
            {
                n++;
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
                int hash = line.IndexOf(" #", StringComparison.Ordinal);
                if (hash >= 0) line = line.Substring(0, hash).Trim();
                string[] words = line.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
                string side = words.Length > 1 ? words[1] : null;
                if (words.Length > 2 || (side != null && side != "core" && side != "emulator"))
                {
                    problems.Add($"{PendingFile} line {n}: '{raw.Trim()}' is not 'OperationId', 'OperationId core' or 'OperationId emulator'");
                    continue;
                }
                if (pending.ContainsKey(words[0])) problems.Add($"{PendingFile} line {n}: {words[0]} is listed twice");
                pending[words[0]] = side;
            }
            return pending;
        }

        /// <summary>
        /// The <c>enum</c> of a parameter of <c>components/parameters</c> in the first spec file (of its schema, or of its
        /// array items), such as the values of <c>sort_things</c>; empty when it has none.
        /// </summary>
        public static IReadOnlyList<string> ParameterEnum(string parameter, string root = null)
        {
            root ??= RepoRoot();
            var yaml = new YamlStream();
            using (var reader = new StreamReader(Path.Combine(root, SpecFiles[0]))) yaml.Load(reader);
            var doc = (YamlMappingNode)yaml.Documents[0].RootNode;
            var schema = Child(Child(Child(Child(doc, "components") as YamlMappingNode, "parameters") as YamlMappingNode, parameter) as YamlMappingNode, "schema") as YamlMappingNode;
            var values = Child(schema, "enum") as YamlSequenceNode ?? Child(Child(schema, "items") as YamlMappingNode, "enum") as YamlSequenceNode;
            return values == null ? Array.Empty<string>() : values.Children.OfType<YamlScalarNode>().Select(v => v.Value).ToList();
        }

        private static YamlNode Child(YamlMappingNode map, string key) =>
            map != null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        /// <summary>True when the operation is listed as pending for this side ("core" or "emulator").</summary>
        public bool IsPending(string operationId, string side) =>
            Pending.TryGetValue(operationId, out string only) && (only == null || only == side);

        /// <summary>
        /// Applies the ownership rules for one side: an owned id that the spec lacks, an operation with two owners, an
        /// operation with no owner that is not pending, an operation pending but owned, a pending id that the spec lacks.
        /// <paramref name="owners"/> are (operationId, owner description) pairs. Returns the problems, empty when all is well.
        /// </summary>
        public List<string> CheckOwners(string side, IEnumerable<(string OperationId, string Owner)> owners)
        {
            var problems = new List<string>(Problems);
            var byId = owners.GroupBy(o => o.OperationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(o => o.Owner).ToList(), StringComparer.Ordinal);
            foreach (var kv in byId.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (!ById.ContainsKey(kv.Key))
                    problems.Add($"{string.Join(", ", kv.Value)} owns '{kv.Key}', which is not an operationId of {string.Join(" or ", SpecFiles)} (a typo?)");
                else if (kv.Value.Count > 1)
                    problems.Add($"{kv.Key} has {kv.Value.Count} owners, one is allowed: {string.Join(", ", kv.Value)}");
            }
            foreach (var op in Operations)
            {
                bool owned = byId.ContainsKey(op.OperationId);
                bool pending = IsPending(op.OperationId, side);
                if (!owned && !pending)
                    problems.Add($"{op.OperationId} ({op.Method} {op.Path}) has no {side} owner and is not listed in {PendingFile}");
                if (owned && pending)
                    problems.Add($"{op.OperationId} is listed in {PendingFile} but {string.Join(", ", byId[op.OperationId])} owns it: remove its line there");
            }
            foreach (string id in Pending.Keys.Where(id => !ById.ContainsKey(id)))
            {
                problems.Add($"{PendingFile} lists '{id}', which is not an operationId of {string.Join(" or ", SpecFiles)}");
            }
            return problems;
        }

        /// <summary>The number of spec operations that have an owner.</summary>
        public int CountOwned(IEnumerable<string> ownedIds) => ownedIds.Distinct(StringComparer.Ordinal).Count(ById.ContainsKey);

        /// <summary>A path with its parameter names erased: <c>/spaces/{space}/things/{thing-id}</c> → <c>/spaces/{}/things/{}</c>.</summary>
        public static string ErasePathParameters(string path) => Regex.Replace(path.TrimEnd('/'), @"\{[^}]*\}", "{}");

        /// <summary>
        /// Writes the coverage line (<c>API operations: N of 88 (side)</c>) to the test output, the console, and
        /// out/test-results/coverage-&lt;side&gt;.txt, which build.ps1 prints after the xunit step.
        /// </summary>
        public string ReportCoverage(string side, int owned, Action<string> testOutput)
        {
            string line = $"API operations: {owned} of {Operations.Count} ({side})";
            testOutput?.Invoke(line);
            Console.WriteLine(line);
            try
            {
                string folder = Path.Combine(RepoRoot(), "out", "test-results");
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, $"coverage-{side}.txt"), line + Environment.NewLine);
            }
            catch (IOException)
            {
                // The line is in the test output anyway; the file only makes it visible in the build output.
            }
            return line;
        }
    }
}
