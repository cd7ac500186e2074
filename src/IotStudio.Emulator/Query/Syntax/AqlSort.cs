namespace IotStudio.Emulator.Query;

/// <summary><c>SORT key [ASC|DESC], ...</c>.</summary>
public sealed record AqlSort(IReadOnlyList<AqlSortKey> Keys) : AqlOperation;
