using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Json;
using IotStudio.Models;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// A Thing as one flat row, for Export-Csv and spreadsheets, that Import-Csv | New-IotThing reads back into the same
    /// Thing: Uid, Title, Description, Type and Categories (several joined with ", "), Model and ModelVersion, then one
    /// <c>Status.&lt;property&gt;</c> column per property value, written as JSON text where the value is not plain text
    /// (<see cref="JsonText"/>). Affordances, links and other fields are not part of the row.
    /// </summary>
    internal static class FlatThing
    {
        /// <summary>The prefix of a column that holds a property value.</summary>
        public const string StatusPrefix = "Status.";

        /// <summary>What joins several values (Type, Categories) in one cell; Category names cannot hold it.</summary>
        public const string Separator = ", ";

        /// <summary>The PowerShell type name of a row, for views.</summary>
        public const string TypeName = "IotStudio.FlatThing";

        /// <summary>Columns of the service's own read-only fields: New-IotThing skips them without a warning.</summary>
        public static readonly IReadOnlyCollection<string> ServiceColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Uid", "Url", "Created", "Modified", "ClientId",
        };

        /// <summary>The row of a Thing, with a column for each of <paramref name="propertyNames"/> (empty where it has no value).</summary>
        public static PSObject ToRow(Thing thing, IEnumerable<string> propertyNames)
        {
            var row = new PSObject();
            row.TypeNames.Insert(0, TypeName);
            Add(row, "Uid", thing.Uid);
            Add(row, "Title", thing.Title);
            Add(row, "Description", thing.Description);
            Add(row, "Type", Join(thing.Type));
            Add(row, "Categories", Join(thing.Categories));
            Add(row, "Model", thing.Model?.Name);
            Add(row, "ModelVersion", thing.Model?.Version);
            foreach (var name in propertyNames)
            {
                var has = thing.Status != null && thing.Status.Contains(name);
                Add(row, StatusPrefix + name, has ? JsonText.Write(thing.Status[name]) : null);
            }
            return row;
        }

        /// <summary>The property names of a Thing's status, in its order.</summary>
        public static IEnumerable<string> PropertyNames(Thing thing) =>
            thing.Status == null ? Enumerable.Empty<string>() : thing.Status.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture));

        /// <summary>Splits a cell that holds several values (Type, Categories): "a, b" is a and b; an empty cell is none.</summary>
        public static string[] Split(string cell) =>
            (cell ?? "").Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();

        private static string Join(string[] values) => values == null || values.Length == 0 ? null : string.Join(Separator, values);

        private static void Add(PSObject row, string name, object value) => row.Properties.Add(new PSNoteProperty(name, value));
    }
}
