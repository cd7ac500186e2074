using System.Net;
using IotStudio.Emulator;
using IotStudio.Emulator.Auth;
using IotStudio.Emulator.Control;
using IotStudio.Emulator.Endpoints;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var options = EmulatorOptions.Parse(args, out int exitCode);
if (options == null)
{
    return exitCode;
}

// Our own arguments are not configuration: hand the host none of them.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(IPAddress.Loopback, options.Port);
    k.AddServerHeader = false;
});

var store = new EmulatorStore();
var tokens = new TokenStore(options);
var log = new RequestLog();
var faults = new FaultInjector();

var app = builder.Build();
app.Use(new ApiPipeline(log, faults, tokens).InvokeAsync);
app.UseRouting();

new OAuthEndpoints(tokens).Map(app);
new CategoryEndpoints(store, options).Map(app);
new ModelEndpoints(store, options).Map(app);
new ThingEndpoints(store, options).Map(app);
new ThingPatchEndpoints(store).Map(app);
new PropertyEndpoints(store).Map(app);
new ControlEndpoints(store, log, faults, tokens).Map(app);
// Unknown /spaces routes: ApiPipeline turns the bare 404 into an API error body.

await app.StartAsync();

string listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
listening = listening.Replace("://localhost:", "://127.0.0.1:").TrimEnd('/');
store.BaseUrl = options.BaseUrl ?? listening;

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
