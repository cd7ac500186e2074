using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// The Thing filters that the service would quietly answer with nothing (an unknown -Sort field, an unknown operator in
    /// -PropertyFilter, an -InCategory name that does not exist), refused with an error that lists what is valid.
    /// </summary>
    internal static class ThingFilterCheck
    {
        /// <summary>How many existing Category names an error lists before it says how many more there are.</summary>
        private const int NamesShown = 30;

        /// <summary>The error for the first -Sort field the service does not sort by, or null.</summary>
        public static ErrorRecord SortProblem(IEnumerable<string> sort)
        {
            var bad = ThingQuery.UnknownSortFields(sort).FirstOrDefault();
            if (bad == null) return null;
            var message = string.Format(CultureInfo.CurrentCulture, Strings.UnknownSortField, bad, string.Join(", ", ThingQuery.SortFields));
            return Record(message, "UnknownSortField", ErrorCategory.InvalidArgument, bad, Strings.ActionUnknownSortField);
        }

        /// <summary>The error for the first -PropertyFilter condition whose operator is unknown, or null.</summary>
        public static ErrorRecord OperatorProblem(IDictionary filter)
        {
            if (filter == null) return null;
            var found = ThingQuery.UnknownOperators(filter);
            if (found.Count == 0) return null;
            var (property, condition, op) = found[0];
            var message = string.Format(CultureInfo.CurrentCulture, Strings.UnknownFilterOperator, property, condition, op, string.Join(", ", ThingQuery.PropertyOperators));
            return Record(message, "UnknownFilterOperator", ErrorCategory.InvalidArgument, condition,
                string.Format(CultureInfo.CurrentCulture, Strings.ActionUnknownFilterOperator, condition));
        }

        /// <summary>The error for the -InCategory names that are not among the space's Categories, or null when all exist.</summary>
        public static ErrorRecord MissingCategories(IEnumerable<string> wanted, IReadOnlyList<string> existing, string space)
        {
            var known = new HashSet<string>(existing, StringComparer.Ordinal);
            var missing = wanted.Where(n => !known.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count == 0) return null;
            var names = existing.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            var list = names.Count == 0 ? Strings.NoCategories : string.Join(", ", names.Take(NamesShown));
            if (names.Count > NamesShown) list += string.Format(CultureInfo.CurrentCulture, Strings.AndMore, names.Count - NamesShown);
            var message = string.Format(CultureInfo.CurrentCulture, Strings.InCategoryNotFound, string.Join("', '", missing), space, list);
            return Record(message, "CategoryNotFound", ErrorCategory.ObjectNotFound, missing.Count == 1 ? (object)missing[0] : missing.ToArray(), Strings.ActionInCategoryNotFound);
        }

        private static ErrorRecord Record(string message, string id, ErrorCategory category, object target, string action) =>
            new ErrorRecord(new PSArgumentException(message), id, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
            };
    }
}
