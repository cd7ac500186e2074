using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Creates a Thing; binds by property name, so Import-Csv rows become Things. A row's Status.&lt;property&gt; columns
    /// (as ConvertTo-IotFlatThing writes them) are property values; other columns that match no parameter are reported
    /// in a warning, or with -PropertyColumn are property values too. An empty cell is a value not given.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IotThing", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotThing.md")]
    [OutputType(typeof(Thing))]
    public sealed class NewIotThingCommand : ThingFieldsCmdlet, IThrottledCmdlet
    {
        /// <summary>Categories the Thing joins (the body's categories); "a, b" is two.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Categories")]
        [AllowNull]
        [AllowEmptyCollection]
        [ListText]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string[] Category { get; set; }

        /// <summary>A whole Thing Description (hashtable or object); the other parameters override its fields.</summary>
        [Parameter]
        public PSObject InputObject { get; set; }

        /// <summary>Piped rows (Import-Csv): set every column that matches no parameter as a property value of that name.</summary>
        [Parameter]
        public SwitchParameter PropertyColumn { get; set; }

        /// <summary>Property values from piped rows are sent as the text of their cells, instead of reading "3.5", "true", "null" or JSON text as that value.</summary>
        [Parameter]
        public SwitchParameter AsString { get; set; }

        private Dictionary<string, string> _columnParameters;
        private readonly HashSet<string> _warned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            var row = PipedRow();
            var rowStatus = row == null ? null : ReadRow(row);
            var label = !string.IsNullOrEmpty(Title) && Bound(nameof(Title)) ? Title : (InputObject?.BaseObject as Thing)?.Title ?? "(untitled)";
            if (!ShouldProcess(InSpace($"'{label}'", space), Strings.ShouldCreateThing)) return;
            ForItem(label, () =>
            {
                var fields = BoundFields();
                // Given, -Category replaces the categories of -InputObject; empty (or a piped Thing's null) leaves none.
                if (Bound(nameof(Category))) fields.Categories = Category;
                if (rowStatus != null && rowStatus.Count > 0)
                {
                    var status = fields.Status == null ? new OrderedDictionary() : PlainValue.Map(fields.Status);
                    foreach (DictionaryEntry kv in rowStatus) status[kv.Key] = kv.Value;
                    fields.Status = status;
                }
                var document = InputObject == null ? null : PlainValue.Map(InputObject.BaseObject is Thing thing ? thing.ToUpdateBody(includeCategories: true) : InputObject);
                var things = connection.Client.Things;
                Send(label, ct => things.CreateAsync(space, document, fields, null, ct), WriteObject);
            });
        }

        // A row of text data (Import-Csv, ConvertFrom-Csv, Select-Object): a PSCustomObject that is not one of the module's objects.
        private PSObject PipedRow()
        {
            BlankCells.Clear();
            var input = PipelineInput.Current(this);
            return input != null && input.BaseObject is PSCustomObject && PipelineInput.ModuleType(input) == null ? input : null;
        }

        // Marks the parameters that an empty cell filled as not given, and gathers the row's property values: Status.<name>
        // columns, and with -PropertyColumn every other column that fills no parameter (warned about otherwise).
        private OrderedDictionary ReadRow(PSObject row)
        {
            var columns = ColumnParameters();
            var status = new OrderedDictionary();
            var unmatched = new List<string>();
            foreach (var p in row.Properties)
            {
                if (p.MemberType != PSMemberTypes.NoteProperty) continue;
                var cell = p.Value is PSObject o ? o.BaseObject : p.Value;
                var blank = cell == null || (cell is string s && s.Length == 0);
                if (columns.TryGetValue(p.Name, out var parameter))
                {
                    if (blank && !_givenOnCommandLine.Contains(parameter)) BlankCells.Add(parameter);
                    continue;
                }
                if (FlatThing.ServiceColumns.Contains(p.Name)) continue;
                var isStatus = p.Name.StartsWith(FlatThing.StatusPrefix, StringComparison.OrdinalIgnoreCase) && p.Name.Length > FlatThing.StatusPrefix.Length;
                if (!isStatus && !PropertyColumn)
                {
                    unmatched.Add(p.Name);
                    continue;
                }
                if (blank) continue;
                var name = isStatus ? p.Name.Substring(FlatThing.StatusPrefix.Length) : p.Name;
                status[name] = AsString ? PlainValue.From(cell) : PlainValue.FromText(cell);
            }
            var fresh = unmatched.Where(_warned.Add).ToList();
            if (fresh.Count > 0) WriteWarning(string.Format(CultureInfo.CurrentCulture, Strings.UnmatchedColumns, string.Join(", ", fresh), MyInvocation.MyCommand.Name));
            return status;
        }

        private HashSet<string> _givenOnCommandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <inheritdoc />
        protected override void BeginProcessing() => _givenOnCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);

        // Column name → the parameter it fills by property name (its name or an alias).
        private Dictionary<string, string> ColumnParameters()
        {
            if (_columnParameters != null) return _columnParameters;
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in MyInvocation.MyCommand.Parameters.Values)
            {
                if (!p.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName)) continue;
                map[p.Name] = p.Name;
                foreach (var alias in p.Aliases) map[alias] = p.Name;
            }
            return _columnParameters = map;
        }
    }
}
