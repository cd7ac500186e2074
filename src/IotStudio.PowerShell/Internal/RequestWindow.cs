using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// The requests of one write command in flight, in input order. Each pipeline item becomes an entry whose work
    /// runs asynchronously (on the thread pool from its first wait on); the pipeline thread writes each entry's verbose
    /// text, output and error in input order,
    /// as soon as every entry before it is written, and waits for the oldest when the window is full. Entries with a
    /// key in common (the same Thing, Category, property...) run one after the other, in input order. Everything but
    /// the work itself (the queue, the writing, the cancelling) happens on the pipeline thread.
    /// </summary>
    /// <remarks>
    /// PowerShell's ForEach-Object -Parallel (ForEachObjectCommand, PSTaskPool) runs its workers the same way but
    /// writes in completion order; a write command here must read like a sequential one, so it writes in input order.
    /// </remarks>
    internal sealed class RequestWindow : IDisposable
    {
        private readonly Queue<Entry> _entries = new Queue<Entry>();
        private readonly Dictionary<string, Entry> _lastByKey = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        // Released by a worker for each verbose message and each end of work: the pipeline thread wakes and looks.
        private readonly SemaphoreSlim _progress = new SemaphoreSlim(0);
        private readonly CancellationToken _stop;
        private readonly bool _stopOnError;
        private readonly bool _verbose;
        private readonly Action<string> _writeVerbose;
        private readonly Action<Exception, object> _writeFailure;
        private long _lastSeq;
        private long _firstFailure = long.MaxValue;
        private bool _stopping;

        /// <param name="stop">The command's cancellation: Ctrl+C and a downstream stop.</param>
        /// <param name="stopOnError">-ErrorAction Stop: the first failure ends the command, so nothing after it in input order is sent.</param>
        /// <param name="verbose">-Verbose wants each request's trace: without it, no observer is made.</param>
        /// <param name="writeVerbose">Writes one verbose line (pipeline thread).</param>
        /// <param name="writeFailure">Writes one item's failure (pipeline thread).</param>
        public RequestWindow(CancellationToken stop, bool stopOnError, bool verbose, Action<string> writeVerbose, Action<Exception, object> writeFailure)
        {
            _stop = stop;
            _stopOnError = stopOnError;
            _verbose = verbose;
            _writeVerbose = writeVerbose;
            _writeFailure = writeFailure;
        }

        /// <summary>Entries not written yet.</summary>
        public int Count => _entries.Count;

        /// <summary>True while the pipeline thread writes an entry's result: what it writes then goes out at once.</summary>
        public bool IsWriting { get; private set; }

        /// <summary>
        /// Queues one item: waits until fewer than <paramref name="limit"/> entries are unwritten (writing those that
        /// are done), then starts <paramref name="work"/> once every earlier entry sharing one of <paramref name="keys"/>
        /// has ended. <paramref name="write"/> gets its result on the pipeline thread, in input order.
        /// </summary>
        public void Add<T>(int limit, object target, IEnumerable<string> keys, Func<CancellationToken, Task<T>> work, Action<T> write)
        {
            Pump(limit - 1);
            var entry = new Entry<T>(this, ++_lastSeq, target, write);
            var before = new List<Task>();
            if (keys != null)
            {
                foreach (var key in keys)
                {
                    if (key == null) continue;
                    if (_lastByKey.TryGetValue(key, out var last) && !last.Done.IsCompleted && !before.Contains(last.Done)) before.Add(last.Done);
                    _lastByKey[key] = entry;
                }
            }
            entry.Keys = keys;
            var prior = before.ToArray();
            using (RequestObservation.Begin(_verbose ? new IotStudioCmdletBase.VerboseObserver(entry.Post) : null))
            using (ThrottleScope.Begin(limit))
            {
                // As for Run: the work starts on this thread and goes on on the thread pool at its first real wait,
                // its async flow carrying the observer and the limit; under a synchronization context it starts on the
                // pool, so that its continuations never need this thread.
                entry.Done = SynchronizationContext.Current != null ? Task.Run(() => entry.RunAsync(prior, work)) : entry.RunAsync(prior, work);
            }
            // Signalled once the task is complete, so the pipeline thread that wakes up finds it so.
            entry.Done.ContinueWith((_, window) => ((RequestWindow)window).Signal(), this, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _entries.Enqueue(entry);
        }

        /// <summary>Queues an item that failed before anything was sent (a bad argument): its error comes out in its turn.</summary>
        public void AddFailed(object target, Exception error)
        {
            var entry = new Entry<object>(this, ++_lastSeq, target, null);
            entry.Fail(error);
            entry.Done = Task.CompletedTask;
            _entries.Enqueue(entry);
        }

        /// <summary>Writes every entry, waiting for those still in flight (EndProcessing).</summary>
        public void Drain() => Pump(0);

        /// <summary>Cancels everything in flight and forgets it; nothing more is sent.</summary>
        public void Dispose()
        {
            // Cancelled, not disposed: a worker may still be on its way out; the command's token source goes with the cmdlet.
            CancelAfter(0);
            _entries.Clear();
            _lastByKey.Clear();
        }

        // Writes the finished entries at the head; waits for the head while more than `keep` are unwritten, or while a
        // failure under -ErrorAction Stop is still to be written (writing it ends the command).
        private void Pump(int keep)
        {
            try
            {
                for (;;)
                {
                    var failure = Interlocked.Read(ref _firstFailure);
                    if (failure != long.MaxValue)
                    {
                        CancelAfter(failure);
                        keep = 0;
                    }
                    if (_entries.Count == 0) return;
                    var head = _entries.Peek();
                    head.WriteMessages(_writeVerbose);
                    if (!head.Done.IsCompleted)
                    {
                        if (_entries.Count <= keep) return;
                        try
                        {
                            _progress.Wait(_stop);
                        }
                        catch (OperationCanceledException)
                        {
                            throw new PipelineStoppedException();
                        }
                        continue;
                    }
                    _entries.Dequeue();
                    Forget(head);
                    head.WriteMessages(_writeVerbose);
                    IsWriting = true;
                    try
                    {
                        head.WriteResult();
                    }
                    finally
                    {
                        IsWriting = false;
                    }
                }
            }
            catch
            {
                // Ctrl+C, a downstream Select-Object -First, or an error that -ErrorAction Stop made terminating.
                CancelAfter(0);
                throw;
            }
        }

        private void Forget(Entry entry)
        {
            if (entry.Keys == null) return;
            foreach (var key in entry.Keys)
                if (key != null && _lastByKey.TryGetValue(key, out var last) && ReferenceEquals(last, entry)) _lastByKey.Remove(key);
        }

        // Cancels the entries after `seq` in input order (all of them for 0); none of them sends anything more.
        private void CancelAfter(long seq)
        {
            if (seq == 0) _stopping = true;
            foreach (var entry in _entries)
                if (entry.Seq > seq) entry.Cancel();
        }

        private void Signal()
        {
            try { _progress.Release(); }
            catch (ObjectDisposedException) { }
        }

        private abstract class Entry
        {
            private readonly ConcurrentQueue<string> _messages = new ConcurrentQueue<string>();
            private readonly CancellationTokenSource _cancel;

            protected Entry(RequestWindow window, long seq, object target)
            {
                Window = window;
                Seq = seq;
                Target = target;
                _cancel = CancellationTokenSource.CreateLinkedTokenSource(window._stop);
            }

            protected RequestWindow Window { get; }
            public long Seq { get; }
            public object Target { get; }
            public IEnumerable<string> Keys { get; set; }
            public Task Done { get; set; }
            protected Exception Error { get; private set; }
            protected CancellationToken Token => _cancel.Token;

            public void Post(string message)
            {
                _messages.Enqueue(message);
                Window.Signal();
            }

            public void WriteMessages(Action<string> write)
            {
                while (_messages.TryDequeue(out var message)) write(message);
            }

            public void Fail(Exception error)
            {
                Error = error;
                // Under -ErrorAction Stop the first failure in input order ends the command: remember the earliest.
                if (!Window._stopOnError || error is OperationCanceledException) return;
                long seen;
                while (Seq < (seen = Interlocked.Read(ref Window._firstFailure)))
                    if (Interlocked.CompareExchange(ref Window._firstFailure, Seq, seen) == seen) break;
            }

            public void Cancel()
            {
                try { _cancel.Cancel(); }
                catch (ObjectDisposedException) { }
            }

            public void Release() => _cancel.Dispose();

            /// <summary>Writes the output, or the error (pipeline thread).</summary>
            public void WriteResult()
            {
                Release();
                if (Error == null)
                {
                    WriteOutput();
                    return;
                }
                if (Error is OperationCanceledException && (Window._stopping || Window._stop.IsCancellationRequested || Seq > Interlocked.Read(ref Window._firstFailure)))
                    throw new PipelineStoppedException();
                Window._writeFailure(Error, Target);
            }

            protected abstract void WriteOutput();
        }

        private sealed class Entry<T> : Entry
        {
            private readonly Action<T> _write;
            private T _result;

            public Entry(RequestWindow window, long seq, object target, Action<T> write) : base(window, seq, target) { _write = write; }

            public async Task RunAsync(Task[] before, Func<CancellationToken, Task<T>> work)
            {
                try
                {
                    // The earlier entries on the same resource end first (they never fault: RunAsync catches everything).
                    if (before.Length == 1) await before[0].ConfigureAwait(false);
                    else if (before.Length > 1) await Task.WhenAll(before).ConfigureAwait(false);
                    Token.ThrowIfCancellationRequested();
                    if (Seq > Interlocked.Read(ref Window._firstFailure)) throw new OperationCanceledException();
                    _result = await work(Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Fail(ex);
                }
            }

            protected override void WriteOutput() => _write?.Invoke(_result);
        }
    }
}
