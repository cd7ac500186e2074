using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Completion
{
    /// <summary>The lists the completers read from the service: one page each, through <see cref="CompletionCache"/>.</summary>
    internal static class ServiceLists
    {
        /// <summary>Names per request: Categories and Models are small objects, so one page holds many.</summary>
        public const int NamePage = 1000;
        /// <summary>Things per request: a Thing carries its whole description.</summary>
        public const int ThingPage = 100;

        private static readonly IReadOnlyList<CompletionItem> None = new CompletionItem[0];

        public static IReadOnlyList<CompletionItem> Categories(CompletionRequest r) =>
            Read(r, r.Space, "categories", async (c, space, ct) =>
                (await c.Client.Categories.List(space, NamePage, NamePage).NextPageAsync(ct).ConfigureAwait(false))
                    .Select(x => new CompletionItem(x.Name, Describe(x.Name, x.Description))).ToArray());

        public static IReadOnlyList<CompletionItem> Models(CompletionRequest r) =>
            Read(r, r.Space, "models", async (c, space, ct) =>
                (await c.Client.Models.List(space, NamePage, NamePage).NextPageAsync(ct).ConfigureAwait(false))
                    .Select(x => new CompletionItem(x.Name, Describe(x.Name, x.Description))).ToArray());

        /// <summary>Thing ids, each also matching its title, with the title as tooltip; inside -Category when one is typed.</summary>
        public static IReadOnlyList<CompletionItem> Things(CompletionRequest r)
        {
            var category = r.BoundString("Category");
            return Read(r, r.Space, "things\n" + category, async (c, space, ct) =>
                (await c.Client.Things.List(space, new ThingQuery { Category = category }, ThingPage, ThingPage).NextPageAsync(ct).ConfigureAwait(false))
                    .Select(t => new CompletionItem(t.Uid, string.IsNullOrEmpty(t.Title) ? t.Uid : t.Title, t.Title)).ToArray());
        }

        /// <summary>The property, action and event names of one Thing read by id.</summary>
        public static IReadOnlyList<CompletionItem> ThingById(CompletionRequest r, string space, string id, string category) =>
            Read(r, space, "thing\n" + category + "\n" + id, async (c, s, ct) =>
                Affordances(await c.Client.Things.GetAsync(new ThingPath(s, id, category), ct).ConfigureAwait(false)));

        /// <summary>The property, action and event names of the first Thing a list filter finds.</summary>
        public static IReadOnlyList<CompletionItem> FirstThing(CompletionRequest r, string space, ThingQuery query, string key) =>
            Read(r, space, "first-thing\n" + key, async (c, s, ct) =>
            {
                var page = await c.Client.Things.List(s, query, 1, 1).NextPageAsync(ct).ConfigureAwait(false);
                return page.Count == 0 ? None : Affordances(page[0]);
            });

        /// <summary>A Thing's names: properties (affordances and current values), actions and events, each tagged with its kind.</summary>
        public static IReadOnlyList<CompletionItem> Affordances(Thing thing)
        {
            var owner = string.IsNullOrEmpty(thing.Title) ? thing.Uid : thing.Title;
            var items = new List<CompletionItem>();
            void Add(string kind, IDictionary map, bool affordances)
            {
                if (map == null) return;
                foreach (DictionaryEntry kv in map)
                {
                    if (!(kv.Key is string name)) continue;
                    var about = affordances && kv.Value is IDictionary a ? About(a) : "";
                    items.Add(new CompletionItem(name, $"{name}{about}, {kind} of {owner}", null, kind));
                }
            }
            Add(AffordanceKind.Property, thing.Properties, true);
            Add(AffordanceKind.Property, thing.Status, false);
            Add(AffordanceKind.Action, thing.Actions, true);
            Add(AffordanceKind.Event, thing.Events, true);
            return items;
        }

        private static IReadOnlyList<CompletionItem> Read(CompletionRequest r, string space, string key,
            Func<IotStudioConnection, string, CancellationToken, Task<IReadOnlyList<CompletionItem>>> fetch)
        {
            var connection = r.Connection;
            if (connection == null || string.IsNullOrEmpty(space)) return None;
            return CompletionCache.Get(connection, space + "\n" + key, ct => fetch(connection, space, ct));
        }

        private static string Describe(string name, string description) =>
            string.IsNullOrEmpty(description) ? name : name + ": " + description;

        // " (number): target temperature", from an affordance's type and its description or title.
        private static string About(IDictionary affordance)
        {
            var text = affordance["type"] is string type ? " (" + type + ")" : "";
            var about = affordance["description"] as string ?? affordance["title"] as string;
            return string.IsNullOrEmpty(about) ? text : text + ": " + about;
        }
    }
}
