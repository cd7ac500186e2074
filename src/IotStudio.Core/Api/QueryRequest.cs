using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text.RegularExpressions;

namespace IotStudio.Api
{
    /// <summary>
    /// A query cursor request: an AQL query (read-only), its bind variables, and how the results come back. The API's
    /// field names are written here only (<see cref="ToBody"/>).
    /// </summary>
    public sealed class QueryRequest
    {
        private static readonly Regex BindName = new Regex(@"^[a-zA-Z0-9][a-zA-Z0-9_]*\z", RegexOptions.CultureInvariant);

        /// <summary>The largest batch the module asks for.</summary>
        public const int MaxBatchSize = 1000;
        /// <summary>The batch the module asks for when none is given.</summary>
        public const int DefaultBatchSize = 50;

        /// <summary>Creates a request for <paramref name="query"/>.</summary>
        public QueryRequest(string query) { Query = query; }

        /// <summary>The AQL query, such as <c>FOR t IN things FILTER t.status.temperature &gt; @min RETURN t</c>.</summary>
        public string Query { get; set; }
        /// <summary>Values of the query's <c>@name</c> bind variables, by name (without the '@'), as plain values.</summary>
        public IDictionary BindVariables { get; set; }
        /// <summary>Results per batch (<c>batchSize</c>); null leaves it to the service.</summary>
        public int? BatchSize { get; set; }
        /// <summary>Ask the service to count every result (<c>count</c>); the total comes with the first batch.</summary>
        public bool Count { get; set; }
        /// <summary>How long, in seconds, the cursor stays readable between batches (<c>ttl</c>); null leaves it to the service.</summary>
        public int? TtlSeconds { get; set; }
        /// <summary>An update or delete applied to every result (<c>then</c>), or null to only read.</summary>
        public QueryThen Then { get; set; }

        /// <summary>A copy with the same values (the bind variables are shared).</summary>
        public QueryRequest Clone() => (QueryRequest)MemberwiseClone();

        /// <summary>Throws ArgumentException for a blank query, a batch size or ttl below 1, or a bind variable name AQL cannot write.</summary>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(Query))
                throw new ArgumentException("The query is empty: give an AQL query such as 'FOR t IN things RETURN t'.", nameof(Query));
            if (BatchSize.HasValue && (BatchSize.Value < 1 || BatchSize.Value > MaxBatchSize))
                throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize.Value, $"The batch size must be between 1 and {MaxBatchSize}.");
            if (TtlSeconds.HasValue && TtlSeconds.Value < 1)
                throw new ArgumentOutOfRangeException(nameof(TtlSeconds), TtlSeconds.Value, "The cursor's time to live must be at least 1 second.");
            if (BindVariables != null)
            {
                foreach (DictionaryEntry kv in BindVariables)
                {
                    var name = Convert.ToString(kv.Key, CultureInfo.InvariantCulture);
                    if (name == null || !BindName.IsMatch(name))
                        throw new ArgumentException($"'{name}' is not a valid bind variable name: use letters, digits and '_', starting with a letter or digit, and leave out the '@' that the query writes.", nameof(BindVariables));
                }
            }
            Then?.Validate();
        }

        /// <summary>
        /// The body of <c>POST /spaces/{s}/query/cursor</c>: <c>query</c>, then <c>bindVars</c> (the YAML types it as an array
        /// of objects: one object holding every variable), <c>batchSize</c>, <c>count</c> (only when true), <c>ttl</c> and
        /// <c>then</c>, each only when set.
        /// </summary>
        internal OrderedDictionary ToBody()
        {
            var body = new OrderedDictionary { { "query", Query } };
            if (BindVariables != null && BindVariables.Count > 0)
            {
                var vars = new OrderedDictionary();
                foreach (DictionaryEntry kv in BindVariables) vars[Convert.ToString(kv.Key, CultureInfo.InvariantCulture)] = kv.Value;
                body["bindVars"] = new[] { vars };
            }
            if (BatchSize.HasValue) body["batchSize"] = BatchSize.Value;
            if (Count) body["count"] = true;
            if (TtlSeconds.HasValue) body["ttl"] = TtlSeconds.Value;
            if (Then != null) body["then"] = Then.ToBody();
            return body;
        }
    }
}
