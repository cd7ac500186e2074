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
