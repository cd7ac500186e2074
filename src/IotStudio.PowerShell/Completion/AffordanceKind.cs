namespace IotStudio.PowerShell.Completion
{
    /// <summary>The kinds of names a Thing offers.</summary>
    internal static class AffordanceKind
    {
        public const string Property = "property";
        public const string Action = "action";
        public const string Event = "event";
    }
}
