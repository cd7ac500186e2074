namespace IotStudio.Emulator.Store;

/// <summary>A query cursor: the results not yet handed out (as JSON), read batch by batch until none are left or its
/// time to live runs out between two reads. Use under the owning <see cref="SpaceData.Sync"/> lock.</summary>
public sealed class QueryCursor
{
    public string Id { get; init; }

    public List<byte[]> Results { get; init; }

    public int Position { get; set; }

    public int BatchSize { get; init; }

    /// <summary>The total of the query's results, when the request asked to count them.</summary>
    public long? Count { get; init; }

    public TimeSpan TimeToLive { get; init; }

    public DateTime ExpiresAt { get; set; }

    public bool HasMore => Position < Results.Count;

    /// <summary>The next batch; renews the time to live.</summary>
    public List<byte[]> NextBatch(DateTime now)
    {
        int n = Math.Min(BatchSize, Results.Count - Position);
        var batch = Results.GetRange(Position, n);
        Position += n;
        ExpiresAt = now + TimeToLive;
        return batch;
    }
}
