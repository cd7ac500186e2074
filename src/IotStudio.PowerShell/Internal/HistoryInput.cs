using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using IotStudio.Json;
using IotStudio.Models;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Reads what is piped to Add-IotPropertyHistory as one history entry (a time and its values): a
    /// <see cref="PropertyHistoryValue"/> or <see cref="PropertyHistoryGroup"/> as Get-IotPropertyHistory writes them,
    /// an object with Timestamp, Name and Value, or a row with a Timestamp and one column per property (Import-Csv).
    /// </summary>
    internal static class HistoryInput
    {
        /// <summary>Columns that say which Thing and when, never a property: they are not sent as values.</summary>
        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Timestamp", "At", "Space", "ThingId", "Uid", "Category",
        };

        private static readonly Regex JsonNumber = new Regex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant);
        private static readonly Regex IsoDate = new Regex(@"^\d{4}-\d{2}-\d{2}([Tt ]|\z)", RegexOptions.CultureInvariant);

        /// <summary>The entry an input object stands for; ArgumentException (naming what is missing) when it stands for none.</summary>
        public static PropertyHistoryGroup Read(PSObject input)
        {
            var value = input?.BaseObject;
            switch (value)
            {
                case null:
                    throw new ArgumentException(Strings.HistoryInputNull);
                case PropertyHistoryValue one:
                    return Entry(one.Timestamp, new OrderedDictionary(StringComparer.Ordinal) { { Name(one.Name), PlainValue.From(one.Value) } });
                case PropertyHistoryGroup group:
                    var copy = new OrderedDictionary(StringComparer.Ordinal);
                    if (group.Values != null)
                        foreach (DictionaryEntry kv in group.Values) copy[Name(kv.Key as string)] = PlainValue.From(kv.Value);
                    return Entry(group.Timestamp, copy);
            }

            // Any other object: its properties (or a hashtable's keys), as a row.
            var columns = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            if (value is IDictionary dict)
                foreach (DictionaryEntry kv in dict) columns[Convert.ToString(kv.Key, CultureInfo.InvariantCulture)] = kv.Value;
            else
                foreach (var p in input.Properties)
                {
                    if (!p.IsGettable || !(p.MemberType == PSMemberTypes.NoteProperty || p.MemberType == PSMemberTypes.Property ||
                                           p.MemberType == PSMemberTypes.AliasProperty || p.MemberType == PSMemberTypes.ScriptProperty)) continue;
                    object v;
                    try { v = p.Value; }
                    catch (GetValueException) { continue; }
                    columns[p.Name] = v;
                }

            var timestamp = columns.Contains("Timestamp") ? columns["Timestamp"] : columns.Contains("At") ? columns["At"] : null;
            var at = Time(timestamp);
            var values = new OrderedDictionary(StringComparer.Ordinal);
            if (columns.Contains("Name") && columns.Contains("Value"))
            {
                // The row names its property, so an empty cell is a null value (Export-Csv writes $null as empty text).
                var v = Cell(columns["Value"], out var present);
                values[Name(Convert.ToString(Unwrap(columns["Name"]), CultureInfo.InvariantCulture))] = present ? v : null;
            }
            else
            {
                foreach (DictionaryEntry kv in columns)
                {
                    var key = (string)kv.Key;
                    if (Reserved.Contains(key)) continue;
                    var v = Cell(kv.Value, out var present);
                    if (present) values[key] = v;
                }
            }
            if (values.Count == 0) throw new ArgumentException(Strings.HistoryInputNoValues);
            return Entry(at, values);
        }

        private static PropertyHistoryGroup Entry(DateTimeOffset at, OrderedDictionary values)
        {
            if (at == default) throw new ArgumentException(Strings.HistoryInputNoTimestamp);
            return new PropertyHistoryGroup { Timestamp = at, Values = values };
        }

        private static string Name(string name)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException(Strings.HistoryInputNoName);
            return name;
        }

        private static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;

        /// <summary>
        /// A time from a DateTimeOffset, a DateTime (no offset: local time, as PowerShell reads it), or text: RFC 3339
        /// (<c>2023-05-15T10:00:00Z</c>; no offset means UTC, as in the API), else the current culture's form that
        /// Export-Csv writes, else the invariant culture's.
        /// </summary>
        public static DateTimeOffset Time(object value)
        {
            switch (Unwrap(value))
            {
                case null:
                    throw new ArgumentException(Strings.HistoryInputNoTimestamp);
                case DateTimeOffset dto:
                    return dto;
                case DateTime dt:
                    return new DateTimeOffset(dt);
                case string text when !string.IsNullOrWhiteSpace(text):
                    text = text.Trim();
                    if (IsoDate.IsMatch(text) && ApiTime.Parse(text) is DateTimeOffset iso) return iso;
                    if (DateTimeOffset.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal, out var local)) return local;
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var invariant)) return invariant;
                    throw new ArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.HistoryInputBadTimestamp, text));
                case string _:
                    throw new ArgumentException(Strings.HistoryInputNoTimestamp);
                default:
                    throw new ArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.HistoryInputBadTimestamp, value));
            }
        }

        /// <summary>
        /// A cell's value. Text is what CSV holds: text that is a JSON number, or true or false in any case (Export-Csv
        /// writes True), becomes that number or boolean; empty text means no value (present = false); other text stays
        /// text. Anything else is sent as it is.
        /// </summary>
        private static object Cell(object value, out bool present)
        {
            present = true;
            var raw = Unwrap(value);
            if (raw is string text)
            {
                if (text.Length == 0)
                {
                    present = false;
                    return null;
                }
                if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
                if (JsonNumber.IsMatch(text)) return JsonClr.Parse(text);
                return text;
            }
            return PlainValue.From(value);
        }
    }
}
