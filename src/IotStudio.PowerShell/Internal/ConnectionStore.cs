using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// The default connection, one per runspace: a Connect-IotStudio in one runspace leaves the others alone. Each runspace
    /// also knows every open connection made or used as default in it (Get-IotStudioConnection -ListAvailable).
    /// </summary>
    internal static class ConnectionStore
    {
        private sealed class Slot
        {
            public IotStudioConnection Connection;
            public readonly List<IotStudioConnection> Known = new List<IotStudioConnection>();
        }

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
                if (value != null) Register(value);
            }
        }

        /// <summary>Remembers a connection in this runspace; closed ones are forgotten on the way.</summary>
        public static void Register(IotStudioConnection connection)
        {
            var rs = Runspace.DefaultRunspace;
            if (connection == null) return;
            Completion.SeenSpaces.Add(connection.Space);
            if (rs == null) return;
            var known = Slots.GetOrCreateValue(rs).Known;
            lock (known)
            {
                known.RemoveAll(c => !c.IsConnected);
                if (!known.Contains(connection)) known.Add(connection);
            }
        }

        /// <summary>The open connections of this runspace, oldest first.</summary>
        public static IReadOnlyList<IotStudioConnection> Available()
        {
            var rs = Runspace.DefaultRunspace;
            if (rs == null || !Slots.TryGetValue(rs, out var slot)) return new IotStudioConnection[0];
            lock (slot.Known)
            {
                slot.Known.RemoveAll(c => !c.IsConnected);
                return slot.Known.ToArray();
            }
        }
    }
}
