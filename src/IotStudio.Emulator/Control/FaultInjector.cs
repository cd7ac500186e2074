using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Control;

/// <summary>Fault injection for API requests (/spaces, /oauth2). The fault is decided (and one-shot
/// counters consumed) before any handler runs, so a faulted request changes no state.</summary>
public sealed class FaultInjector
{
    private static readonly string[] Keys = ["every429", "retryAfter", "fail", "latencyMs", "dropNext", "html502Next", "offSpecNext", "rateLimit"];

    private readonly object _sync = new();
    private int _every429;
    private string _retryAfter;
    private long _counter;
    private int _failStatus;
    private int _failCount;
    private string _failRetryAfter;
    private int _latencyMs;
    private int _dropNext;
    private int _html502Next;
    private int _offSpecNext;
    private int _rateLimit;
    // Per client (its Authorization header): when its current one-second window began (Stopwatch ticks) and how many
    // requests the window has let through.
    private readonly Dictionary<string, (long Start, int Count)> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// True (and one count consumed) when the next JSON answer should be bent out of the API description, so that
    /// the strict mode shows it catches a wrong answer. Only the strict mode consults it.
    /// </summary>
    public bool TakeOffSpec()
    {
        lock (_sync)
        {
            if (_offSpecNext <= 0)
            {
                return false;
            }
            _offSpecNext--;
            return true;
        }
    }

    /// <summary>Priority: fail, html502Next, dropNext, every429, rateLimit. Every API request advances the every429
    /// counter; only the /spaces requests a fault leaves alone count against <paramref name="client"/>'s rate limit.</summary>
    public FaultDecision Decide(string client = null, bool spaces = false)
    {
        lock (_sync)
        {
            bool throttle = false;
            if (_every429 > 0)
            {
                _counter++;
                throttle = _counter % _every429 == 0;
            }
            if (_failCount > 0)
            {
                _failCount--;
                return new FaultDecision(FaultKind.Fail, _failStatus, _failRetryAfter, _latencyMs);
            }
            if (_html502Next > 0)
            {
                _html502Next--;
                return new FaultDecision(FaultKind.Html502, 502, null, _latencyMs);
            }
            if (_dropNext > 0)
            {
                _dropNext--;
                return new FaultDecision(FaultKind.Drop, 0, null, _latencyMs);
            }
            if (throttle)
            {
                return new FaultDecision(FaultKind.Throttle, 429, _retryAfter, _latencyMs);
            }
            if (_rateLimit > 0 && spaces && !WithinRateLimit(client ?? ""))
            {
                return new FaultDecision(FaultKind.RateLimit, 429, "1", _latencyMs);
            }
            return new FaultDecision(FaultKind.None, 0, null, _latencyMs);
        }
    }

    /// <summary>The rate limit: each client gets <c>rateLimit</c> requests in a one-second window that opens with its
    /// first request; the rest of the window is refused. Caller holds the lock.</summary>
    private bool WithinRateLimit(string client)
    {
        long now = Stopwatch.GetTimestamp();
        if (!_windows.TryGetValue(client, out var window) || now - window.Start >= Stopwatch.Frequency)
        {
            window = (now, 0);
        }
        if (window.Count >= _rateLimit)
        {
            _windows[client] = window;
            return false;
        }
        _windows[client] = (window.Start, window.Count + 1);
        return true;
    }

    /// <summary>Merges a settings object into the current state; validates everything first (400 on error).</summary>
    public void Merge(JsonObject body)
    {
        foreach (var kv in body)
        {
            if (!Keys.Contains(kv.Key))
            {
                throw ApiErrors.BadRequest($"unknown fault setting '{kv.Key}'", new JsonObject { ["known"] = new JsonArray(Keys.Select(k => (JsonNode)k).ToArray()) });
            }
        }
        int? every429 = body.ContainsKey("every429") ? Count(body["every429"], "every429") : null;
        string retryAfter = body.ContainsKey("retryAfter") ? RetryAfter(body["retryAfter"], "retryAfter") : null;
        int? latency = body.ContainsKey("latencyMs") ? Count(body["latencyMs"], "latencyMs") : null;
        int? drop = body.ContainsKey("dropNext") ? Count(body["dropNext"], "dropNext") : null;
        int? html = body.ContainsKey("html502Next") ? Count(body["html502Next"], "html502Next") : null;
        int? offSpec = body.ContainsKey("offSpecNext") ? Count(body["offSpecNext"], "offSpecNext") : null;
        int? rateLimit = body.ContainsKey("rateLimit") ? Count(body["rateLimit"], "rateLimit") : null;
        (int Status, int Count, string RetryAfter)? fail = null;
        bool failGiven = body.TryGetPropertyValue("fail", out var failNode);
        if (failGiven && failNode != null)
        {
            if (failNode is not JsonObject f)
            {
                throw ApiErrors.BadRequest("fail must be an object {status, count, retryAfter} or null");
            }
            int status = (f.ContainsKey("status") ? Count(f["status"], "fail.status") : null) ?? 503;
            if (status < 400 || status > 599)
            {
                throw ApiErrors.BadRequest("fail.status must be between 400 and 599");
            }
            int count = (f.ContainsKey("count") ? Count(f["count"], "fail.count") : null) ?? 1;
            fail = (status, count, f.ContainsKey("retryAfter") ? RetryAfter(f["retryAfter"], "fail.retryAfter") : null);
        }

        lock (_sync)
        {
            if (body.ContainsKey("every429"))
            {
                _every429 = every429 ?? 0;
                _counter = 0;
            }
            if (body.ContainsKey("retryAfter"))
            {
                _retryAfter = retryAfter;
            }
            if (body.ContainsKey("latencyMs"))
            {
                _latencyMs = latency ?? 0;
            }
            if (body.ContainsKey("dropNext"))
            {
                _dropNext = drop ?? 0;
            }
            if (body.ContainsKey("html502Next"))
            {
                _html502Next = html ?? 0;
            }
            if (body.ContainsKey("offSpecNext"))
            {
                _offSpecNext = offSpec ?? 0;
            }
            if (failGiven)
            {
                (_failStatus, _failCount, _failRetryAfter) = fail ?? (0, 0, null);
            }
            if (body.ContainsKey("rateLimit"))
            {
                _rateLimit = rateLimit ?? 0;
                _windows.Clear();
            }
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _every429 = 0;
            _retryAfter = null;
            _counter = 0;
            _failStatus = 0;
            _failCount = 0;
            _failRetryAfter = null;
            _latencyMs = 0;
            _dropNext = 0;
            _html502Next = 0;
            _offSpecNext = 0;
            _rateLimit = 0;
            _windows.Clear();
        }
    }

    /// <summary>The current settings as JSON (same keys as accepted by POST /_emulator/faults).</summary>
    public byte[] Describe()
    {
        lock (_sync)
        {
            return JsonOut.Build(w =>
            {
                w.WriteStartObject();
                if (_every429 > 0)
                {
                    w.WriteNumber("every429", _every429);
                }
                else
                {
                    w.WriteNull("every429");
                }
                WriteNullable(w, "retryAfter", _retryAfter);
                if (_failCount > 0)
                {
                    w.WritePropertyName("fail");
                    w.WriteStartObject();
                    w.WriteNumber("status", _failStatus);
                    w.WriteNumber("count", _failCount);
                    WriteNullable(w, "retryAfter", _failRetryAfter);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("fail");
                }
                w.WriteNumber("latencyMs", _latencyMs);
                w.WriteNumber("dropNext", _dropNext);
                w.WriteNumber("html502Next", _html502Next);
                w.WriteNumber("offSpecNext", _offSpecNext);
                if (_rateLimit > 0)
                {
                    w.WriteNumber("rateLimit", _rateLimit);
                }
                else
                {
                    w.WriteNull("rateLimit");
                }
                w.WriteEndObject();
            });
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string value)
    {
        if (value == null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static int? Count(JsonNode node, string name)
    {
        if (node == null)
        {
            return null;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && int.TryParse(v.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return n;
        }
        throw ApiErrors.BadRequest($"{name} must be a non-negative integer or null");
    }

    private static string RetryAfter(JsonNode node, string name)
    {
        if (node == null)
        {
            return null;
        }
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.String:
                    return v.GetValue<string>();
                case JsonValueKind.Number:
                    return v.ToJsonString();
            }
        }
        throw ApiErrors.BadRequest($"{name} must be a string (seconds or an HTTP date), a number or null");
    }
}
