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
    /// Adds values to a Thing's properties history: piped values (as Get-IotPropertyHistory writes them, or rows with a
    /// Timestamp and one column per property, as Import-Csv reads them), or -Timestamp with -Values. They are sent in
    /// batches of up to 100 entries, when a batch is full and at the end; each value already recorded is its own error.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "IotPropertyHistory", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Map, HelpUri = HelpUris.Cmdlets + "Add-IotPropertyHistory.md")]
    [OutputType(typeof(PropertyHistoryValue))]
    public sealed class AddIotPropertyHistoryCommand : ThingChildCmdlet, IThrottledCmdlet
    {
        /// <summary>A value or row to add: an object with Timestamp, Name and Value, or with Timestamp and one property per column.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
        public PSObject InputObject { get; set; }

        /// <summary>When the values were recorded (a time without an offset is local time).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSets.Map)]
        public DateTimeOffset Timestamp { get; set; }

        /// <summary>The values recorded then: @{ temperature = 21.5; mode = 'eco' }.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ParameterSets.Map)]
        [ValidateNotNull]
        public IDictionary Values { get; set; }

        /// <summary>Write the values the service stored.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<PropertyHistoryUpload> _uploads = new List<PropertyHistoryUpload>();

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, thing) = ThingTarget();
            var target = ParameterSetName == ParameterSets.InputObject ? (object)InputObject : Timestamp;
            PropertyHistoryGroup entry = null;
            ForItem(target, () =>
            {
                entry = ParameterSetName == ParameterSets.InputObject
                    ? HistoryInput.Read(InputObject)
                    : new PropertyHistoryGroup { Timestamp = Timestamp, Values = PlainValue.Map(Values) };
                if (entry.Values == null || entry.Values.Count == 0) throw new PSArgumentException(Strings.ValuesEmpty);
            });
            if (entry == null) return;

            var names = string.Join(", ", entry.Values.Keys.Cast<object>());
            if (!ShouldProcess(ThingInSpace(thing.Space),
                string.Format(CultureInfo.CurrentCulture, Strings.ShouldAddHistory, names, ApiTime.Format(entry.Timestamp)))) return;

            PropertyHistoryUpload upload = null;
            ForItem(target, () =>
            {
                // One upload per Thing; making it checks the space, Category and Thing id, so a bad one is this item's error.
                upload = _uploads.FirstOrDefault(u => u.Thing.ToString() == thing.ToString());
                if (upload == null)
                {
                    upload = new PropertyHistoryUpload(connection.Client.PropertyHistory, thing);
                    _uploads.Add(upload);
                }
                upload.Add(entry, target);
            });
            if (upload != null && upload.IsFull) Upload(upload);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            foreach (var upload in _uploads.ToList()) Upload(upload);
            base.EndProcessing();
        }

        // Hands a full (or last) upload over to be sent; later entries for its Thing start a new one, so the upload in
        // flight is never touched again here. Uploads to one Thing are sent one after the other, in order.
        private void Upload(PropertyHistoryUpload upload)
        {
            _uploads.Remove(upload);
            if (upload.Pending == 0) return;
            Send(upload.Thing.ToString(), upload.Thing.Space + "/" + upload.Thing.ThingId, ct => upload.SendAsync(ct), result =>
            {
                foreach (var failure in result.Failed) WriteItemError(failure.Error, failure.Tag);
                if (PassThru) foreach (var value in result.Stored) WriteObject(value);
            });
        }
    }
}
