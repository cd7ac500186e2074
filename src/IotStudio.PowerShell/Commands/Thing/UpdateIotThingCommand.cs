using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Changes Things in place with an RFC 6902 JSON Patch: -Patch operations, or the common cases -Add, -Replace and
    /// -Remove, combined into one patch. One Thing is one PATCH; several Things piped in go out as bulk PATCH requests of
    /// up to 100 Things each, and each Thing that fails is its own error.
    /// </summary>
    [Cmdlet(VerbsData.Update, "IotThing", SupportsShouldProcess = true, DefaultParameterSetName = RemoveSet, HelpUri = HelpUris.Cmdlets + "Update-IotThing.md")]
    [OutputType(typeof(Thing))]
    public sealed class UpdateIotThingCommand : IotStudioSpaceCmdlet, IThrottledCmdlet
    {
        // -Patch, -Add, -Replace and -Remove combine freely in the Change set; the default set holds -Remove alone, as a
        // mandatory parameter, so that a call with no change at all is a missing parameter PowerShell asks for, while any
        // mix still binds to exactly one set (also with Things piped in, where PowerShell cannot weigh mandatory parameters).
        private const string ChangeSet = "Change";
        private const string RemoveSet = "Remove";

        /// <summary>The most Things one bulk request carries.</summary>
        internal const int BatchSize = 100;

        private readonly List<string> _pending = new List<string>();
        private string _pendingSpace;
        private IotStudioConnection _connection;
        private IReadOnlyList<JsonPatchOperation> _patch;
        private string _summary;

        /// <summary>The Things' ids; a piped Thing binds its Uid.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Uid")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ThingIdCompleter))]
        public string[] ThingId { get; set; }

        /// <summary>JSON Patch operations, each @{ op = 'replace'; path = '/description'; value = 'x' } (from for move and copy).</summary>
        [Parameter(Position = 1, ParameterSetName = ChangeSet)]
        [ValidateNotNullOrEmpty]
        public object[] Patch { get; set; }

        /// <summary>Fields to add or set: @{ 'properties/temp/unit' = 'C' }; keys are paths relative to the Thing.</summary>
        [Parameter(ParameterSetName = ChangeSet)]
        [ValidateNotNull]
        public IDictionary Add { get; set; }

        /// <summary>Fields to replace (they must exist): @{ description = 'x' }; keys are paths relative to the Thing.</summary>
        [Parameter(ParameterSetName = ChangeSet)]
        [ValidateNotNull]
        public IDictionary Replace { get; set; }

        /// <summary>Fields to remove: 'properties/old'; paths relative to the Thing.</summary>
        [Parameter(ParameterSetName = ChangeSet)]
        [Parameter(Mandatory = true, ParameterSetName = RemoveSet)]
        [ValidateNotNullOrEmpty]
        public string[] Remove { get; set; }

        /// <summary>Use the Category's path (every Thing must be in it).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CategoryNameCompleter))]
        public string Category { get; set; }

        /// <summary>Write the patched Things.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            try
            {
                _patch = BuildPatch();
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorNoun + "InvalidPatch", ErrorCategory.InvalidArgument, null));
            }
            _summary = string.Join(", ", _patch.Select(o => o.ToString()));
        }

        // -Patch first, then -Add, -Replace and -Remove, in the order given; everything is checked in Core before any request.
        private IReadOnlyList<JsonPatchOperation> BuildPatch()
        {
            var ops = new List<JsonPatchOperation>();
            if (Patch != null)
            {
                for (var i = 0; i < Patch.Length; i++)
                {
                    var item = Patch[i] is PSObject p && p.BaseObject is JsonPatchOperation ? p.BaseObject : Patch[i];
                    try
                    {
                        ops.Add(item as JsonPatchOperation ?? JsonPatchOperation.FromMap(PlainValue.Map(item)));
                    }
                    catch (ArgumentException ex)
                    {
                        throw new ArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.PatchItemInvalid, i, ex.Message), nameof(Patch), ex);
                    }
                }
            }
            if (Add != null) foreach (DictionaryEntry kv in Add) ops.Add(JsonPatchOperation.Add(Key(kv.Key), PlainValue.From(kv.Value)));
            if (Replace != null) foreach (DictionaryEntry kv in Replace) ops.Add(JsonPatchOperation.Replace(Key(kv.Key), PlainValue.From(kv.Value)));
            if (Remove != null) foreach (var path in Remove) ops.Add(JsonPatchOperation.Remove(path));
            if (ops.Count == 0) throw new ArgumentException(Strings.PatchEmpty);
            return JsonPatchOperation.CheckPatch(ops);
        }

        private static string Key(object key) => Convert.ToString(key is PSObject p ? p.BaseObject : key, CultureInfo.InvariantCulture);

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            _connection = connection;
            foreach (var id in ThingId)
            {
                if (!Validate.IsUlid(id))
                {
                    WriteItemError(Validate.About(new ArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.InvalidThingId, id), nameof(ThingId)), "Thing", id), id);
                    continue;
                }
                if (!ShouldProcess(InSpace(id, space), string.Format(CultureInfo.CurrentCulture, Strings.ShouldPatchThing, _summary))) continue;
                if (_pending.Count > 0 && (_pendingSpace != space || _pending.Count >= BatchSize)) Flush();
                _pendingSpace = space;
                _pending.Add(id);
            }
            if (_pending.Count >= BatchSize) Flush();
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            Flush();
            base.EndProcessing();
        }

        // One Thing is one PATCH of that Thing; several are one bulk PATCH, with one result (or error) per Thing.
        private void Flush()
        {
            if (_pending.Count == 0) return;
            var ids = _pending.ToList();
            var space = _pendingSpace;
            _pending.Clear();
            var things = _connection.Client.Things;
            var (category, patch) = (Category, _patch);
            // Requests overlap up to -ThrottleLimit; one that names a Thing an earlier one names waits for it.
            if (ids.Count == 1)
            {
                var thing = new ThingPath(space, ids[0], category);
                Send(ids[0], space + "/" + ids[0], ct => things.PatchAsync(thing, patch, ct), Emit);
                return;
            }
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.VerbosePatchBatch, ids.Count, space));
            var items = ids.Select(id => new ThingPatch(id, patch)).ToList();
            Send(ids.ToArray(), ids.Select(id => space + "/" + id), async ct =>
            {
                try
                {
                    return new BulkOutcome(await things.PatchManyAsync(space, category, items, ct).ConfigureAwait(false), null);
                }
                catch (Exception ex) when (IsItemFailure(ex))
                {
                    return new BulkOutcome(null, ex);
                }
            }, outcome =>
            {
                if (outcome.Error != null)
                {
                    // The whole request failed: every Thing in it is unchanged, and each gets the error.
                    foreach (var id in ids) WriteItemError(outcome.Error, id);
                    return;
                }
                foreach (var r in outcome.Results)
                {
                    if (r.Succeeded) Emit(r.Thing);
                    else WriteItemError(r.Exception, r.ThingId);
                }
            });
        }

        private sealed class BulkOutcome
        {
            public BulkOutcome(IReadOnlyList<ThingPatchResult> results, Exception error)
            {
                Results = results;
                Error = error;
            }

            public IReadOnlyList<ThingPatchResult> Results { get; }
            public Exception Error { get; }
        }

        private void Emit(Thing thing)
        {
            if (PassThru) WriteObject(thing);
        }
    }
}
