using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>
    /// One Tab press: the word typed so far, the command around it, the connection and space to ask (-Connection and
    /// -Space already typed, else the runspace default), and how to turn values into completion results.
    /// </summary>
    internal sealed class CompletionRequest
    {
        private readonly string _quote;
        private IotStudioConnection _connection;
        private bool _connectionResolved;

        public CompletionRequest(string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = wordToComplete ?? "";
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
            {
                _quote = word.Substring(0, 1);
                word = word.Substring(1);
                if (word.EndsWith(_quote, StringComparison.Ordinal)) word = word.Substring(0, word.Length - 1);
            }
            Word = word;
            CommandAst = commandAst;
            Bound = fakeBoundParameters ?? new Hashtable();
        }

        /// <summary>The word typed so far, without its quote.</summary>
        public string Word { get; }
        /// <summary>The command being completed.</summary>
        public CommandAst CommandAst { get; }
        /// <summary>The parameters already typed whose values could be read safely.</summary>
        public IDictionary Bound { get; }

        /// <summary>-Connection as typed, else the runspace default; null when there is no open one.</summary>
        public IotStudioConnection Connection
        {
            get
            {
                if (_connectionResolved) return _connection;
                _connectionResolved = true;
                var typed = Unwrap(Bound["Connection"]) as IotStudioConnection;
                var connection = typed ?? ConnectionStore.Default;
                _connection = connection != null && connection.IsConnected ? connection : null;
                return _connection;
            }
        }

        /// <summary>-Space as typed, else the connection's.</summary>
        public string Space => BoundString("Space") ?? Connection?.Space;

        /// <summary>A typed parameter's value as one string (the first of an array), or null.</summary>
        public string BoundString(string name)
        {
            var value = Unwrap(Bound[name]);
            if (value is string s) return string.IsNullOrEmpty(s) ? null : s;
            if (value is IEnumerable list)
                foreach (var item in list)
                    return Unwrap(item) as string;
            return null;
        }

        /// <summary>The values that match the word (a prefix, or a wildcard pattern), sorted, quoted when they need it.</summary>
        public IEnumerable<CompletionResult> Results(IEnumerable<CompletionItem> items)
        {
            var pattern = WildcardPattern.Get(WildcardPattern.Escape(Word).Replace("`*", "*").Replace("`?", "?") + "*", WildcardOptions.IgnoreCase);
            return items
                .Where(i => !string.IsNullOrEmpty(i.Value) && (pattern.IsMatch(i.Value) || (i.AlsoMatches != null && pattern.IsMatch(i.AlsoMatches))))
                .GroupBy(i => i.Value, StringComparer.Ordinal).Select(g => g.First())
                .OrderBy(i => i.Value, StringComparer.OrdinalIgnoreCase)
                .Select(i => new CompletionResult(Quote(i.Value), i.Value, CompletionResultType.ParameterValue, i.Tooltip));
        }

        private string Quote(string value)
        {
            if (_quote == "\"") return "\"" + value.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\"";
            // A value starting with '-' would read as a parameter name (-Sort -created), one with a space as two words.
            if (_quote != null || value[0] == '-' || value.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[];,|&@#<>".IndexOf(c) >= 0))
                return "'" + value.Replace("'", "''") + "'";
            return value;
        }

        internal static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
