using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using IotStudio.Api;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>The Thing Description fields that New- and Set-IotThing take as parameters.</summary>
    public abstract class ThingFieldsCmdlet : IotStudioSpaceCmdlet
    {
        /// <summary>Title.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        public string Title { get; set; }

        /// <summary>Description.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Description { get; set; }

        /// <summary>WoT @type values ("a, b" is two).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("@type")]
        [ListText]
        public string[] Type { get; set; }

        /// <summary>WoT @context.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("@context")]
        public object Context { get; set; }

        /// <summary>The Model the Thing follows: its name (a Model, or another Thing's model, gives its name; the version is -ModelVersion).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ModelName]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string Model { get; set; }

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

        /// <summary>Parameters filled from an empty cell of a piped row (Import-Csv): they count as not given.</summary>
        protected ISet<string> BlankCells { get; } = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>True when the parameter was given (an empty CSV cell is not).</summary>
        protected bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name) && !BlankCells.Contains(name);

        /// <summary>The bound fields as Core's <see cref="ThingFields"/>: only what was given is written.</summary>
        protected ThingFields BoundFields()
        {
            var fields = new ThingFields();
            if (AdditionalProperties != null) fields.AdditionalProperties = PlainValue.Map(AdditionalProperties);
            if (Bound(nameof(Title))) fields.Title = Title;
            if (Bound(nameof(Description))) fields.Description = Description;
            if (Bound(nameof(Type))) fields.Type = Type;
            if (Bound(nameof(Context))) fields.Context = PlainValue.From(Context);
            if (Bound(nameof(Model))) fields.Model = ModelArgument.From(Model);
            if (Bound(nameof(ModelVersion))) fields.ModelVersion = ModelVersion;
            if (Bound(nameof(Status))) fields.Status = Status == null ? null : PlainValue.Map(Status);
            if (Bound(nameof(PropertyAffordances))) fields.Properties = PlainValue.Map(PropertyAffordances);
            if (Bound(nameof(ActionAffordances))) fields.Actions = PlainValue.Map(ActionAffordances);
            if (Bound(nameof(EventAffordances))) fields.Events = PlainValue.Map(EventAffordances);
            if (Bound(nameof(Links))) fields.Links = PlainValue.From(Links);
            return fields;
        }
    }
}
