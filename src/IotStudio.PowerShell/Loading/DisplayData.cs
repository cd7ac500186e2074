using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace IotStudio.PowerShell.Loading
{
    /// <summary>
    /// The module's table views and type data (IotStudio.format.ps1xml, IotStudio.types.ps1xml), loaded into a runspace
    /// the first time one of its cmdlets needs a connection there, not when the module is imported: FormatsToProcess and
    /// TypesToProcess made every Import-Module rebuild the session's format and type tables, a quarter of what the
    /// import cost. No IotStudio object exists in a runspace before one of these cmdlets has run there, so none is
    /// ever shown without its view.
    /// </summary>
    internal static class DisplayData
    {
        private static readonly ConditionalWeakTable<Runspace, object> Loaded = new ConditionalWeakTable<Runspace, object>();
        private static readonly object Marker = new object();

        /// <summary>Loads the views and type data into the current runspace once.</summary>
        public static void EnsureLoaded(PSCmdlet cmdlet)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            lock (Loaded)
            {
                if (Loaded.TryGetValue(runspace, out _)) return;
                Loaded.Add(runspace, Marker);
            }
            var types = Path.Combine(ModuleLoader.ModuleDirectory, "IotStudio.types.ps1xml");
            var formats = Path.Combine(ModuleLoader.ModuleDirectory, "IotStudio.format.ps1xml");
            // Ignore: a session that already holds this data (an older copy imported with TypesToProcess) keeps it.
            cmdlet.InvokeCommand.InvokeScript(
                "param($types, $formats) Update-TypeData -AppendPath $types -ErrorAction Ignore; Update-FormatData -AppendPath $formats -ErrorAction Ignore",
                false, PipelineResultTypes.None, null, types, formats);
        }
    }
}
