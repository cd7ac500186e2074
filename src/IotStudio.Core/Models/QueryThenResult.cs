using System.Text.Json;

namespace IotStudio.Models
{
    /// <summary>What a query's update or delete (<c>then</c>) did: how many results it changed and how many it could not.</summary>
    public sealed class QueryThenResult
    {
        /// <summary>The space.</summary>
        public string Space { get; set; }
        /// <summary><c>update</c> or <c>delete</c>.</summary>
        public string Operation { get; set; }
        /// <summary><c>things</c> or <c>properties</c>.</summary>
        public string Resource { get; set; }
        /// <summary>Results the operation was applied to (API field <c>then.success_count</c>).</summary>
        public long SuccessCount { get; set; }
        /// <summary>Results it could not be applied to (API field <c>then.error_count</c>).</summary>
        public long ErrorCount { get; set; }

        /// <summary>
        /// Reads <c>{success_count, error_count}</c>. The YAML types both as booleans although they carry counts: a number
        /// is read as it is, a boolean as 1 or 0.
        /// </summary>
        internal static QueryThenResult FromJson(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new System.FormatException("'then' must be an object {success_count, error_count}");
            var r = new QueryThenResult();
            foreach (var p in e.EnumerateObject())
            {
                if (p.NameEquals("success_count")) r.SuccessCount = Count(p.Value);
                else if (p.NameEquals("error_count")) r.ErrorCount = Count(p.Value);
            }
            return r;
        }

        private static long Count(JsonElement v)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.Number: return v.TryGetInt64(out var n) ? n : (long)v.GetDouble();
                case JsonValueKind.True: return 1;
                default: return 0;
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{Operation} {Resource}: {SuccessCount} done, {ErrorCount} failed";
    }
}
