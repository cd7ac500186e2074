using System;
using System.IO;
using System.Reflection;

namespace IotStudio.PowerShell.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has one load context per process, so full isolation is not possible.
    /// This resolves our dependencies from the 'dependencies' folder whatever version was asked for (a binding
    /// redirect in effect), and only for names we ship, so other modules' resolution is left alone.
    /// </summary>
    internal static class FrameworkResolver
    {
        private static string s_directory;

        public static void Register(string directory)
        {
            s_directory = directory;
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public static void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var path = Path.Combine(s_directory, name.Name + ".dll");
            if (!File.Exists(path)) return null;
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (!loaded.IsDynamic && string.Equals(loaded.Location, path, StringComparison.OrdinalIgnoreCase)) return loaded;
            }
            return Assembly.LoadFrom(path);
        }
    }
}
