using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Runs an AQL query through a query cursor and streams every result, batch by batch; with -Then, updates or deletes
    /// what every result names and writes how many it changed.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IotQuery", DefaultParameterSetName = ParameterSets.Query, SupportsPaging = true,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpUris.Cmdlets + "Invoke-IotQuery.md")]
    [OutputType(typeof(PSObject), ParameterSetName = new[] { ParameterSets.Query })]
    [OutputType(typeof(QueryThenResult), ParameterSetName = new[] { ParameterSets.Then })]
    public sealed class InvokeIotQueryCommand : IotStudioSpaceCmdlet, ISupportsForce
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The AQL query (read-only), such as FOR t IN things FILTER t.status.temperature > @min RETURN t.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Query { get; set; }

        /// <summary>Values of the query's bind variables, by name without the '@': @{ min = 30 }.</summary>
        [Parameter(Position = 1)]
        [Alias("BindVars")]
        [ValidateNotNull]
        public IDictionary BindVariable { get; set; }

        /// <summary>Results per request, 1 to 1000 (default 50).</summary>
        [Parameter]
        [ValidateRange(1, QueryRequest.MaxBatchSize)]
        public int BatchSize { get; set; } = QueryRequest.DefaultBatchSize;

        /// <summary>How long, in seconds, the cursor stays readable between two batches; default: the service's (30 s).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TtlSeconds { get; set; }

        // Strings, not Core's enums: a field of a Core value type would load Core before the module's load context exists.

        /// <summary>Update or Delete what every result names (each result must carry the uid of a Thing).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Then)]
        [ValidateSet("Update", "Delete")]
        public string Then { get; set; }

        /// <summary>What -Then changes: the Things themselves (default) or their property values.</summary>
        [Parameter(ParameterSetName = ParameterSets.Then)]
        [ValidateSet("Things", "Properties")]
        public string ThenResource { get; set; } = "Things";

        /// <summary>For -Then Update, the fields or property values to write; for -Then Delete -ThenResource Properties, the names of the values to delete.</summary>
        [Parameter(ParameterSetName = ParameterSets.Then)]
        public object ThenData { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (ParameterSetName == ParameterSets.Then &&
                (MyInvocation.BoundParameters.ContainsKey("First") || MyInvocation.BoundParameters.ContainsKey("Skip") || MyInvocation.BoundParameters.ContainsKey("IncludeTotalCount")))
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(Strings.QueryThenPaging), "QueryThenPaging", ErrorCategory.InvalidArgument, null));
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            QueryRequest request = null;
            try
            {
                request = NewRequest();
                request.Validate();
            }
            catch (System.ArgumentException ex)
            {
                // Argument problems end the command before anything is sent.
                ThrowItemError(ex, Query);
            }
            var target = string.Format(CultureInfo.CurrentCulture, Strings.QueryTarget, space, Query);

            if (ParameterSetName == ParameterSets.Then)
            {
                if (!ShouldProcess(target, ThenAction())) return;
                ForItem(Query, () => WriteObject(Run(ct => connection.Client.Query.ApplyAsync(space, request, ct))));
                return;
            }
            // A query only reads, so it asks for no confirmation; -WhatIf still sends nothing.
            if (Confirmation.WhatIfRequested(this))
            {
                ShouldProcess(target, Strings.ShouldRunQuery);
                return;
            }
            ForItem(Query, () => StreamPages(cap => connection.Client.Query.Read(space, request, cap), output: ToOutput));
        }

        private QueryRequest NewRequest()
        {
            var request = new QueryRequest(Query)
            {
                BindVariables = BindVariable == null ? null : PlainValue.Map(BindVariable),
                BatchSize = BatchSize,
                TtlSeconds = MyInvocation.BoundParameters.ContainsKey(nameof(TtlSeconds)) ? TtlSeconds : (int?)null,
                Count = PagingParameters.IncludeTotalCount,
            };
            if (ParameterSetName == ParameterSets.Then)
                request.Then = new QueryThen(
                    IsDelete ? QueryThenOperation.Delete : QueryThenOperation.Update,
                    OnThings ? QueryThenResource.Things : QueryThenResource.Properties,
                    PlainValue.From(ThenData));
            return request;
        }

        private bool IsDelete => string.Equals(Then, "Delete", System.StringComparison.OrdinalIgnoreCase);
        private bool OnThings => string.Equals(ThenResource, "Things", System.StringComparison.OrdinalIgnoreCase);

        private string ThenAction()
        {
            if (IsDelete) return OnThings ? Strings.ShouldQueryDeleteThings : Strings.ShouldQueryDeleteProperties;
            return OnThings ? Strings.ShouldQueryUpdateThings : Strings.ShouldQueryUpdateProperties;
        }

        /// <summary>An object result becomes a PSCustomObject (so it formats as a table and binds by property name), its values as they are; any other result is written as it is.</summary>
        private static object ToOutput(object item) => item is OrderedDictionary map ? PowerShellValue.ToObject(map, value => value) : item;
    }
}
