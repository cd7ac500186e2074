using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace Net8Probe
{
    /// <summary>
    /// Usage: Net8Probe &lt;module folder (out/IotStudio)&gt; &lt;emulator url&gt;.
    /// Prints key=value lines and exits 0; any failure prints the exception and exits 1.
    /// </summary>
    internal static class Program
    {
        private const string Space = "test";
        private const string Token = "static-test-token";
        // A well-formed ULID the emulator has never seen.
        private const string UnknownUid = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

        private static int Main(string[] args)
        {
            try
            {
                if (args.Length < 2 || args.Length > 3) throw new ArgumentException("Usage: Net8Probe <module folder> <emulator url> [dependencies subfolder]");
                Run(Path.GetFullPath(args[0]), new Uri(args[1]), args.Length > 2 ? args[2] : "dependencies");
                return 0;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("probe failed: " + ex);
                Console.Out.Flush();
                return 1;
            }
        }

        private static void Run(string moduleDir, Uri url, string dependencies)
        {
            Console.WriteLine("framework=" + RuntimeInformation.FrameworkDescription);

            // 1. The module's isolation, exactly as ModuleLoader.OnImport registers it on PowerShell 7; only the
            //    internal IsolatedLoadContext is touched, nothing that needs System.Management.Automation.
            var module = Assembly.LoadFrom(Path.Combine(moduleDir, "IotStudio.PowerShell.dll"));
            var isolatedType = module.GetType("IotStudio.PowerShell.Loading.IsolatedLoadContext", throwOnError: true);
            var register = isolatedType.GetMethod("Register", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, null, new[] { typeof(string) }, null)
                ?? throw new MissingMethodException(isolatedType.FullName, "Register");
            register.Invoke(null, new object[] { Path.Combine(moduleDir, dependencies) });

            // 2. IotStudio.Core asked for by name through the default context: only the Resolving handler can find it.
            var core = Assembly.Load(new AssemblyName("IotStudio.Core"));
            var coreAlc = AssemblyLoadContext.GetLoadContext(core);

            var optionsType = core.GetType("IotStudio.Http.IotStudioClientOptions", throwOnError: true);
            var clientType = core.GetType("IotStudio.Http.IotStudioClient", throwOnError: true);
            var tokenType = core.GetType("IotStudio.Auth.AccessTokenCredentials", throwOnError: true);

            var options = Activator.CreateInstance(optionsType);
            optionsType.GetProperty("ApiUrl").SetValue(options, url);
            var credentials = Activator.CreateInstance(tokenType, Secure(Token));
            var ctor = clientType.GetConstructors().Single(c => c.GetParameters().Length == 3);
            var client = (IDisposable)ctor.Invoke(new[] { options, credentials, null });
            try
            {
                var things = clientType.GetProperty("Things").GetValue(client);
                var thingsType = things.GetType();

                // Paging: RestSharp sends, System.Text.Json parses pages and cursors, models come back.
                var pager = thingsType.GetMethod("List").Invoke(things, new object[] { Space, null, 50, null });
                var enumerate = pager.GetType().Assembly.GetType("IotStudio.Paging.PagerExtensions").GetMethod("Enumerate")
                    .MakeGenericMethod(pager.GetType().GetGenericArguments()[0]);
                var items = (IEnumerable)enumerate.Invoke(null, new object[] { pager, CancellationToken.None });
                var count = 0;
                foreach (var thing in items)
                {
                    if (count == 0)
                    {
                        var t = thing.GetType();
                        Console.WriteLine("thing.type=" + t.FullName);
                        Console.WriteLine("thing.uid=" + t.GetProperty("Uid").GetValue(thing));
                        Console.WriteLine("thing.title=" + t.GetProperty("Title").GetValue(thing));
                    }
                    count++;
                }
                Console.WriteLine("things=" + count);

                // A JSON body: writing it (non-ASCII text included) loads the encoder assemblies on .NET 8 too.
                var categories = clientType.GetProperty("Categories").GetValue(client);
                const string description = "Température \u2713 <ok>";
                var create = categories.GetType().GetMethod("CreateAsync");
                var created = (Task)create.Invoke(categories, new object[] { Space, "net8probe", description, null, null, CancellationToken.None });
                created.GetAwaiter().GetResult();
                var category = created.GetType().GetProperty("Result").GetValue(created);
                var createdDescription = (string)category.GetType().GetProperty("Description").GetValue(category);
                Console.WriteLine("created=" + category.GetType().GetProperty("Name").GetValue(category));
                Console.WriteLine("created.roundtrip=" + (createdDescription == description));

                // An error answer: the API's error JSON is parsed into IotStudioApiException.
                var get = thingsType.GetMethod("GetAsync");
                try
                {
                    var thingPath = Activator.CreateInstance(core.GetType("IotStudio.Api.ThingPath", true), Space, UnknownUid, null);
                    var task = (Task)get.Invoke(things, new object[] { thingPath, CancellationToken.None });
                    task.GetAwaiter().GetResult();
                    Console.WriteLine("error=none");
                }
                catch (Exception ex) when (ex.GetType().Assembly == core)
                {
                    var status = ex.GetType().GetProperty("StatusCode").GetValue(ex);
                    var apiMessage = ex.GetType().GetProperty("ApiMessage")?.GetValue(ex);
                    Console.WriteLine("error=" + ex.GetType().FullName + ":" + status);
                    Console.WriteLine("error.message=" + apiMessage);
                }
            }
            finally
            {
                client.Dispose();
            }

            // 3. Where everything came from.
            // The netstandard2.0 build brings System.Text.Json 10 into the module's context; the net8.0 build binds to the
            // runtime's own copy in the default context.
            var stjIsolated = coreAlc.Assemblies.FirstOrDefault(a => a.GetName().Name == "System.Text.Json");
            var stjName = core.GetReferencedAssemblies().First(a => a.Name == "System.Text.Json");
            var stjUsed = coreAlc.LoadFromAssemblyName(stjName);
            var restSharp = coreAlc.Assemblies.FirstOrDefault(a => a.GetName().Name == "RestSharp")
                ?? throw new InvalidOperationException("RestSharp was not loaded into IotStudio.Core's context.");
            var stjDefault = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("System.Text.Json"))
                .GetType("System.Text.Json.JsonSerializer", throwOnError: true).Assembly;

            Console.WriteLine("core.path=" + core.Location);
            Console.WriteLine("stj.isolated=" + (stjIsolated?.GetName().Version.ToString() ?? "none"));
            Console.WriteLine("stj.isolated.path=" + stjIsolated?.Location);
            Console.WriteLine("stj.used=" + stjUsed.GetName().Version);
            Console.WriteLine("stj.used.alc=" + (AssemblyLoadContext.GetLoadContext(stjUsed) == AssemblyLoadContext.Default ? "default" : AssemblyLoadContext.GetLoadContext(stjUsed).GetType().FullName));
            Console.WriteLine("stj.default=" + stjDefault.GetName().Version);
            Console.WriteLine("stj.default.path=" + stjDefault.Location);
            Console.WriteLine("restsharp.version=" + restSharp.GetName().Version);
            Console.WriteLine("restsharp.alc=" + AssemblyLoadContext.GetLoadContext(restSharp).GetType().FullName);
            Console.WriteLine("core.alc=" + coreAlc.GetType().FullName);
            if (stjIsolated != null) Console.WriteLine("stj.isolated.alc=" + AssemblyLoadContext.GetLoadContext(stjIsolated).GetType().FullName);
            Console.WriteLine("restsharp.default.count=" + AssemblyLoadContext.Default.Assemblies.Count(a => a.GetName().Name == "RestSharp"));
            foreach (var a in coreAlc.Assemblies.OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
                Console.WriteLine("isolated.assembly=" + a.GetName().Name + " " + a.GetName().Version);
        }

        private static SecureString Secure(string value)
        {
            var s = new SecureString();
            foreach (var c in value) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }
}
