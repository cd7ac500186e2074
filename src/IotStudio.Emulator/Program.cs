using IotStudio.Emulator;
using IotStudio.Emulator.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var options = EmulatorOptions.Parse(args, out int exitCode);
if (options == null)
{
    return exitCode;
}

var app = EmulatorApp.Build(options);
await app.StartAsync();

string listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
listening = listening.Replace("://localhost:", "://127.0.0.1:").TrimEnd('/');
app.Services.GetRequiredService<EmulatorStore>().BaseUrl = options.BaseUrl ?? listening;

if (options.StateFile != null)
{
    // A runbook's test suite starts from a fixture; a manual session is resumed where it stopped.
    var store = app.Services.GetRequiredService<EmulatorStore>();
    var outbox = app.Services.GetRequiredService<EmailOutbox>();
    string stateFile = Path.GetFullPath(options.StateFile);
    if (File.Exists(stateFile))
    {
        try
        {
            var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(stateFile)) as System.Text.Json.Nodes.JsonObject
                ?? throw new InvalidDataException("the file does not hold a JSON object");
            StateSnapshot.Import(store, outbox, state);
            Console.WriteLine($"Loaded the state from {stateFile}.");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or IotStudio.Emulator.Infrastructure.ApiException)
        {
            Console.Error.WriteLine($"error: cannot load the state from {stateFile}: {ex.Message}");
            await app.StopAsync();
            return 2;
        }
    }
    app.Lifetime.ApplicationStopping.Register(() =>
    {
        string temp = stateFile + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, StateSnapshot.Export(store, outbox).ToJsonString());
        File.Move(temp, stateFile, overwrite: true);
        Console.WriteLine($"Saved the state to {stateFile}.");
    });
}

if (options.UsingDefaultCredentials)
{
    Console.WriteLine("No --client or --token given: using the default emulator client and token (see --help).");
}
if (options.UrlFile != null)
{
    string full = Path.GetFullPath(options.UrlFile);
    string temp = full + $".{Environment.ProcessId}.tmp";
    File.WriteAllText(temp, listening);
    File.Move(temp, full, overwrite: true);
    app.Lifetime.ApplicationStopped.Register(() =>
    {
        try
        {
            if (File.Exists(full) && File.ReadAllText(full) == listening)
            {
                File.Delete(full);
            }
        }
        catch (IOException)
        {
            // best effort
        }
    });
}
Console.WriteLine($"IotStudio emulator listening on {listening}");
Console.Out.Flush();

await app.WaitForShutdownAsync();
return 0;
