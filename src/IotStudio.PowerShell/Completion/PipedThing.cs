using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>
    /// The Thing whose names a property, action or event completer offers: -ThingId as typed, else what the pipeline
    /// feeds the command: a variable holding a Thing (read without a request), or a Get-IotThing whose filters are
    /// constants (its first Thing, one request). Anything else offers nothing: no other command is ever run.
    /// </summary>
    internal static class PipedThing
    {
        private static readonly IReadOnlyList<CompletionItem> None = new CompletionItem[0];
        private static readonly string[] ThingFilters = { "Id", "Title", "Category", "InCategory", "Model", "Type", "Space" };

        public static IReadOnlyList<CompletionItem> Names(CompletionRequest r)
        {
            var id = r.BoundString("ThingId");
            if (id != null) return ServiceLists.ThingById(r, r.Space, id, r.BoundString("Category"));

            if (!(r.CommandAst.Parent is PipelineAst pipeline)) return None;
            var index = pipeline.PipelineElements.IndexOf(r.CommandAst);
            if (index < 1) return None;
            switch (pipeline.PipelineElements[index - 1])
            {
                // A plain variable only: a drive-qualified one (${c:\big.json}, $env:X) would read a provider.
                case CommandExpressionAst e when e.Expression is VariableExpressionAst variable && variable.VariablePath.IsVariable:
                    return FromValue(r, VariableValue(variable));
                case CommandAst upstream when string.Equals(upstream.GetCommandName(), "Get-IotThing", StringComparison.OrdinalIgnoreCase):
                    return FromGetIotThing(r, upstream);
                default:
                    return None;
            }
        }

        // Reading a plain variable has no side effects; the first item of a collection stands for all.
        private static object VariableValue(VariableExpressionAst variable)
        {
            var value = ScriptBlock.Create(variable.Extent.Text).Invoke().FirstOrDefault();
            return CompletionRequest.Unwrap(value);
        }

        private static IReadOnlyList<CompletionItem> FromValue(CompletionRequest r, object value)
        {
            if (value is Thing thing) return ServiceLists.Affordances(thing);
            if (value == null || value is string) return None;
            var pso = PSObject.AsPSObject(value);
            var id = (pso.Properties["Uid"]?.Value ?? pso.Properties["ThingId"]?.Value) as string;
            if (id == null) return None;
            var space = pso.Properties["Space"]?.Value as string ?? r.Space;
            return ServiceLists.ThingById(r, space, id, null);
        }

        private static IReadOnlyList<CompletionItem> FromGetIotThing(CompletionRequest r, CommandAst upstream)
        {
            var bound = StaticParameterBinder.BindCommand(upstream, true).BoundParameters;
            var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in ThingFilters)
            {
                if (!bound.TryGetValue(name, out var binding)) continue;
                var constant = Constants(binding);
                // A filter that is not a constant could name any Thing: offer nothing rather than another Thing's names.
                if (constant == null) return None;
                values[name] = constant;
            }
            string One(string name) => values.TryGetValue(name, out var v) ? v.FirstOrDefault() : null;
            var space = One("Space") ?? r.Space;
            var category = One("Category");
            var id = One("Id");
            if (id != null) return ServiceLists.ThingById(r, space, id, category);
            var query = new ThingQuery
            {
                Category = category,
                Title = One("Title"),
                Model = One("Model"),
                Type = One("Type"),
                InCategories = values.TryGetValue("InCategory", out var inCategory) ? inCategory : null,
            };
            var key = string.Join("\n", values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + string.Join(",", kv.Value)));
            return ServiceLists.FirstThing(r, space, query, key);
        }

        private static string[] Constants(ParameterBindingResult binding)
        {
            switch (binding.Value)
            {
                case StringConstantExpressionAst s: return new[] { s.Value };
                case ConstantExpressionAst c: return new[] { Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture) };
                case ArrayLiteralAst a when a.Elements.All(e => e is StringConstantExpressionAst):
                    return a.Elements.Cast<StringConstantExpressionAst>().Select(e => e.Value).ToArray();
                default: return null;
            }
        }
    }
}
