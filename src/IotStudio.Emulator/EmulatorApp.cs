using System.Net;
using IotStudio.Emulator.Auth;
using IotStudio.Emulator.Contract;
using IotStudio.Emulator.Control;
using IotStudio.Emulator.Endpoints;
using IotStudio.Emulator.Infrastructure;
using IotStudio.Emulator.Store;

namespace IotStudio.Emulator;

/// <summary>The emulator as an application: the host, the middleware and every route, in one place. Program.cs
/// starts it; tests build it in-process to read the endpoint table or to serve requests on a free port.</summary>
public static class EmulatorApp
{
    /// <summary>Builds the application with all routes mapped, listening (once started) on 127.0.0.1:<c>options.Port</c>.
    /// The <see cref="EmulatorStore"/>, <see cref="TokenStore"/>, <see cref="RequestLog"/>, <see cref="FaultInjector"/>
    /// and <see cref="EmailOutbox"/> are in its services.</summary>
    public static WebApplication Build(EmulatorOptions options)
    {
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
        var outbox = new EmailOutbox();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(outbox);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(faults);

        var app = builder.Build();
        if (options.Strict)
        {
            app.Use(new StrictResponses(ApiContract.Current, faults).InvokeAsync);
        }
        app.Use(new ApiPipeline(log, faults, tokens).InvokeAsync);
        app.UseRouting();

        new OAuthEndpoints(tokens).Map(app);
        new CategoryEndpoints(store, options).Map(app);
        new ModelEndpoints(store, options).Map(app);
        new ThingEndpoints(store, options).Map(app);
        new ThingPatchEndpoints(store).Map(app);
        new ThingSecretEndpoints(store).Map(app);
        new PropertyEndpoints(store).Map(app);
        new PropertyHistoryEndpoints(store, options).Map(app);
        new ActionEndpoints(store, options).Map(app);
        new EventEndpoints(store, options).Map(app);
        new QueryEndpoints(store).Map(app);
        new MqttCredentialEndpoints(store).Map(app);
        new EmailEndpoints(outbox, options).Map(app);
        new ControlEndpoints(store, log, faults, tokens, outbox).Map(app);
        // Unknown /spaces routes: ApiPipeline turns the bare 404 into an API error body.
        return app;
    }
}
