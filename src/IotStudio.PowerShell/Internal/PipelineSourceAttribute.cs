using System;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Declares that a parameter takes the module's objects of these types from the pipeline, besides the cmdlet's own
    /// objects: a Thing's Uid fills -ThingId of every cmdlet that works inside a Thing. On a cmdlet class, the cmdlet
    /// takes them whatever they fill (Send-IotEmail takes a Thing or Category for its space). See <see cref="PipelineInput"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Class, AllowMultiple = false)]
    internal sealed class PipelineSourceAttribute : Attribute, IPipelineSource
    {
        public PipelineSourceAttribute(params Type[] types) { Types = types ?? Array.Empty<Type>(); }

        /// <inheritdoc />
        public Type[] Types { get; }
    }
}
