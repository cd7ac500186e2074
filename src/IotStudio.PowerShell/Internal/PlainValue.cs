using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Security;

namespace IotStudio.PowerShell
{
    /// <summary>Turns PowerShell values (PSObject, hashtables, PSCustomObject, arrays) into plain CLR values for Core's JSON writer.</summary>
    internal static class PlainValue
    {
        public static object From(object value, int depth = 0)
        {
            if (depth > 64) throw new ArgumentException(Strings.ValueTooDeep);
            if (value == null) return null;
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject) return FromProperties(pso, depth);
                value = pso.BaseObject;
            }
            switch (value)
            {
                case string _:
                case bool _:
                case char _:
                case DateTime _:
                case DateTimeOffset _:
                case Guid _:
                case Uri _:
                    return value;
                case SecureString _:
                    throw new ArgumentException(Strings.SecureStringValue);
                case Enum e:
                    return e.ToString();
                case IDictionary dict:
                    var map = new OrderedDictionary();
                    foreach (DictionaryEntry kv in dict) map[Convert.ToString(kv.Key, System.Globalization.CultureInfo.InvariantCulture)] = From(kv.Value, depth + 1);
                    return map;
                case IEnumerable seq:
                    var list = new List<object>();
                    foreach (var item in seq) list.Add(From(item, depth + 1));
                    return list;
            }
            if (value.GetType().IsPrimitive || value is decimal) return value;
            if (value is IotStudio.Json.IJsonWritable) return value;
            return FromProperties(PSObject.AsPSObject(value), depth);
        }

        /// <summary>
        /// A value that came as text (a CSV cell): a string is read as JSON text when it is JSON ("3.5", "true", "null",
        /// "[1,2]", "{""a"":1}", "\"quoted\""), else kept as it is (see <see cref="IotStudio.Json.JsonText"/>); anything else
        /// is made plain as <see cref="From"/> does.
        /// </summary>
        public static object FromText(object value)
        {
            var text = value is PSObject p ? p.BaseObject as string : value as string;
            return text == null ? From(value) : IotStudio.Json.JsonText.Read(text);
        }

        /// <summary>A hashtable or PSCustomObject as an ordered, string-keyed dictionary of plain values.</summary>
        public static OrderedDictionary Map(object value)
        {
            if (value == null) return null;
            var plain = From(value);
            if (plain is OrderedDictionary od) return od;
            throw new ArgumentException(Strings.ExpectedMap);
        }

        private static OrderedDictionary FromProperties(PSObject pso, int depth)
        {
            var map = new OrderedDictionary();
            foreach (var p in pso.Properties)
            {
                if (!p.IsGettable) continue;
                if (p.MemberType != PSMemberTypes.NoteProperty && p.MemberType != PSMemberTypes.Property &&
                    p.MemberType != PSMemberTypes.AliasProperty && p.MemberType != PSMemberTypes.ScriptProperty) continue;
                object v;
                try { v = p.Value; }
                catch (GetValueException) { continue; }
                map[p.Name] = From(v, depth + 1);
            }
            return map;
        }
    }
}
