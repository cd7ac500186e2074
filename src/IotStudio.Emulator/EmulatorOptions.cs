using System.Globalization;

namespace IotStudio.Emulator;

/// <summary>Command-line options, parsed by hand (no configuration binding, so nothing else can leak in).</summary>
public sealed class EmulatorOptions
{
    public static readonly string[] AllScopes = ["category", "model", "thing", "query", "offline"];

    public const string DefaultClientId = "emulator-client";
    public const string DefaultClientSecret = "emulator-secret";
    public const string DefaultToken = "emulator-token";

    public int Port { get; private set; }

    public string UrlFile { get; private set; }

    public List<ClientConfig> Clients { get; } = [];

    public List<string> StaticTokens { get; } = [];

    public int TokenLifetimeSeconds { get; private set; } = 3600;

    public int MaxPageSize { get; private set; } = 1000;

    public int DefaultPageSize { get; private set; } = 50;

    /// <summary>The largest email request body accepted; a larger one gets 413.</summary>
    public int MaxEmailBytes { get; private set; } = DefaultMaxEmailBytes;

    public const int DefaultMaxEmailBytes = 1024 * 1024;

    public string BaseUrl { get; private set; }

    public bool UsingDefaultCredentials { get; private set; }

    /// <summary>Check every JSON answer against the API description; an answer that does not match becomes a 500.</summary>
    public bool Strict { get; private set; }

    /// <summary>A state file: loaded at start when it exists, written at clean shutdown.</summary>
    public string StateFile { get; private set; }

    public const string Usage = """
        IotStudio AnythingDB emulator (local, in-memory; binds to 127.0.0.1 only)

        Usage: iotstudio-emulator [options]     (or: dotnet run --project src/IotStudio.Emulator -- [options])

          --port N                  TCP port on 127.0.0.1 (default 0 = pick a free port)
          --url-file PATH           once listening, write the base URL (e.g. http://127.0.0.1:41234) to PATH
                                    (written atomically: temp file + rename; removed again on clean shutdown)
          --client ID:SECRET[:SCOPES]
                                    an OAuth2 client (repeatable). SCOPES: space- or comma-separated scopes
                                    the client may be granted (default: category model thing query offline).
                                    ID and SECRET cannot contain ':'.
          --token TOKEN             a static bearer token with all scopes that never expires (repeatable)
          --token-lifetime SECONDS  expires_in of issued tokens (default 3600)
          --max-page-size N         largest accepted 'limit' (default 1000)
          --default-page-size N     page size when 'limit' is absent (default 50)
          --max-email-bytes N       largest email request body accepted; larger ones get 413 (default 1048576)
          --base-url URL            public URL used in Thing 'id' fields (default: the listening URL)
          --state FILE              load the emulator's state (spaces, Categories, Models, Things, history,
                                    actions, events, MQTT credentials, outbox) from FILE at start when it
                                    exists, and write it there at clean shutdown (SIGINT/SIGTERM)
          --strict                  check every JSON answer against the response schema the API description
                                    declares for its operation and status; a mismatch answers 500 naming the
                                    schema path (for tests of the emulator itself and of clients)
          -h, --help                show this help

        With neither --client nor --token, the client emulator-client:emulator-secret and the
        static token emulator-token are configured.
        Options may also be written --name=value.
        """;

    /// <summary>Parses <paramref name="args"/>; returns null (and the exit code) for --help or an error.</summary>
    public static EmulatorOptions Parse(string[] args, out int exitCode)
    {
        exitCode = 0;
        var o = new EmulatorOptions();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                string value = null;
                int eq = arg.IndexOf('=');
                if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
                {
                    value = arg[(eq + 1)..];
                    arg = arg[..eq];
                }

                string Next()
                {
                    if (value != null)
                    {
                        return value;
                    }
                    if (i + 1 >= args.Length)
                    {
                        throw new FormatException($"{arg} needs a value");
                    }
                    return args[++i];
                }

                switch (arg)
                {
                    case "-h":
                    case "--help":
                    case "-?":
                        Console.WriteLine(Usage);
                        return null;
                    case "--port":
                        o.Port = Int(arg, Next(), 0, 65535);
                        break;
                    case "--url-file":
                        o.UrlFile = NonEmpty(arg, Next());
                        break;
                    case "--client":
                        o.Clients.Add(ParseClient(Next()));
                        break;
                    case "--token":
                        o.StaticTokens.Add(NonEmpty(arg, Next()));
                        break;
                    case "--token-lifetime":
                        o.TokenLifetimeSeconds = Int(arg, Next(), 1, int.MaxValue);
                        break;
                    case "--max-page-size":
                        o.MaxPageSize = Int(arg, Next(), 1, 1_000_000);
                        break;
                    case "--default-page-size":
                        o.DefaultPageSize = Int(arg, Next(), 1, 1_000_000);
                        break;
                    case "--max-email-bytes":
                        o.MaxEmailBytes = Int(arg, Next(), 1, int.MaxValue);
                        break;
                    case "--state":
                        o.StateFile = NonEmpty(arg, Next());
                        break;
                    case "--strict":
                        if (value != null)
                        {
                            throw new FormatException("--strict takes no value");
                        }
                        o.Strict = true;
                        break;
                    case "--base-url":
                        string url = NonEmpty(arg, Next()).TrimEnd('/');
                        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                        {
                            throw new FormatException("--base-url must be an absolute http(s) URL");
                        }
                        o.BaseUrl = url;
                        break;
                    default:
                        throw new FormatException($"unknown option '{args[i]}'");
                }
            }
            if (o.DefaultPageSize > o.MaxPageSize)
            {
                throw new FormatException("--default-page-size cannot exceed --max-page-size");
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in o.Clients)
            {
                if (!ids.Add(c.Id))
                {
                    throw new FormatException($"client '{c.Id}' given twice");
                }
            }
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            exitCode = 2;
            return null;
        }

        if (o.Clients.Count == 0 && o.StaticTokens.Count == 0)
        {
            o.Clients.Add(new ClientConfig(DefaultClientId, DefaultClientSecret, AllScopes));
            o.StaticTokens.Add(DefaultToken);
            o.UsingDefaultCredentials = true;
        }
        return o;
    }

    private static ClientConfig ParseClient(string text)
    {
        var parts = text.Split(':', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new FormatException("--client must be ID:SECRET[:SCOPES]");
        }
        IReadOnlyList<string> scopes = AllScopes;
        if (parts.Length == 3)
        {
            var list = parts[2].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToArray();
            if (list.Length == 0)
            {
                throw new FormatException($"--client {parts[0]}: empty scope list");
            }
            scopes = list;
        }
        return new ClientConfig(parts[0], parts[1], scopes);
    }

    private static int Int(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            throw new FormatException($"{name} must be an integer between {min} and {max}");
        }
        return v;
    }

    private static string NonEmpty(string name, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"{name} needs a non-empty value");
        }
        return text;
    }
}
