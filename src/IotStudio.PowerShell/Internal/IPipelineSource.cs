using System;

namespace IotStudio.PowerShell
{
    /// <summary>A parameter attribute that names the module's object types the parameter is meant to take from the pipeline.</summary>
    internal interface IPipelineSource
    {
        /// <summary>The module types that may fill the parameter from the pipeline.</summary>
        Type[] Types { get; }
    }
}
