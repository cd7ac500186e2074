using System;
using System.Collections;
using System.Collections.Specialized;

namespace IotStudio.Api
{
    /// <summary>
    /// The <c>then</c> of a query cursor request: an update or a delete applied to every result, each result naming a Thing
    /// by its <c>uid</c>. Written as <c>{"op": "update|delete", "resource": "things|properties", "data": ...}</c>.
    /// </summary>
    public sealed class QueryThen
    {
        /// <summary>Creates the operation.</summary>
        public QueryThen(QueryThenOperation operation, QueryThenResource resource = QueryThenResource.Things, object data = null)
        {
            Operation = operation;
            Resource = resource;
            Data = data;
        }

        /// <summary>Update or delete.</summary>
        public QueryThenOperation Operation { get; }
        /// <summary>The Things, or their property values.</summary>
        public QueryThenResource Resource { get; }
        /// <summary>
        /// Update: the fields (Things) or property values (properties) to write, as a dictionary of plain values.
        /// Delete of properties: the names of the values to delete (null: all of them). Delete of Things: nothing.
        /// </summary>
        public object Data { get; }

        /// <summary>Throws ArgumentException when an update has no dictionary of data.</summary>
        public void Validate()
        {
            if (Operation == QueryThenOperation.Update && !(Data is IDictionary))
                throw new ArgumentException(Resource == QueryThenResource.Things
                    ? "An update of the Things needs the fields to write, as a hashtable such as @{ description = 'retired' }."
                    : "An update of the property values needs the values to write, as a hashtable such as @{ setpoint = 21 }.", nameof(Data));
            if (Operation == QueryThenOperation.Delete && Resource == QueryThenResource.Things && Data != null)
                throw new ArgumentException("A delete of the Things takes no data.", nameof(Data));
        }

        /// <summary>The API name of <see cref="Operation"/>: <c>update</c> or <c>delete</c>.</summary>
        public string OperationName => Operation == QueryThenOperation.Update ? "update" : "delete";
        /// <summary>The API name of <see cref="Resource"/>: <c>things</c> or <c>properties</c>.</summary>
        public string ResourceName => Resource == QueryThenResource.Things ? "things" : "properties";

        internal OrderedDictionary ToBody()
        {
            var body = new OrderedDictionary { { "op", OperationName }, { "resource", ResourceName } };
            if (Data != null) body["data"] = Data;
            return body;
        }
    }
}
