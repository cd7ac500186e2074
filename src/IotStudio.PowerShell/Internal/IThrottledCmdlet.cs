namespace IotStudio.PowerShell
{
    /// <summary>
    /// A cmdlet that sends one request per pipeline item and overlaps them through <see cref="IotStudioCmdletBase.Send{T}(object, string, System.Func{System.Threading.CancellationToken, System.Threading.Tasks.Task{T}}, System.Action{T})"/>:
    /// its -ThrottleLimit says how many may be in flight at once.
    /// </summary>
    internal interface IThrottledCmdlet
    {
        /// <summary>The -ThrottleLimit given, or 0 for the connection's.</summary>
        int ThrottleLimit { get; }
    }
}
