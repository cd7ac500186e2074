using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace IotStudio.PowerShell
{
    /// <summary>The default connection, one per runspace: a Connect-IotStudio in one runspace leaves the others alone.</summary>
    internal static class ConnectionStore
    {
        private sealed class Slot { public IotStudioConnection Connection; }

        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        public static IotStudioConnection Default
        {
            get
            {
                var rs = Runspace.DefaultRunspace;
                return rs != null && Slots.TryGetValue(rs, out var slot) ? slot.Connection : null;
            }
            set
            {
                var rs = Runspace.DefaultRunspace;
                if (rs == null) return;
                Slots.GetOrCreateValue(rs).Connection = value;
            }
        }
    }
}
