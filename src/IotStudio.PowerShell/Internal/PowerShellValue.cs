using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Turns the plain values Core parses from JSON (ordered dictionaries, lists, long, decimal, double, string, bool)
    /// into what pipes best in PowerShell: objects become PSCustomObjects, lists become arrays, scalars stay as they are.
    /// </summary>
    internal static class PowerShellValue
    {
        public static object From(object value)
        {
            switch (value)
            {
                case null:
                case string _:
                    return value;
                case IDictionary dict:
                    return ToObject(dict, From);
                case IList list:
                    var array = new object[list.Count];
                    for (var i = 0; i < array.Length; i++) array[i] = From(list[i]);
                    return array;
                default:
                    return value;
            }
        }

        /// <summary>
        /// A JSON object as a PSCustomObject, each value through <paramref name="convert"/>. Property names must be
        /// non-empty and unique ignoring case: an object that breaks that (a "" key, or "a" next to "A") stays the
        /// dictionary it is, so that no member is lost.
        /// </summary>
        internal static object ToObject(IDictionary dict, Func<object, object> convert)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in dict.Keys)
            {
                var name = Convert.ToString(key, CultureInfo.InvariantCulture);
                if (string.IsNullOrEmpty(name) || !names.Add(name)) return dict;
            }
            var pso = new PSObject();
            foreach (DictionaryEntry kv in dict)
                pso.Properties.Add(new PSNoteProperty(Convert.ToString(kv.Key, CultureInfo.InvariantCulture), convert(kv.Value)));
            return pso;
        }
    }
}
