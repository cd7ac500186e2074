using System;
using System.Collections;
using System.Collections.Specialized;

namespace IotStudio.Models
{
    /// <summary>The create/update body of a Category or a Model, the named resources of a space.</summary>
    internal static class NamedResourceBody
    {
        /// <summary>Any extra fields given, then name and description (left out when null).</summary>
        internal static OrderedDictionary Create(string name, string description, IDictionary extra)
        {
            var body = new OrderedDictionary();
            if (extra != null) foreach (DictionaryEntry kv in extra) body[Convert.ToString(kv.Key)] = kv.Value;
            body["name"] = name;
            if (description != null) body["description"] = description;
            return body;
        }
    }
}
