using System.Text.Json;

namespace IotStudio.Emulator.Control;

/// <summary>The log of API requests (/spaces and /oauth2) in arrival order. Thread-safe, bounded: the oldest
/// entries are forgotten beyond <see cref="MaxEntries"/> entries or <see cref="MaxTotalBodyChars"/> of bodies.</summary>
public sealed class RequestLog
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxEntries = 100_000;
    public const long MaxTotalBodyChars = 64L * 1024 * 1024;

    private readonly object _sync = new();
    private readonly List<RequestLogEntry> _entries = [];
    private long _seq;
    private long _bodyChars;

    public RequestLogEntry Begin(string method, string path, string query, bool auth, string body)
    {
        lock (_sync)
        {
            var e = new RequestLogEntry
            {
                Seq = ++_seq,
                Method = method,
                Path = path,
                Query = query,
                Auth = auth,
                Body = body,
            };
            _entries.Add(e);
            _bodyChars += body?.Length ?? 0;
            if (_entries.Count > MaxEntries || _bodyChars > MaxTotalBodyChars)
            {
                // Forget the oldest tenth (or more, until the bodies fit again).
                int drop = Math.Max(1, _entries.Count / 10);
                while (drop < _entries.Count - 1 && _bodyChars - Sum(0, drop) > MaxTotalBodyChars)
                {
                    drop = Math.Min(_entries.Count - 1, drop * 2);
                }
                long freed = Sum(0, drop);
                _entries.RemoveRange(0, drop);
                _bodyChars -= freed;
            }
            return e;
        }
    }

    private long Sum(int start, int count)
    {
        long n = 0;
        for (int i = start; i < start + count; i++)
        {
            n += _entries[i].Body?.Length ?? 0;
        }
        return n;
    }

    /// <summary>Notes that the answer of <paramref name="entry"/> is about to leave (before its headers are sent).</summary>
    public void Answering(RequestLogEntry entry)
    {
        lock (_sync)
        {
            entry.EndSeq ??= _seq;
        }
    }

    public void Complete(RequestLogEntry entry, int status)
    {
        lock (_sync)
        {
            entry.Status = status;
            entry.EndSeq ??= _seq;
        }
    }

    /// <summary>Removes all entries; numbering restarts at 1. Returns how many were removed.</summary>
    public int Clear()
    {
        lock (_sync)
        {
            int n = _entries.Count;
            _entries.Clear();
            _seq = 0;
            _bodyChars = 0;
            return n;
        }
    }

    /// <summary><c>{"data":[entries with seq &gt; since]}</c>.</summary>
    public byte[] ToJson(long since)
    {
        lock (_sync)
        {
            return Infrastructure.JsonOut.Build(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("data");
                w.WriteStartArray();
                foreach (var e in _entries)
                {
                    if (e.Seq <= since)
                    {
                        continue;
                    }
                    WriteEntry(w, e);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    private static void WriteEntry(Utf8JsonWriter w, RequestLogEntry e)
    {
        w.WriteStartObject();
        w.WriteNumber("seq", e.Seq);
        w.WriteString("method", e.Method);
        w.WriteString("path", e.Path);
        w.WriteString("query", e.Query);
        w.WriteBoolean("auth", e.Auth);
        if (e.Status is int s)
        {
            w.WriteNumber("status", s);
        }
        else
        {
            w.WriteNull("status");
        }
        if (e.Body != null)
        {
            w.WriteString("body", e.Body);
        }
        else
        {
            w.WriteNull("body");
        }
        if (e.EndSeq is long end)
        {
            w.WriteNumber("endSeq", end);
        }
        else
        {
            w.WriteNull("endSeq");
        }
        w.WriteEndObject();
    }
}
