using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using IotStudio.Models;

namespace IotStudio.Api
{
    /// <summary>
    /// The Thing Description fields a caller sets on a create or an update. Only the fields that were given are written
    /// over the document, in the API's field names; a field given as null is cleared, or left out when the document never
    /// had it (a piped object's empty property must not add <c>"field": null</c>).
    /// </summary>
    public sealed class ThingFields
    {
        private readonly Dictionary<string, object> _given = new Dictionary<string, object>(StringComparer.Ordinal);
        private bool _modelGiven, _versionGiven;
        private ModelDescription _model;
        private long? _version;

        /// <summary><c>title</c>.</summary>
        public string Title { get => Get<string>("title"); set => _given["title"] = value; }
        /// <summary><c>description</c>.</summary>
        public string Description { get => Get<string>("description"); set => _given["description"] = value; }
        /// <summary><c>@type</c>: one value is sent as a string, several as an array.</summary>
        public string[] Type { get => Get<string[]>("@type"); set => _given["@type"] = value; }
        /// <summary><c>@context</c>.</summary>
        public object Context { get => Get<object>("@context"); set => _given["@context"] = value; }
        /// <summary><c>status</c>: property values.</summary>
        public IDictionary Status { get => Get<IDictionary>("status"); set => _given["status"] = value; }
        /// <summary><c>properties</c>: property affordances.</summary>
        public IDictionary Properties { get => Get<IDictionary>("properties"); set => _given["properties"] = value; }
        /// <summary><c>actions</c>: action affordances.</summary>
        public IDictionary Actions { get => Get<IDictionary>("actions"); set => _given["actions"] = value; }
        /// <summary><c>events</c>: event affordances.</summary>
        public IDictionary Events { get => Get<IDictionary>("events"); set => _given["events"] = value; }
        /// <summary><c>links</c>.</summary>
        public object Links { get => Get<object>("links"); set => _given["links"] = value; }
        /// <summary><c>categories</c> (plain path only): a Thing given none joins none.</summary>
        public string[] Categories { get => Get<string[]>("categories"); set => _given["categories"] = value; }
        /// <summary>The Model (name and optional version); null unbinds.</summary>
        public ModelDescription Model { get => _model; set { _model = value; _modelGiven = true; } }
        /// <summary>The Model version, applied to <see cref="Model"/> or to the document's current Model.</summary>
        public long? ModelVersion { get => _version; set { _version = value; _versionGiven = true; } }
        /// <summary>Other fields (WoT keywords and the like), written first, in the API's names as given.</summary>
        public IDictionary AdditionalProperties { get; set; }

        /// <summary>True when nothing was given.</summary>
        public bool IsEmpty => _given.Count == 0 && !_modelGiven && !_versionGiven && (AdditionalProperties == null || AdditionalProperties.Count == 0);

        private T Get<T>(string key) => _given.TryGetValue(key, out var v) ? (T)v : default;

        /// <summary>Writes the given fields over <paramref name="document"/>, an API-shaped dictionary.</summary>
        public void ApplyTo(IDictionary document)
        {
            if (AdditionalProperties != null)
                foreach (DictionaryEntry kv in AdditionalProperties) document[Convert.ToString(kv.Key, System.Globalization.CultureInfo.InvariantCulture)] = kv.Value;
            foreach (var kv in _given)
            {
                switch (kv.Key)
                {
                    case "@type":
                        var type = (string[])kv.Value;
                        Put(document, kv.Key, type == null ? null : type.Length == 1 ? (object)type[0] : type);
                        break;
                    case "categories":
                        var categories = (string[])kv.Value;
                        if (categories != null && categories.Length > 0) document[kv.Key] = categories;
                        else document.Remove(kv.Key);
                        break;
                    default:
                        Put(document, kv.Key, kv.Value);
                        break;
                }
            }
            if (_modelGiven || _versionGiven)
            {
                var model = ModelDescription.From(document.Contains("model") ? document["model"] : null);
                if (_modelGiven) model = _model == null ? null : new ModelDescription { Name = _model.Name, Version = _model.Version };
                if (model != null && _versionGiven) model.Version = _version;
                Put(document, "model", model);
            }
        }

        private static void Put(IDictionary document, string key, object value)
        {
            if (value == null && !document.Contains(key)) return;
            document[key] = value;
        }
    }
}
