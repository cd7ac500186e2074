namespace IotStudio.Emulator.Store;

/// <summary>An action request or an event occurrence: a ULID and the affordance name it belongs to.</summary>
public interface IActivityRecord
{
    string Id { get; }

    string Name { get; }
}
