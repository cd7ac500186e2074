using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Freezes a definition (title, description and Thing Description template) as the next version of a Model;
    /// the service numbers it. A piped version is frozen again, with the changes given, as the newest one.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "IotModelVersion", SupportsShouldProcess = true, HelpUri = HelpUris.Cmdlets + "New-IotModelVersion.md")]
    [OutputType(typeof(ThingModelVersion))]
    public sealed class NewIotModelVersionCommand : IotStudioSpaceCmdlet, IThrottledCmdlet
    {
        /// <summary>The Model that gets the new version; binds from a piped Model's Name or a piped version's Model.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "ModelName")]
        [ModelName]
        [PipelineSource(typeof(ThingModel), typeof(ModelDescription))]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ModelNameCompleter))]
        public string Model { get; set; }

        /// <summary>A version from Get-IotModelVersion to start from; the other parameters change its fields.</summary>
        [Parameter(ValueFromPipeline = true)]
        public ThingModelVersion InputObject { get; set; }

        /// <summary>Title of the version.</summary>
        [Parameter]
        public string Title { get; set; }

        /// <summary>Description of the version.</summary>
        [Parameter]
        public string Description { get; set; }

        /// <summary>Title of the Things made from the template.</summary>
        [Parameter]
        public string TemplateTitle { get; set; }

        /// <summary>Description of the Things made from the template.</summary>
        [Parameter]
        public string TemplateDescription { get; set; }

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

        /// <summary>Links of the template: hashtables with href and rel.</summary>
        [Parameter]
        public object[] Links { get; set; }

        /// <summary>Other fields of the version body, sent as given.</summary>
        [Parameter]
        public Hashtable AdditionalProperties { get; set; }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            if (!ShouldProcess(InSpace(Model, space), Strings.ShouldCreateModelVersion)) return;
            ForItem(Model, () =>
            {
                var title = Bound(nameof(Title)) ? Title : InputObject?.Title;
                var description = Bound(nameof(Description)) ? Description : InputObject?.Description;
                var extra = InputObject == null ? new OrderedDictionary() : PlainValue.Map(InputObject.AdditionalProperties);
                if (AdditionalProperties != null) foreach (DictionaryEntry kv in PlainValue.Map(AdditionalProperties)) extra[kv.Key] = kv.Value;
                var template = Template();
                var model = Model;
                var models = connection.Client.Models;
                // Versions of one Model are numbered in the order they arrive: they are sent one after the other.
                Send(model, space + "/" + model, ct => models.CreateVersionAsync(space, model, title, description, template, extra, ct), WriteObject);
            });
        }

        // The piped version's template (made plain: values edited in the pipeline arrive as PSObjects), with the given fields over it.
        private ThingModelTemplate Template()
        {
            var source = InputObject?.Template;
            var given = Bound(nameof(TemplateTitle)) || Bound(nameof(TemplateDescription)) || Bound(nameof(PropertyAffordances)) ||
                        Bound(nameof(ActionAffordances)) || Bound(nameof(EventAffordances)) || Bound(nameof(Links));
            if (source == null && !given) return null;
            var t = source?.Clone() ?? new ThingModelTemplate();
            t.Properties = PlainValue.Map(Bound(nameof(PropertyAffordances)) ? PropertyAffordances : (object)t.Properties);
            t.Actions = PlainValue.Map(Bound(nameof(ActionAffordances)) ? ActionAffordances : (object)t.Actions);
            t.Events = PlainValue.Map(Bound(nameof(EventAffordances)) ? EventAffordances : (object)t.Events);
            var links = Bound(nameof(Links)) ? Links : t.Links;
            t.Links = links == null ? null : ((List<object>)PlainValue.From(links)).ToArray();
            t.AdditionalProperties = PlainValue.Map(t.AdditionalProperties) ?? new OrderedDictionary();
            if (Bound(nameof(TemplateTitle))) t.Title = TemplateTitle;
            if (Bound(nameof(TemplateDescription))) t.Description = TemplateDescription;
            return t;
        }
    }
}
