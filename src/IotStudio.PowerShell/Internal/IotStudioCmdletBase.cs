using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Auth;
using IotStudio.Http;
using IotStudio.Paging;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Base of every API cmdlet: finds the connection, owns the cancellation that Ctrl+C and a downstream stop
    /// trigger, bridges Core's async calls onto the pipeline thread, and turns failures into ErrorRecords.
    /// </summary>
    public abstract class IotStudioCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private string _noun;
        private IotStudioConnection _connection;
        private RequestWindow _window;
        private ProgressReporter _writeProgress;

        /// <summary>Items a write command handles before it shows a bar: a short pipeline shows none.</summary>
        internal const int WriteQuietItems = 50;

        /// <summary>An explicit connection, if the cmdlet takes one.</summary>
        protected virtual IotStudioConnection ExplicitConnection => null;

        /// <summary>The noun without its prefix, for error ids: "Thing", "Category".</summary>
        protected string ErrorNoun
        {
            get
            {
                if (_noun != null) return _noun;
                var noun = GetType().GetCustomAttribute<CmdletAttribute>()?.NounName ?? "IotStudio";
                if (noun.StartsWith("IotStudio", StringComparison.Ordinal) && noun.Length > 9) noun = noun.Substring(9);
                else if (noun.StartsWith("Iot", StringComparison.Ordinal) && noun.Length > 3) noun = noun.Substring(3);
                return _noun = noun;
            }
        }

        /// <summary>-Connection, else the runspace default; a terminating error when there is none.</summary>
        protected IotStudioConnection ResolveConnection()
        {
            Loading.DisplayData.EnsureLoaded(this);
            // A module object this cmdlet is not meant for stops it before anything is sent (see PipelineInput).
            var refused = PipelineInput.Refusal(this);
            if (refused != null) ThrowTerminatingError(refused);
            var connection = ExplicitConnection ?? ConnectionStore.Default;
            if (connection == null)
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(Strings.NotConnected), "NotConnected", ErrorCategory.ConnectionError, null));
            if (!connection.IsConnected)
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.ConnectionClosed, connection.ApiUrl)),
                    "ConnectionClosed", ErrorCategory.ConnectionError, connection));
            return _connection = connection;
        }

        /// <summary>
        /// PowerShell's ShouldProcess, except that a cmdlet with -Force (<see cref="ISupportsForce"/>) does not ask;
        /// -WhatIf still sends nothing. Every cmdlet's ShouldProcess(target, action) call comes here.
        /// </summary>
        protected new bool ShouldProcess(string target, string action) => Confirmation.ShouldProcess(this, target, action);

        /// <summary>Runs one Core call on the pipeline thread, writing its verbose trace as it happens.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> operation) => Finish(Start(operation, _cancel.Token));

        /// <summary>A Core call under way: its task, and its verbose trace when -Verbose wants one.</summary>
        private sealed class Call<T>
        {
            public Task<T> Task;
            public BlockingCollection<string> Messages;
        }

        // Starts a call. The call costs what it waits for and little more: without -Verbose there is no pump, no
        // observer and no thread hop. The call starts on this thread and runs until its first real wait, then goes on
        // on the thread pool (Core awaits with ConfigureAwait(false)), carrying the observer in its async flow; under a
        // synchronization context it starts on the pool instead, so that its continuations never need this thread.
        private Call<T> Start<T>(Func<CancellationToken, Task<T>> operation, CancellationToken token)
        {
            var call = new Call<T>();
            IRequestObserver observer = null;
            if (VerboseWanted)
            {
                call.Messages = new BlockingCollection<string>();
                observer = new VerboseObserver(call.Messages);
            }
            using (RequestObservation.Begin(observer))
            {
                if (SynchronizationContext.Current != null) call.Task = Task.Run(() => operation(token));
                else
                {
                    try { call.Task = operation(token); }
                    catch (Exception ex) { call.Task = Task.FromException<T>(ex); }
                }
            }
            if (call.Messages != null)
            {
                var messages = call.Messages;
                call.Task.ContinueWith(_ => messages.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return call;
        }

        // Waits for a call on the pipeline thread, writing its verbose trace as it comes.
        private T Finish<T>(Call<T> call)
        {
            PipelineStoppedException stopped = null;
            if (call.Messages != null)
            {
                foreach (var message in call.Messages.GetConsumingEnumerable())
                {
                    if (stopped != null) continue;
                    // A stopping pipeline refuses output; the call itself must still finish (a revoke after Ctrl+C).
                    try { WriteVerbose(message); }
                    catch (PipelineStoppedException ex) { stopped = ex; }
                }
            }
            try
            {
                var result = call.Task.GetAwaiter().GetResult();
                if (stopped != null) throw stopped;
                return result;
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (OperationCanceledException ex)
            {
                // Not Ctrl+C: the connection was closed meanwhile, or a close ran out of time.
                throw new IotStudioTransportException(Strings.RequestCancelled, null, null, true, ex);
            }
        }

        private bool? _verboseWanted;

        // -Verbose, or $VerbosePreference when it is not given; read once per command.
        internal bool VerboseWanted
        {
            get
            {
                if (_verboseWanted.HasValue) return _verboseWanted.Value;
                bool wanted;
                if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound)) wanted = LanguagePrimitives.IsTrue(bound);
                else
                {
                    var preference = GetVariableValue("VerbosePreference");
                    wanted = preference != null && LanguagePrimitives.TryConvertTo<ActionPreference>(preference, out var p) &&
                             p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
                }
                _verboseWanted = wanted;
                return wanted;
            }
        }

        /// <summary>Runs a Core call that returns nothing.</summary>
        protected void Run(Func<CancellationToken, Task> operation) =>
            Run<bool>(async ct => { await operation(ct).ConfigureAwait(false); return true; });

        /// <summary>
        /// The -ThrottleLimit in effect: the cmdlet's (<see cref="IThrottledCmdlet"/>) when given, else the connection's.
        /// </summary>
        protected int ThrottleLimitInEffect
        {
            get
            {
                var given = (this as IThrottledCmdlet)?.ThrottleLimit ?? 0;
                return given > 0 ? given : _connection?.ThrottleLimit ?? 1;
            }
        }

        /// <summary>
        /// Sends one pipeline item's request(s) and writes what comes back. With -ThrottleLimit 1 that happens at once,
        /// exactly as <see cref="ForItem"/> around <see cref="Run{T}"/>; otherwise the item joins the command's window of
        /// up to -ThrottleLimit items in flight, and its output, error and verbose text still come out in input order.
        /// Items that share a <paramref name="key"/> (the same Thing, Category, property...) are sent one after the other,
        /// in input order. <paramref name="send"/> runs later on another thread: read every parameter before the call.
        /// </summary>
        protected void Send<T>(object target, string key, Func<CancellationToken, Task<T>> send, Action<T> write) =>
            Send(target, key == null ? null : new[] { key }, send, write);

        /// <summary>Sends one item's request(s) like <see cref="Send{T}(object, string, Func{CancellationToken, Task{T}}, Action{T})"/>, for an item no other item can touch (it creates something new).</summary>
        protected void Send<T>(object target, Func<CancellationToken, Task<T>> send, Action<T> write) =>
            Send(target, (IEnumerable<string>)null, send, write);

        /// <summary>Sends one item's request(s) like <see cref="Send{T}(object, string, Func{CancellationToken, Task{T}}, Action{T})"/>, for an item that touches several resources.</summary>
        protected void Send<T>(object target, IEnumerable<string> keys, Func<CancellationToken, Task<T>> send, Action<T> write)
        {
            var limit = ThrottleLimitInEffect;
            // Write-side progress: items done (written or failed) and their rate, once a pipeline runs past a few dozen.
            _writeProgress ??= new ProgressReporter(this, "Sent", quietUpdates: WriteQuietItems, minInterval: TimeSpan.FromMilliseconds(250));
            if (limit <= 1 && (_window == null || _window.Count == 0))
            {
                ForItem(target, () => write(Run(send)));
                _writeProgress.Add(1);
                return;
            }
            if (_window == null) _window = new RequestWindow(_cancel.Token, ErrorActionIsStop(), VerboseWanted, WriteVerbose, WriteFailure);
            _window.Add(limit, target, keys, send, result => ForItem(target, () => write(result)));
            _writeProgress.Add(1);
        }

        /// <summary>Sends one item's request(s) that answer nothing; see <see cref="Send{T}(object, string, Func{CancellationToken, Task{T}}, Action{T})"/>.</summary>
        protected void Send(object target, string key, Func<CancellationToken, Task> send, Action write = null) =>
            Send<bool>(target, key, async ct => { await send(ct).ConfigureAwait(false); return true; }, _ => write?.Invoke());

        /// <summary>Writes everything still in flight, in input order, waiting for it.</summary>
        protected void DrainRequests()
        {
            try { _window?.Drain(); }
            finally { _writeProgress?.Complete(); }
        }

        /// <inheritdoc />
        protected override void EndProcessing() => DrainRequests();

        // -ErrorAction Stop, given or from $ErrorActionPreference: the first failure ends the command.
        private bool ErrorActionIsStop()
        {
            if (!MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var value)) value = GetVariableValue("ErrorActionPreference");
            return value != null && LanguagePrimitives.TryConvertTo<ActionPreference>(value, out var preference) && preference == ActionPreference.Stop;
        }

        // An item's failure that surfaced in the window. A cancellation that is not Ctrl+C is the connection closing.
        private void WriteFailure(Exception ex, object target)
        {
            if (ex is OperationCanceledException) ex = new IotStudioTransportException(Strings.RequestCancelled, null, null, true, ex);
            if (!IsItemFailure(ex)) ExceptionDispatchInfo.Capture(ex).Throw();
            WriteError(ErrorMapper.ToRecord(ex, ErrorNoun, target));
        }

        /// <summary>
        /// Writes items page by page as each page is parsed, honouring -Skip and -First without fetching more than
        /// they need. With a <paramref name="filter"/> (client-side matching), -Skip and -First count matches only,
        /// and pages are fetched until -First matches are written. <paramref name="output"/> turns an item into what
        /// is written. -IncludeTotalCount writes the total first: known when the pager counts (a query cursor), after
        /// its first page; unknown otherwise. Returns the number written.
        /// </summary>
        protected long StreamPages<T>(Func<long?, IPager<T>> createPager, Predicate<T> filter = null, Func<T, object> output = null)
        {
            var skip = (long)Math.Min(PagingSkip, long.MaxValue / 2);
            var first = (long)Math.Min(PagingFirst, (ulong)(long.MaxValue / 2));
            long? cap = null;
            if (PagingFirst != ulong.MaxValue && filter == null) cap = skip + first;
            var includeTotal = SupportsPagingActive && PagingParameters.IncludeTotalCount;
            var pager = createPager(cap);
            var counted = pager as ICountedPager;
            if (includeTotal && counted == null) WriteTotalCount(null);
            var totalPending = includeTotal && counted != null;
            long seen = 0, written = 0;
            using var progress = new ProgressReporter(this, Strings.ProgressRead, ProgressReporter.ListQuietPages);
            // A plain list (GET pages, safe to ask for ahead) that the pipeline keeps reading past its first page is
            // probably read to the end: from then on the next page is fetched while this one is written, so the
            // network and the parsing overlap with the pipeline. The first page never asks ahead, so
            // "| Select-Object -First 5" still sends one request; an early stop later leaves at most one page unread.
            var readAhead = filter == null && pager is CursorPager<T>;
            var pages = 0;
            Call<IReadOnlyList<T>> ahead = null;
            CancellationTokenSource aheadCancel = null;
            try
            {
                while (written < first && (ahead != null || pager.HasMore))
                {
                    var items = ahead != null ? Finish(ahead) : Run(ct => pager.NextPageAsync(ct));
                    ahead = null;
                    pages++;
                    if (totalPending)
                    {
                        WriteTotalCount(counted.TotalCount);
                        totalPending = false;
                    }
                    if (readAhead && pages >= 2 && pager.HasMore && seen + items.Count < skip + first)
                    {
                        aheadCancel = aheadCancel ?? CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
                        ahead = Start(ct => pager.NextPageAsync(ct), aheadCancel.Token);
                    }
                    // Pages counted here: the pager's own count may already include the page being read ahead.
                    progress.Total = counted?.TotalCount;
                    progress.Add(items.Count, string.Format(CultureInfo.CurrentCulture, Strings.ProgressPage, pages));
                    foreach (var item in items)
                    {
                        if (filter != null && !filter(item)) continue;
                        if (seen++ < skip) continue;
                        WriteObject(output == null ? item : output(item));
                        if (++written >= first) break;
                    }
                }
            }
            finally
            {
                if (ahead != null) Abandon(ahead, aheadCancel);
                else aheadCancel?.Dispose();
            }
            if (totalPending) WriteTotalCount(null);
            return written;
        }

        // The pipeline stopped (or failed) with a page still being fetched: cancel it, and let its end go unobserved.
        private static void Abandon<T>(Call<T> call, CancellationTokenSource cancel)
        {
            try { cancel.Cancel(); }
            catch (ObjectDisposedException) { }
            call.Task.ContinueWith(t => { _ = t.Exception; cancel.Dispose(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>
        /// -PageSize when the caller gave it, else null: the list then starts at the API's default page (or -First, when
        /// smaller) and doubles each page up to 1000, so a short look costs one small request and a full listing few.
        /// </summary>
        protected int? GivenPageSize =>
            MyInvocation.BoundParameters.TryGetValue("PageSize", out var value) && value != null ? LanguagePrimitives.ConvertTo<int>(value) : (int?)null;

        private void WriteTotalCount(long? total) =>
            WriteObject(total.HasValue ? PagingParameters.NewTotalCount((ulong)Math.Max(0, total.Value), 1.0) : PagingParameters.NewTotalCount(0, 0.0));

        private bool? _supportsPaging;

        // Read once per command: StreamPages asks for every piped item.
        private bool SupportsPagingActive => _supportsPaging ??= GetType().GetCustomAttribute<CmdletAttribute>()?.SupportsPaging == true;
        private ulong PagingSkip => SupportsPagingActive ? PagingParameters.Skip : 0;
        private ulong PagingFirst => SupportsPagingActive ? PagingParameters.First : ulong.MaxValue;

        /// <summary>
        /// A non-terminating error for one item; the pipeline goes on with the next. While earlier items are still in
        /// flight the error waits for its turn, so output and errors keep the input order.
        /// </summary>
        protected void WriteItemError(Exception ex, object target)
        {
            if (ex is PipelineStoppedException || ex is OperationCanceledException) throw ex;
            if (_window != null && _window.Count > 0 && !_window.IsWriting)
            {
                _window.AddFailed(target, ex);
                return;
            }
            WriteError(ErrorMapper.ToRecord(ex, ErrorNoun, target));
        }

        /// <summary>Ends the command with an error mapped like <see cref="WriteItemError"/>, after the items before it.</summary>
        protected void ThrowItemError(Exception ex, object target)
        {
            DrainRequests();
            ThrowTerminatingError(ErrorMapper.ToRecord(ex, ErrorNoun, target));
        }

        /// <summary>Writes a non-terminating error, with a recommended action when it has none (see <see cref="ErrorMapper.Complete"/>).</summary>
        protected new void WriteError(ErrorRecord errorRecord) => base.WriteError(ErrorMapper.Complete(errorRecord, MyInvocation?.MyCommand?.Name));

        /// <summary>Ends the command with an error, with a recommended action when it has none (see <see cref="ErrorMapper.Complete"/>).</summary>
        protected new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(ErrorMapper.Complete(errorRecord, MyInvocation?.MyCommand?.Name));

        /// <summary>Runs <paramref name="action"/> for one item; a Core or argument failure becomes that item's error.</summary>
        protected void ForItem(object target, Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                WriteItemError(ex, target);
            }
        }

        /// <summary>The failures that belong to one item (as opposed to bugs or a stopped pipeline).</summary>
        protected static bool IsItemFailure(Exception ex) =>
            ex is IotStudioException || ex is ArgumentException || ex is InvalidOperationException || ex is FormatException ||
            ex is InvalidCastException || ex is OverflowException;

        /// <summary>Revokes (where possible) and closes a connection, reporting a failed revoke as a warning-level error.</summary>
        protected void CloseConnection(IotStudioConnection connection)
        {
            if (connection == null || !connection.IsConnected) return;
            var revocable = connection.Client.CanRevoke;
            try
            {
                // Closing must still happen after Ctrl+C has cancelled the command's own token.
                using (var closing = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                    Run(_ => connection.Client.DisconnectAsync(closing.Token));
            }
            catch (Exception ex) when (ex is IotStudioException || ex is ObjectDisposedException)
            {
                // The client is disposed either way; a failed revoke is reported, not fatal.
                WriteError(ErrorMapper.ToRecord(ex, "Connection", connection));
            }
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.Disconnected, connection.ApiUrl, revocable ? Strings.Revoked : ""));
            if (!revocable) WriteVerbose(Strings.NotRevocable);
        }
        /// <inheritdoc />
        protected override void StopProcessing()
        {
            try { _cancel.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _window?.Dispose();
            _writeProgress?.Complete();
            _cancel.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Turns Core's request events into verbose lines, for a call's pump or a window entry.</summary>
        internal sealed class VerboseObserver : IRequestObserver
        {
            private readonly Action<string> _post;

            public VerboseObserver(BlockingCollection<string> sink) : this(message =>
            {
                try { sink.Add(message); }
                catch (InvalidOperationException) { }
            })
            {
            }

            public VerboseObserver(Action<string> post) { _post = post; }

            private void Post(string message) => _post(message);

            public void OnAttempt(RequestTrace t) => Post(t.StatusCode > 0
                ? string.Format(CultureInfo.CurrentCulture, Strings.VerboseRequest, t.Method, t.Path, t.StatusCode, t.Duration.TotalMilliseconds)
                : string.Format(CultureInfo.CurrentCulture, Strings.VerboseRequestFailed, t.Method, t.Path, t.Duration.TotalMilliseconds, t.Error));

            public void OnRetry(RetryNotice n) => Post(string.Format(CultureInfo.CurrentCulture, Strings.VerboseRetry,
                n.Delay.TotalSeconds, n.NextAttempt, n.MaxAttempts, n.Method, n.Path, n.Reason));

            public void OnToken(string message) => Post(message);
        }
    }
}
