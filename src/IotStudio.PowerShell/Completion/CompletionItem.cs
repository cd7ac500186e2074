namespace IotStudio.PowerShell.Completion
{
    /// <summary>One value a completer offers: what is inserted, what else it matches (a Thing's title), and its tooltip.</summary>
    internal sealed class CompletionItem
    {
        public CompletionItem(string value, string tooltip = null, string alsoMatches = null, string kind = null)
        {
            Value = value;
            Kind = kind;
            Tooltip = string.IsNullOrEmpty(tooltip) ? value : tooltip;
            AlsoMatches = alsoMatches;
        }

        /// <summary>The text inserted.</summary>
        public string Value { get; }
        /// <summary>Shown for the selected value in the completion list.</summary>
        public string Tooltip { get; }
        /// <summary>What it names, where one list holds several kinds (a Thing's property, action and event names).</summary>
        public string Kind { get; }
        /// <summary>Another text the word may start with to offer this value (a Thing's title for its id).</summary>
        public string AlsoMatches { get; }
    }
}
