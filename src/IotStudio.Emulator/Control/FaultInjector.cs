using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Control;

public enum FaultKind
{
    None,
    Throttle,
    Fail,
    Drop,
    Html502,
}

public readonly record struct FaultDecision(FaultKind Kind, int Status, string RetryAfter, int LatencyMs);

/// <summary>Fault injection for API requests (/spaces, /oauth2). The fault is decided (and one-shot
/// counters consumed) before any handler runs, so a faulted request changes no state.</summary>
public sealed class FaultInjector
{
    private static readonly string[] Keys = ["every429", "retryAfter", "fail", "latencyMs", "dropNext", "html502Next", "offSpecNext"];

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

    /// <summary>Priority: fail, html502Next, dropNext, every429. Every API request advances the every429 counter.</summary>
    public FaultDecision Decide()
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
            return new FaultDecision(FaultKind.None, 0, null, _latencyMs);
        }
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
