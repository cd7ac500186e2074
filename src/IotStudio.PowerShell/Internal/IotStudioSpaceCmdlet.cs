using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Auth;
using IotStudio.Http;
using IotStudio.Paging;

namespace IotStudio.PowerShell
{
    /// <summary>An API cmdlet that works in a space.</summary>
    public abstract class IotStudioSpaceCmdlet : IotStudioCmdlet
    {
        /// <summary>The space; default: the connection's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SpaceCompleter))]
        public string Space { get; set; }

        /// <summary>The connection and the space to use, or a terminating error.</summary>
        protected (IotStudioConnection Connection, string Space) Target()
        {
            var connection = ResolveConnection();
            var space = Space ?? connection.Space;
            if (string.IsNullOrEmpty(space))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(Strings.NoSpace), "NoSpace", ErrorCategory.InvalidArgument, null));
            Completion.SeenSpaces.Add(space);
            return (connection, space);
        }

        private HashSet<string> _categoriesChecked;

        /// <summary>
        /// Ends the command with CategoryNotFound, listing the space's Categories, when a Category a filter names (such as
        /// -InCategory) does not exist: the service would match nothing and say nothing. It costs one request per space
        /// (the Category names, up to 1,000 per page), sent before the filtered request. A token without the category
        /// scope cannot list them: then the names are not checked (a verbose message says so).
        /// </summary>
        protected void CheckCategoriesExist(IotStudioConnection connection, string space, IReadOnlyCollection<string> names)
        {
            if (names == null || names.Count == 0) return;
            _categoriesChecked ??= new HashSet<string>(StringComparer.Ordinal);
            if (!_categoriesChecked.Add(space)) return;
            IReadOnlyList<string> existing;
            try
            {
                existing = Run(ct => connection.Client.Categories.NamesAsync(space, ct));
            }
            catch (IotStudioApiException ex) when (ex.StatusCode == 403)
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.VerboseCategoriesUnchecked, space));
                return;
            }
            var problem = ThingFilterCheck.MissingCategories(names, existing, space);
            if (problem != null) ThrowTerminatingError(problem);
        }

        /// <summary>
        /// Gets named items (Categories, Models): all of them streamed when <paramref name="names"/> is null, each plain
        /// name by itself, and a name with wildcards by filtering the streamed list on <paramref name="nameOf"/>.
        /// </summary>
        protected void GetByName<T>(string[] names, Func<IotStudioClient, string, long?, IPager<T>> list, Func<T, string> nameOf,
            Func<IotStudioClient, string, string, CancellationToken, Task<T>> get)
        {
            if (names == null)
            {
                ListByName(null, list, nameOf);
                return;
            }
            foreach (var name in names)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    ListByName(new WildcardPattern(name, WildcardOptions.IgnoreCase), list, nameOf);
                    continue;
                }
                var (connection, space) = Target();
                ForItem(name, () => WriteObject(Run(ct => get(connection.Client, space, name, ct))));
            }
        }

        private void ListByName<T>(WildcardPattern pattern, Func<IotStudioClient, string, long?, IPager<T>> list, Func<T, string> nameOf)
        {
            var (connection, space) = Target();
            Predicate<T> filter = null;
            if (pattern != null) filter = item => pattern.IsMatch(nameOf(item) ?? "");
            ForItem(pattern == null ? space : (object)pattern.ToString(), () => StreamPages(cap => list(connection.Client, space, cap), filter));
        }

        /// <summary>What -WhatIf and -Confirm name as the target of a change: "<paramref name="what"/> in space <paramref name="space"/>".</summary>
        protected static string InSpace(object what, string space) => string.Format(CultureInfo.CurrentCulture, Strings.TargetInSpace, what, space);

        /// <summary>
        /// Sends one item's update (a Set- cmdlet's PUT) in the piped object's space unless -Space is given, once
        /// ShouldProcess allows it ("id in space S", <paramref name="action"/>); writes the updated item with -PassThru.
        /// <paramref name="update"/> gets the client and the space, reads the parameters on the pipeline thread (an
        /// argument error there fails this item only) and returns the request to send.
        /// </summary>
        protected void SendUpdate<T>(string id, string pipedSpace, string action, bool passThru, Func<IotStudioClient, string, Func<CancellationToken, Task<T>>> update)
        {
            var (connection, space) = Target();
            if (pipedSpace != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Space))) space = pipedSpace;
            if (!ShouldProcess(InSpace(id, space), action)) return;
            ForItem(id, () => Send(id, space + "/" + id, update(connection.Client, space), updated =>
            {
                if (passThru) WriteObject(updated);
            }));
        }
    }
}
