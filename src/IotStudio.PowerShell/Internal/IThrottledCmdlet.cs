namespace IotStudio.PowerShell
{
    /// <summary>
    /// A cmdlet that sends one request per pipeline item through IotStudioCmdletBase.Send, overlapping them: its
    /// -ThrottleLimit says how many may be in flight at once.
    /// </summary>
    internal interface IThrottledCmdlet
    {
        /// <summary>The -ThrottleLimit given, or 0 for the connection's.</summary>
        int ThrottleLimit { get; }
    }
}
