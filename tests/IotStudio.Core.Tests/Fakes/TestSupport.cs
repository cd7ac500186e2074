using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IotStudio.Auth;
using IotStudio.Http;
using Xunit;

namespace IotStudio.Core.Tests.Fakes
{
    /// <summary>Clients wired to a <see cref="FakeHandler"/>, with retries that never sleep long.</summary>
    public static class TestClients
    {
        public const string ApiUrl = "https://api.example.test";
        public const string Space = "space1";
        public const string Uid = "01GQ2E9M2Y45BX9EW0X3D6QGXQ";
        public const string Uid2 = "01GQ2E9M2Y45BX9EW0X3D6QGXR";
        public const string StaticToken = "static-token-123";
        public const string ClientId = "client-abc";
        public const string ClientSecret = "s3cr&t=+/ x";
        public const string ThingUrlPath = "/spaces/" + Space + "/things/" + Uid;
        public static readonly System.Threading.CancellationToken None = System.Threading.CancellationToken.None;

        public static IotStudioClientOptions Options(Action<IotStudioClientOptions> configure = null)
        {
            var options = new IotStudioClientOptions
            {
                ApiUrl = new Uri(ApiUrl),
                Timeout = TimeSpan.FromSeconds(30),
                Retry = new RetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
            };
            configure?.Invoke(options);
            return options;
        }

        public static IotStudioClient WithToken(FakeHandler handler, Action<IotStudioClientOptions> configure = null, string token = StaticToken) =>
            new IotStudioClient(Options(configure), new AccessTokenCredentials(Secure(token)), handler);

        public static IotStudioClient WithClientCredentials(FakeHandler handler, Action<ClientCredentials> configureCredentials = null,
            Action<IotStudioClientOptions> configure = null, IEnumerable<string> scopes = null)
        {
            var credentials = new ClientCredentials(ClientId, Secure(ClientSecret), scopes);
            configureCredentials?.Invoke(credentials);
            return new IotStudioClient(Options(configure), credentials, handler);
        }

        public static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }

    /// <summary>JSON bodies the fake service answers with.</summary>
    public static class Bodies
    {
        public static string ThingJson(int n) => "{\"uid\":\"" + FakeUid(n) + "\",\"title\":\"t" + n + "\"}";

        /// <summary>A list page holding Things numbered first..first+count-1; nextCursor null leaves it out entirely.</summary>
        public static string ThingPage(int first, int count, string nextCursor, bool includePaging = true)
        {
            var sb = new StringBuilder("{\"data\":[");
            for (var i = 0; i < count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(ThingJson(first + i));
            }
            sb.Append(']');
            if (includePaging)
            {
                sb.Append(",\"paging\":{");
                if (nextCursor != null) sb.Append("\"next_cursor\":").Append(JsonSerializer.Serialize(nextCursor)).Append(',');
                sb.Append("\"previous_cursor\":\"\"}");
            }
            return sb.Append('}').ToString();
        }

        /// <summary>A made-up, distinct 26-char id (not validated on the way in).</summary>
        public static string FakeUid(int n) => "01GQ2E9M2Y45BX9EW0X" + n.ToString("D7");
    }

    /// <summary>Collects what the client reports; a hook may act on each retry notice (e.g. cancel instead of waiting).</summary>
    public sealed class RecordingObserver : IRequestObserver
    {
        private readonly object _gate = new object();
        private readonly List<RequestTrace> _attempts = new List<RequestTrace>();
        private readonly List<RetryNotice> _retries = new List<RetryNotice>();
        private readonly List<string> _tokens = new List<string>();

        public Action<RetryNotice> OnRetryHook { get; set; }

        public IReadOnlyList<RequestTrace> Attempts { get { lock (_gate) return _attempts.ToList(); } }
        public IReadOnlyList<RetryNotice> Retries { get { lock (_gate) return _retries.ToList(); } }
        public IReadOnlyList<string> Tokens { get { lock (_gate) return _tokens.ToList(); } }

        public void OnAttempt(RequestTrace trace) { lock (_gate) _attempts.Add(trace); }
        public void OnRetry(RetryNotice notice)
        {
            lock (_gate) _retries.Add(notice);
            OnRetryHook?.Invoke(notice);
        }
        public void OnToken(string message) { lock (_gate) _tokens.Add(message); }
    }

    public static class GraphAssert
    {
        /// <summary>Fails if a System.Text.Json type is reachable from <paramref name="root"/> (public properties, dictionaries, lists).</summary>
        public static void NoJsonTypes(object root)
        {
            var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
            Walk(root, "$", visited, 0);
        }

        private static void Walk(object value, string path, HashSet<object> visited, int depth)
        {
            if (value == null) return;
            var type = value.GetType();
            Assert.False(type.Namespace != null && type.Namespace.StartsWith("System.Text.Json", StringComparison.Ordinal),
                $"{path} is a {type.FullName}; Core must hand out plain CLR values.");
            if (type.IsPrimitive || value is string || value is decimal || value is DateTimeOffset || value is DateTime || value is Enum) return;
            Assert.True(depth < 100, $"{path} is nested too deep (cycle?)");
            if (!type.IsValueType && !visited.Add(value)) return;
            switch (value)
            {
                case IDictionary dict:
                    foreach (DictionaryEntry e in dict)
                    {
                        Walk(e.Key, path + ".<key>", visited, depth + 1);
                        Walk(e.Value, path + "." + e.Key, visited, depth + 1);
                    }
                    return;
                case IEnumerable seq:
                    var i = 0;
                    foreach (var item in seq) Walk(item, $"{path}[{i++}]", visited, depth + 1);
                    return;
            }
            foreach (var p in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
                Walk(p.GetValue(value), path + "." + p.Name, visited, depth + 1);
        }
    }

    public static class TaskAssert
    {
        /// <summary>A liveness guard, not a speed check: fails only if the task is still running after a generous limit.</summary>
        public static async Task<T> CompletesAsync<T>(Task<T> task, int seconds = 10)
        {
            var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
            Assert.True(done == task, $"The call did not end within {seconds} s.");
            return await task;
        }

        public static async Task CompletesAsync(Task task, int seconds = 10)
        {
            var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
            Assert.True(done == task, $"The call did not end within {seconds} s.");
            await task;
        }
    }
}
