using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using IotStudio.Http;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Models;
using IotStudio.Paging;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Gets Things: a filtered list streamed page by page, or Things by id.</summary>
    [Cmdlet(VerbsCommon.Get, "IotThing", DefaultParameterSetName = ParameterSets.List, SupportsPaging = true, HelpUri = HelpUris.Cmdlets + "Get-IotThing.md")]
    [OutputType(typeof(Thing))]
    public sealed class GetIotThingCommand : IotStudioSpaceCmdlet
    {
        
        /// <summary>Thing ids (ULIDs). One id is one GET; several given at once are one list request per 100.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Uid")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ThingIdCompleter))]
        public string[] ThingId { get; set; }

        /// <summary>Use the Category's own path: list its Things, or read a Thing only if it is in it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CategoryName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string Category { get; set; }

        /// <summary>A Category from Get-IotCategory: list its Things (in its space).</summary>
        [Parameter(ParameterSetName = ParameterSets.List, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Category InputObject { get; set; }

        /// <summary>With -Category: list the Things that are NOT in it.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        public SwitchParameter NotInCategory { get; set; }

        /// <summary>Only Things with this title.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(Completion.ThingTitleCompleter))]
        public string Title { get; set; }

        /// <summary>Only Things of this @type.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        public string Type { get; set; }

        /// <summary>Only Things of this Model.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        [ModelName]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string Model { get; set; }

        /// <summary>Only Things of this Model version.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        public long? ModelVersion { get; set; }

        /// <summary>Only Things in any of these Categories (category[]).</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string[] InCategory { get; set; }

        /// <summary>Sort fields, such as title or -created (+ ascending, - descending).</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SortFieldCompleter))]
        public string[] Sort { get; set; }

        /// <summary>Property conditions, all of which must hold: @{ temperature = 'gt:20'; mode = 'eco' }.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        public Hashtable PropertyFilter { get; set; }

        /// <summary>Only Things with a link of this rel.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        public string LinkRel { get; set; }

        /// <summary>Only Things with a link to this href.</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        public string LinkHref { get; set; }

        /// <summary>Extra query parameters, sent as given (arrays repeat the key).</summary>
        [Parameter(ParameterSetName = ParameterSets.List)]
        public Hashtable Query { get; set; }

        /// <summary>Items per request, 1 to 1000 (default 50).</summary>
        [Parameter]
        [ValidateRange(1, CursorPager<Thing>.MaxPageSize)]
        public int PageSize { get; set; } = CursorPager<Thing>.DefaultPageSize;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            var problem = ThingFilterCheck.SortProblem(Sort) ?? ThingFilterCheck.OperatorProblem(PlainValue.Map(PropertyFilter));
            if (problem != null) ThrowTerminatingError(problem);
            if (NotInCategory && !MyInvocation.BoundParameters.ContainsKey(nameof(Category)) && !MyInvocation.ExpectingInput)
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(Strings.NotInCategoryNeedsCategory),
                    "NotInCategoryNeedsCategory", ErrorCategory.InvalidArgument, null));
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ParameterSets.ById) GetById();
            else List();
        }

        private void List()
        {
            var (connection, space) = Target();
            var category = Category;
            if (InputObject != null)
            {
                category = InputObject.Name;
                if (InputObject.Space != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Space))) space = InputObject.Space;
            }
            if (NotInCategory && category == null)
            {
                WriteItemError(new ArgumentException(Strings.NotInCategoryNeedsCategory), space);
                return;
            }
            var query = new ThingQuery
            {
                Category = category,
                NotInCategory = NotInCategory,
                Title = Title,
                Type = Type,
                Model = Model,
                ModelVersion = ModelVersion,
                InCategories = InCategory,
                Sort = Sort,
                PropertyFilter = PlainValue.Map(PropertyFilter),
                LinkRel = LinkRel,
                LinkHref = LinkHref,
                Extra = PlainValue.Map(Query),
            };
            CheckCategoriesExist(connection, space, InCategory);
            ForItem(category ?? space, () => StreamPages(cap => connection.Client.Things.List(space, query, GivenPageSize, cap)));
        }

        // -Skip and -First over Things read by id count across the whole pipeline, and stop requests once -First is met.
        private ulong _byIdSeen, _byIdWritten;

        private bool ByIdDone => _byIdWritten >= PagingParameters.First;

        private void WriteById(Thing thing)
        {
            if (_byIdSeen++ < PagingParameters.Skip || ByIdDone) return;
            WriteObject(thing);
            _byIdWritten++;
        }

        private void GetById()
        {
            var (connection, space) = Target();
            if (ByIdDone) return;
            if (ThingId.Length == 1)
            {
                var id = ThingId[0];
                ForItem(id, () => WriteById(Run(ct => connection.Client.Things.GetAsync(new ThingPath(space, id, Category), ct))));
                return;
            }
            // Many ids at once: one list request per batch, then one precise error for each id that did not come back.
            foreach (var bad in ThingId.Where(i => !Validate.IsUlid(i)))
                WriteItemError(Validate.About(new ArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.InvalidThingId, bad), nameof(ThingId)), "Thing", bad), bad);
            foreach (var chunk in ThingQuery.IdBatches(ThingId))
            {
                if (ByIdDone) break;
                var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                try
                {
                    var pager = connection.Client.Things.List(space, new ThingQuery { Category = Category, ThingIds = chunk.ToList() }, CursorPager<Thing>.MaxPageSize, null);
                    while (pager.HasMore)
                    {
                        foreach (var t in Run(ct => pager.NextPageAsync(ct)))
                        {
                            found.Add(t.Uid);
                            WriteById(t);
                        }
                    }
                }
                catch (Exception ex) when (IsItemFailure(ex))
                {
                    WriteItemError(ex, string.Join(",", chunk));
                    continue;
                }
                foreach (var missing in chunk.Where(c => !found.Contains(c)))
                {
                    var message = string.Format(CultureInfo.CurrentCulture, Strings.ThingIdsNotFound, missing, space);
                    WriteError(new ErrorRecord(new ItemNotFoundException(message), ErrorNoun + "NotFound", ErrorCategory.ObjectNotFound, missing));
                }
            }
        }
    }
}
