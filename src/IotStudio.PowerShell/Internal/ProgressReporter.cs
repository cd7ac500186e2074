using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Write-Progress for work that takes long: items done, their rate, and the percentage and time left when the total
    /// is known. One stable activity id per cmdlet (the same on every run, so nested or repeated commands do not mix), a
    /// Completed record when the work ends or stops, and nothing at all under $ProgressPreference SilentlyContinue or
    /// Ignore (or -ProgressAction). The first <c>quietUpdates</c> updates write nothing, so short work shows no bar.
    /// Call it from the pipeline thread only.
    /// </summary>
    internal sealed class ProgressReporter : IDisposable
    {
        /// <summary>Pages a list reads before it shows progress: a list of a few pages shows none.</summary>
        public const int ListQuietPages = 2;

        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly string _action;
        private readonly int _quietUpdates;
        private readonly TimeSpan _minInterval;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _enabled;
        private TimeSpan _lastWrite = TimeSpan.MinValue;
        private int _updates;
        private bool _shown;
        private bool _completed;

        /// <param name="cmdlet">The cmdlet that writes the records.</param>
        /// <param name="action">What is done to each item, for the status line ("Read", "Removed").</param>
        /// <param name="quietUpdates">Updates that write nothing before the first record.</param>
        /// <param name="minInterval">The least time between two records (the last one and Completed are always written).</param>
        public ProgressReporter(PSCmdlet cmdlet, string action, int quietUpdates = 0, TimeSpan minInterval = default)
        {
            _cmdlet = cmdlet;
            _activity = cmdlet.MyInvocation.MyCommand?.Name ?? "IotStudio";
            _action = action;
            _quietUpdates = quietUpdates;
            _minInterval = minInterval;
            ActivityId = ActivityIdOf(_activity);
            _enabled = Enabled(cmdlet);
        }

        /// <summary>The activity id of this cmdlet's records.</summary>
        public int ActivityId { get; }
        /// <summary>Items done so far.</summary>
        public long Done { get; private set; }
        /// <summary>The number of items in all, when known: the status then shows a percentage and the time left.</summary>
        public long? Total { get; set; }

        /// <summary>Counts <paramref name="items"/> more items done and writes a record when one is due.</summary>
        public void Add(long items, string currentOperation = null)
        {
            Done += items;
            _updates++;
            if (!_enabled || _completed || _updates <= _quietUpdates) return;
            var now = _clock.Elapsed;
            if (_shown && now - _lastWrite < _minInterval && !(Total.HasValue && Done >= Total.Value)) return;
            _lastWrite = now;
            Write(Record(now, currentOperation));
        }

        /// <summary>Ends the bar (once; only if one was shown). Safe in a finally block of a stopping pipeline.</summary>
        public void Complete()
        {
            if (_completed) return;
            _completed = true;
            if (!_shown) return;
            var record = Record(_clock.Elapsed, null);
            record.RecordType = ProgressRecordType.Completed;
            try { _cmdlet.WriteProgress(record); }
            catch (PipelineStoppedException) { }
            catch (InvalidOperationException) { }
        }

        /// <summary>Same as <see cref="Complete"/>, for a using block.</summary>
        public void Dispose() => Complete();

        private ProgressRecord Record(TimeSpan elapsed, string currentOperation)
        {
            var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
            var rate = Done / seconds;
            var rateText = rate.ToString(rate < 10 ? "0.#" : "0", CultureInfo.CurrentCulture);
            var status = Total.HasValue
                ? string.Format(CultureInfo.CurrentCulture, Strings.ProgressStatusOfTotal, _action, Done, Total.Value, rateText)
                : string.Format(CultureInfo.CurrentCulture, Strings.ProgressStatus, _action, Done, rateText);
            var record = new ProgressRecord(ActivityId, _activity, status);
            if (currentOperation != null) record.CurrentOperation = currentOperation;
            if (Total.HasValue && Total.Value > 0)
            {
                record.PercentComplete = (int)Math.Min(100, Done * 100 / Total.Value);
                if (rate > 0) record.SecondsRemaining = (int)Math.Max(0, Math.Ceiling((Total.Value - Done) / rate));
            }
            return record;
        }

        private void Write(ProgressRecord record)
        {
            _shown = true;
            _cmdlet.WriteProgress(record);
        }

        /// <summary>A stable id from the cmdlet's name (FNV-1a; string.GetHashCode differs from one process to the next).</summary>
        internal static int ActivityIdOf(string name)
        {
            unchecked
            {
                uint hash = 2166136261;
                foreach (var c in name.ToUpperInvariant()) hash = (hash ^ c) * 16777619;
                return (int)(hash & 0x3FFFFFFF) + 1;
            }
        }

        private static bool Enabled(PSCmdlet cmdlet)
        {
            object preference = null;
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("ProgressAction", out var bound)) preference = bound;
            else
            {
                try { preference = cmdlet.GetVariableValue("ProgressPreference"); }
                catch (PSInvalidOperationException) { }
            }
            if (preference == null) return true;
            var text = preference is PSObject pso ? pso.BaseObject?.ToString() : preference.ToString();
            return !string.Equals(text, nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase) &&
                   !string.Equals(text, nameof(ActionPreference.Ignore), StringComparison.OrdinalIgnoreCase);
        }
    }
}
