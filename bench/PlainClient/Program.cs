using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlainClient;

// The benchmark's baseline: what a careful hand-written client does, and no more. One HttpClient, System.Text.Json
// straight from the response stream into typed objects (source-generated), the same cursor loop and the same property
// PUTs as IotStudio sends.
//
//   PlainClient <url> <token> <space>
// then one command per line on standard input, one answer line each, so a benchmark can interleave its passes with
// the module's (both then see the same machine load):
//   list <pageSize>                   -> "list <items> <seconds> <requests> <cpu seconds>" (the whole space, cursor by cursor)
//   update <count> <concurrency>      -> "update <sent> <seconds> <failed> <cpu seconds>" (PUT {"setpoint": 21} to
//                                                                                  the first <count> Things, <concurrency> in flight)
//   quit
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: PlainClient <url> <token> <space>, then commands on standard input");
            return 2;
        }
        var baseUrl = args[0].TrimEnd('/');
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args[1]);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var client = new Client(http, baseUrl, Uri.EscapeDataString(args[2]));
        Console.WriteLine("ready");
        string line;
        while ((line = Console.ReadLine()) != null)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            switch (words[0])
            {
                case "list":
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    var (items, requests) = await client.ListAsync(int.Parse(words[1]), long.MaxValue);
                    var seconds = sw.Elapsed.TotalSeconds;
                    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                    Console.WriteLine($"list {items} {seconds:0.000000} {requests} {cpu.TotalSeconds:0.000000}");
                    break;
                }
                case "update":
                {
                    var count = int.Parse(words[1]);
                    var concurrency = int.Parse(words[2]);
                    var uids = await client.UidsAsync(count);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var sw = Stopwatch.StartNew();
                    var failed = 0;
                    await Parallel.ForEachAsync(uids, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (uid, _) =>
                    {
                        if (!await client.PutAsync(uid)) Interlocked.Increment(ref failed);
                    });
                    var seconds = sw.Elapsed.TotalSeconds;
                    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                    Console.WriteLine($"update {uids.Count} {seconds:0.000000} {failed} {cpu.TotalSeconds:0.000000}");
                    break;
                }
                case "quit":
                    return 0;
                default:
                    Console.WriteLine("error unknown command " + words[0]);
                    break;
            }
        }
        return 0;
    }
}

internal sealed class Client(HttpClient http, string baseUrl, string space)
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"setpoint\":21}");
    private List<string> _uids;

    public async Task<(long Items, int Requests)> ListAsync(int pageSize, long max, Action<ThingDto> each = null)
    {
        string cursor = null;
        long items = 0;
        var requests = 0;
        do
        {
            var url = $"{baseUrl}/spaces/{space}/things?limit={Math.Min(pageSize, max - items)}" + (cursor == null ? "" : "&next_cursor=" + Uri.EscapeDataString(cursor));
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var page = await JsonSerializer.DeserializeAsync(body, PlainJson.Default.PageDto);
            requests++;
            foreach (var t in page.Data)
            {
                items++;
                each?.Invoke(t);
            }
            cursor = string.IsNullOrEmpty(page.Paging?.NextCursor) ? null : page.Paging.NextCursor;
        } while (cursor != null && items < max);
        return (items, requests);
    }

    public async Task<List<string>> UidsAsync(int count)
    {
        if (_uids == null || _uids.Count < count)
        {
            var uids = new List<string>(count);
            await ListAsync(Math.Min(count, 1000), count, t => uids.Add(t.Uid));
            _uids = uids;
            // One request warms the connection and the JIT; not timed.
            await PutAsync(uids[0]);
        }
        return _uids.GetRange(0, Math.Min(count, _uids.Count));
    }

    public async Task<bool> PutAsync(string uid)
    {
        using var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PutAsync($"{baseUrl}/spaces/{space}/things/{uid}/properties/setpoint", content);
        // Read the answer as the module does (it maps the property values it gets back).
        await using var body = await response.Content.ReadAsStreamAsync();
        using var doc = await JsonDocument.ParseAsync(body);
        return response.IsSuccessStatusCode;
    }
}

/// <summary>A Thing as the API sends it; free-form parts stay JSON.</summary>
public sealed class ThingDto
{
    [JsonPropertyName("uid")] public string Uid { get; set; }
    [JsonPropertyName("id")] public string Id { get; set; }
    [JsonPropertyName("categories")] public string[] Categories { get; set; }
    [JsonPropertyName("title")] public string Title { get; set; }
    [JsonPropertyName("description")] public string Description { get; set; }
    [JsonPropertyName("status")] public Dictionary<string, JsonElement> Status { get; set; }
    [JsonPropertyName("properties")] public Dictionary<string, JsonElement> Properties { get; set; }
    [JsonPropertyName("actions")] public Dictionary<string, JsonElement> Actions { get; set; }
    [JsonPropertyName("events")] public Dictionary<string, JsonElement> Events { get; set; }
    [JsonPropertyName("links")] public JsonElement[] Links { get; set; }
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; set; }
    [JsonPropertyName("modified")] public DateTimeOffset? Modified { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement> Extra { get; set; }
}

public sealed class PagingDto
{
    [JsonPropertyName("next_cursor")] public string NextCursor { get; set; }
}

public sealed class PageDto
{
    [JsonPropertyName("data")] public List<ThingDto> Data { get; set; }
    [JsonPropertyName("paging")] public PagingDto Paging { get; set; }
}

[JsonSerializable(typeof(PageDto))]
internal sealed partial class PlainJson : JsonSerializerContext { }
