using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace IotStudio.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7: IotStudio.Core and everything it needs from the 'dependencies' folder load here, away from the
    /// default context. Only IotStudio.Core is handed to the default context; RestSharp and System.Text.Json never are.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        private const string EngineAssembly = "IotStudio.Core";

        // Ours always, even when the runtime has a copy: these are the ones that conflict between modules.
        private static readonly HashSet<string> AlwaysIsolated = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            EngineAssembly, "RestSharp", "System.Text.Json", "System.Text.Encodings.Web", "Microsoft.Bcl.AsyncInterfaces", "System.IO.Pipelines",
        };

        private static readonly object Gate = new object();
        private static IsolatedLoadContext s_instance;
        private static string s_directory;
        private static Dictionary<string, string> s_platformAssemblies;

        private readonly string _directory;

        private IsolatedLoadContext(string directory) { _directory = directory; }

        internal static IsolatedLoadContext Instance => s_instance;

        /// <summary>
        /// Only registers the resolver: the context itself, and with it Core, RestSharp and System.Text.Json, comes into
        /// being the first time a cmdlet touches Core (the first connection), never at import.
        /// </summary>
        public static void Register(string directory)
        {
            lock (Gate)
            {
                if (s_instance == null) s_directory = directory;
            }
            Default.Resolving -= ResolveEngine;
            Default.Resolving += ResolveEngine;
        }

        public static void Unregister() => Default.Resolving -= ResolveEngine;

        private static Assembly ResolveEngine(AssemblyLoadContext context, AssemblyName name)
        {
            if (!string.Equals(name.Name, EngineAssembly, StringComparison.OrdinalIgnoreCase)) return null;
            IsolatedLoadContext instance;
            lock (Gate)
            {
                if (s_instance == null && s_directory != null) s_instance = new IsolatedLoadContext(s_directory);
                instance = s_instance;
            }
            return instance?.LoadFromAssemblyName(name);
        }

        protected override Assembly Load(AssemblyName name)
        {
            var path = Path.Combine(_directory, name.Name + ".dll");
            if (!File.Exists(path)) return null;
            // Framework facades we ship for Windows PowerShell (System.Memory, System.Buffers, ...) come from the
            // runtime when it has the same or a newer version: two copies of Span<T> would not mix.
            if (!AlwaysIsolated.Contains(name.Name) && PlatformHasAtLeast(name)) return null;
            return LoadFromAssemblyPath(path);
        }

        private static bool PlatformHasAtLeast(AssemblyName name)
        {
            var platform = PlatformAssemblies();
            if (!platform.TryGetValue(name.Name, out var path)) return false;
            try
            {
                var version = AssemblyName.GetAssemblyName(path).Version;
                return name.Version == null || version >= name.Version;
            }
            catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static Dictionary<string, string> PlatformAssemblies()
        {
            var map = s_platformAssemblies;
            if (map != null) return map;
            map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
            foreach (var file in tpa.Split(Path.PathSeparator))
            {
                if (file.Length == 0) continue;
                map[Path.GetFileNameWithoutExtension(file)] = file;
            }
            return s_platformAssemblies = map;
        }
    }
}
