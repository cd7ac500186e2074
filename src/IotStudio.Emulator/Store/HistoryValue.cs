using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Store;

/// <summary>One value of a Thing's properties history.</summary>
public readonly record struct HistoryValue(long Ticks, string Name, JsonNode Value);
