using System;

namespace IotStudio.Api
{
    /// <summary>
    /// Names the API operations (OpenAPI operationIds, or the README's own names for the operations the YAML lacks)
    /// that a Core method owns. Every operation has exactly one owner; the coverage test reads these attributes.
    /// A method that serves the plain and the category-scoped path names both operations.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class ApiOperationAttribute : Attribute
    {
        /// <summary>Declares the operations a method owns.</summary>
        public ApiOperationAttribute(params string[] operationIds) { OperationIds = operationIds ?? Array.Empty<string>(); }

        /// <summary>The operationIds, as the API description spells them.</summary>
        public string[] OperationIds { get; }
    }
}
