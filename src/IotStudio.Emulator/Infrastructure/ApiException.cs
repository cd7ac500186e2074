using System.Text.Json.Nodes;

namespace IotStudio.Emulator.Infrastructure;

/// <summary>An API error; thrown anywhere in a handler, written by <see cref="ApiPipeline"/> as
/// <c>{"error":{"status":N,"message":"...","details":{...}}}</c>.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string message, JsonObject details = null) : base(message)
    {
        Status = status;
        Details = details;
    }

    public int Status { get; }

    public JsonObject Details { get; }
}
