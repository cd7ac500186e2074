using System;
using System.IO;
using System.Management.Automation;
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
            // The two paths live in separate classes so that Windows PowerShell never JIT-compiles AssemblyLoadContext code.
            if (IsNetFramework) FrameworkResolver.Register(DependencyDirectory);
            else IsolatedLoadContext.Register(DependencyDirectory);
        }

        /// <summary>Unregisters the resolver when the module is removed.</summary>
        public void OnRemove(PSModuleInfo module)
        {
            if (IsNetFramework) FrameworkResolver.Unregister();
            else IsolatedLoadContext.Unregister();
        }
    }
}
