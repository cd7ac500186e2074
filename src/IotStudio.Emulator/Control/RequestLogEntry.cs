namespace IotStudio.Emulator.Control;

public sealed class RequestLogEntry
{
    public long Seq { get; init; }

    public string Method { get; init; }

    public string Path { get; init; }

    public string Query { get; init; }

    public bool Auth { get; init; }

    /// <summary>Null while the request is still being handled; 0 when the connection was dropped.</summary>
    public int? Status { get; set; }

    public string Body { get; init; }

    /// <summary>The seq of the last request that had arrived when this one's answer began; null while it runs.</summary>
    public long? EndSeq { get; set; }
}
