using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>The Thing Description fields that New- and Set-IotThing take as parameters.</summary>
    public abstract class ThingFieldsCmdlet : IotStudioSpaceCmdlet
    {
        /// <summary>Title.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Title { get; set; }

        /// <summary>Description.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Description { get; set; }

        /// <summary>WoT @type values.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("@type")]
        public string[] Type { get; set; }

        /// <summary>WoT @context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("@context")]
        public object Context { get; set; }

        /// <summary>The Model the Thing follows: a name, or a model object from another Thing.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object Model { get; set; }

        /// <summary>The Model version.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public long? ModelVersion { get; set; }

        /// <summary>Property values (status): @{ temperature = 20 }.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public IDictionary Status { get; set; }

        /// <summary>Property affordances by name.</summary>
        [Parameter]
        [Alias("Properties")]
        public Hashtable PropertyAffordances { get; set; }

        /// <summary>Action affordances by name.</summary>
        [Parameter]
        [Alias("Actions")]
        public Hashtable ActionAffordances { get; set; }

        /// <summary>Event affordances by name.</summary>
        [Parameter]
        [Alias("Events")]
        public Hashtable EventAffordances { get; set; }

        /// <summary>Links: hashtables with href and rel.</summary>
        [Parameter]
        public object[] Links { get; set; }

        /// <summary>Other fields (WoT keywords and the like), sent as given.</summary>
        [Parameter]
        public Hashtable AdditionalProperties { get; set; }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>Writes the bound fields over <paramref name="body"/>, an API-shaped dictionary.</summary>
        protected void ApplyFields(OrderedDictionary body)
        {
            if (AdditionalProperties != null) foreach (DictionaryEntry kv in PlainValue.Map(AdditionalProperties)) body[kv.Key] = kv.Value;
            if (Bound(nameof(Title))) Put(body, "title", Title);
            if (Bound(nameof(Description))) Put(body, "description", Description);
            if (Bound(nameof(Type))) Put(body, "@type", Type == null ? null : Type.Length == 1 ? (object)Type[0] : Type);
            if (Bound(nameof(Context))) Put(body, "@context", PlainValue.From(Context));
            if (Bound(nameof(Model)) || Bound(nameof(ModelVersion)))
            {
                var current = ModelArgument.From(body["model"]);
                if (Bound(nameof(Model))) current = ModelArgument.From(Model);
                if (current != null && Bound(nameof(ModelVersion))) current.Version = ModelVersion;
                Put(body, "model", current);
            }
            if (Bound(nameof(Status))) Put(body, "status", Status == null ? null : PlainValue.Map(Status));
            if (Bound(nameof(PropertyAffordances))) Put(body, "properties", PlainValue.Map(PropertyAffordances));
            if (Bound(nameof(ActionAffordances))) Put(body, "actions", PlainValue.Map(ActionAffordances));
            if (Bound(nameof(EventAffordances))) Put(body, "events", PlainValue.Map(EventAffordances));
            if (Bound(nameof(Links))) Put(body, "links", PlainValue.From(Links));
        }

        // A null bound from a piped object's empty property must not add "field": null to a body that never had it.
        private static void Put(OrderedDictionary body, string key, object value)
        {
            if (value == null && !body.Contains(key)) return;
            body[key] = value;
        }
    }
}
