using System;
using System.Collections.Generic;
using System.Linq;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>The spaces this session has worked in (connections and -Space), offered by the -Space completer.</summary>
    internal static class SeenSpaces
    {
        private const int Most = 200;
        private static readonly HashSet<string> Spaces = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Remembers a space.</summary>
        public static void Add(string space)
        {
            if (string.IsNullOrEmpty(space)) return;
            lock (Spaces)
            {
                if (Spaces.Count < Most) Spaces.Add(space);
            }
        }

        /// <summary>Every space seen so far.</summary>
        public static IReadOnlyList<string> All()
        {
            lock (Spaces) return Spaces.ToArray();
        }
    }
}
