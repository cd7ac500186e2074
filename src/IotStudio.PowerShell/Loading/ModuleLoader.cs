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
        private static void RegisterLoadContext() => IsolatedLoadContext.Register(DependencyDirectory);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnregisterLoadContext() => IsolatedLoadContext.Unregister();
    }
}
