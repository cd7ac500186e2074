using System.Text.Json.Nodes;
using IotStudio.Emulator.Infrastructure;

namespace IotStudio.Emulator.Store;

/// <summary>The emails the emulator accepted, oldest first, for tests and users to read and clear through
/// <c>/_emulator/outbox</c>. Nothing is ever delivered. Thread-safe, bounded to <see cref="MaxMessages"/> (the oldest go).</summary>
public sealed class EmailOutbox
{
    public const int MaxMessages = 10_000;

    private readonly object _sync = new();
    private readonly List<JsonObject> _messages = [];

    /// <summary>Keeps a message: the accepted request body, with its space, a ULID id, the receive time and its size.</summary>
    public void Add(string space, JsonObject email, int size)
    {
        var message = new JsonObject
        {
            ["id"] = Ulid.NewUlid(),
            ["space"] = space,
            ["received"] = JsonOut.Timestamp(JsonOut.Now()),
            ["size"] = size,
        };
        foreach (var (key, value) in email)
        {
            message[key] = value?.DeepClone();
        }
        lock (_sync)
        {
            _messages.Add(message);
            if (_messages.Count > MaxMessages)
            {
                _messages.RemoveRange(0, _messages.Count - MaxMessages);
            }
        }
    }

    /// <summary><c>{"data": [...]}</c>, oldest first; only one space's when <paramref name="space"/> is given.</summary>
    public JsonObject ToJson(string space)
    {
        var data = new JsonArray();
        lock (_sync)
        {
            foreach (var m in _messages)
            {
                if (space == null || (string)m["space"] == space)
                {
                    data.Add(m.DeepClone());
                }
            }
        }
        return new JsonObject { ["data"] = data };
    }

    /// <summary>Keeps a message exactly as an exported state holds it (id, space, received, size and the email).</summary>
    public void Restore(JsonObject message)
    {
        lock (_sync)
        {
            _messages.Add(message);
        }
    }

    /// <summary>Forgets every message; returns how many there were.</summary>
    public int Clear()
    {
        lock (_sync)
        {
            int n = _messages.Count;
            _messages.Clear();
            return n;
        }
    }
}
