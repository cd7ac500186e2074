using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Http;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Calls any route of the API with the connection's token, refresh, retries, cancellation and error mapping:
    /// for operations that have no cmdlet yet. JSON answers come out as PowerShell objects; -Paginate streams a
    /// list's items page by page; -Raw writes the status, headers and body text.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "IotStudioRequest", SupportsShouldProcess = true, SupportsPaging = true, DefaultParameterSetName = ValueSet, HelpUri = HelpUris.Cmdlets + "Invoke-IotStudioRequest.md")]
    [OutputType(typeof(PSObject), typeof(OrderedDictionary), typeof(string), ParameterSetName = new[] { ValueSet, PaginateSet })]
    [OutputType(typeof(RawResponse), ParameterSetName = new[] { RawSet })]
    public sealed class InvokeIotStudioRequestCommand : IotStudioCmdlet
    {
        private const string ValueSet = "Value";
        private const string PaginateSet = "Paginate";
        private const string RawSet = "Raw";

        /// <summary>The path below the API URL, such as /spaces/my-space/things, or an absolute URL below the API URL.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The HTTP method (default GET).</summary>
        [Parameter(ParameterSetName = ValueSet)]
        [Parameter(ParameterSetName = RawSet)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>Query parameters: an array value repeats its key, booleans are sent lowercase.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary Query { get; set; }

        /// <summary>The body: a string is sent as it is; anything else as JSON.</summary>
        [Parameter(ParameterSetName = ValueSet)]
        [Parameter(ParameterSetName = RawSet)]
        [ValidateNotNull]
        public object Body { get; set; }

        /// <summary>The Content-Type of the body (default application/json).</summary>
        [Parameter(ParameterSetName = ValueSet)]
        [Parameter(ParameterSetName = RawSet)]
        [ValidateNotNullOrEmpty]
        public string ContentType { get; set; } = RawApi.DefaultContentType;

        /// <summary>Follow paging.next_cursor and write the items of data, page by page (GET only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PaginateSet)]
        public SwitchParameter Paginate { get; set; }

        /// <summary>Items per page with -Paginate, 1 to 1000 (default: the query's limit, else 50).</summary>
        [Parameter(ParameterSetName = PaginateSet)]
        [ValidateRange(1, CursorPager<object>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<object>.DefaultPageSize;

        /// <summary>Write the response itself (status code, headers, body text) instead of its parsed body.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawSet)]
        public SwitchParameter Raw { get; set; }

        /// <summary>Write JSON objects as ordered dictionaries instead of PSCustomObjects.</summary>
        [Parameter(ParameterSetName = ValueSet)]
        [Parameter(ParameterSetName = PaginateSet)]
        public SwitchParameter AsHashtable { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var raw = connection.Client.Raw;
            var method = ParameterSetName == PaginateSet ? "GET" : Method;
            if (raw.IsForeignUrl(Path))
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.ForeignHost, Path, connection.ApiUrl), nameof(Path)),
                    ErrorNoun + "ForeignHost", ErrorCategory.InvalidArgument, Path));
            ApiRequest request = null;
            try
            {
                request = raw.Build(method, Path, Query == null ? null : PlainValue.Map(Query), Body == null ? null : PlainValue.From(Body), ContentType);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorNoun + "InvalidArgument", ErrorCategory.InvalidArgument, Path));
            }
            // A request that may change data asks (-Confirm) and is only shown with -WhatIf; a GET or HEAD never asks,
            // but -WhatIf still means that nothing is sent.
            var asks = !RawApi.IsReadOnly(request.Method) || Confirmation.WhatIfRequested(this);
            if (asks && !ShouldProcess(connection.ApiUrl + request.PathAndQuery, request.Method)) return;

            var target = request.Method + " " + request.RelativePath;
            switch (ParameterSetName)
            {
                case PaginateSet:
                    ForItem(target, () => StreamPages(cap => raw.Paginate(request, ToOutput, GivenPageSize, cap)));
                    break;
                case RawSet:
                    ForItem(target, () => WriteObject(Run(ct => raw.SendAsync(request, ct)).Raw));
                    break;
                default:
                    ForItem(target, () => WriteValue(RawApi.ReadValue(request, Run(ct => raw.SendAsync(request, ct)))));
                    break;
            }
        }

        private object ToOutput(object value) => AsHashtable ? value : PowerShellValue.From(value);

        // A top-level array is enumerated (as Invoke-RestMethod does), honouring -Skip and -First.
        private void WriteValue(object value)
        {
            if (value == null) return;
            if (!(value is IList list))
            {
                WriteObject(ToOutput(value));
                return;
            }
            ulong seen = 0, written = 0;
            foreach (var item in list)
            {
                if (written >= PagingParameters.First) break;
                if (seen++ < PagingParameters.Skip) continue;
                WriteObject(ToOutput(item));
                written++;
            }
        }
    }
}
