using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IotStudio.PowerShell.Loading
{
    /// <summary>
    /// Runs when the module is imported: routes IotStudio.Core (and through it RestSharp and System.Text.Json)
    /// to the module's private 'dependencies' folder, so another module's copies neither break nor are broken by ours.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location);
        internal static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");

        /// <summary>
        /// Where Core and RestSharp load from: on .NET 8 or later (PowerShell 7.4+) their net8.0 builds, which use the
        /// runtime's precompiled System.Text.Json; elsewhere the netstandard2.0 builds with System.Text.Json 10 beside them.
        /// </summary>
        internal static string RuntimeDependencyDirectory
        {
            get
            {
                if (!IsNetFramework && Environment.Version.Major >= 8)
                {
                    var modern = Path.Combine(DependencyDirectory, "net8.0");
                    if (File.Exists(Path.Combine(modern, "IotStudio.Core.dll"))) return modern;
                }
                return DependencyDirectory;
            }
        }

        internal static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>Registers the resolver before any Core type is touched.</summary>
        public void OnImport()
        {
            if (IsNetFramework) FrameworkResolver.Register(DependencyDirectory);
            else RegisterLoadContext();
        }

        /// <summary>Unregisters the resolver when the module is removed.</summary>
        public void OnRemove(PSModuleInfo module)
        {
            if (IsNetFramework) FrameworkResolver.Unregister();
            else UnregisterLoadContext();
        }

        // Never inlined: compiling OnImport must not load AssemblyLoadContext, which .NET Framework does not have.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterLoadContext() => IsolatedLoadContext.Register(RuntimeDependencyDirectory);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnregisterLoadContext() => IsolatedLoadContext.Unregister();
    }
}
