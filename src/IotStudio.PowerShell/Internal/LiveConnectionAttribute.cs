using System;
using System.Globalization;
using System.Management.Automation;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// On a parameter that takes an <see cref="IotStudioConnection"/>: a connection that crossed a process boundary
    /// (Start-Job, Receive-Job, a remote session, Export-/Import-Clixml) is only a copy of its properties, without its token
    /// or HTTP client. Instead of PowerShell's "cannot convert" it gets an error that says so and how to connect in this process.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LiveConnectionAttribute : ArgumentTransformationAttribute
    {
        private const string DeserializedTypeName = "Deserialized." + "IotStudio.PowerShell.IotStudioConnection";

        /// <inheritdoc />
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData is PSObject pso && !(pso.BaseObject is IotStudioConnection) && pso.TypeNames.Contains(DeserializedTypeName))
            {
                var url = pso.Properties["ApiUrl"]?.Value as string ?? "<ApiUrl>";
                var space = pso.Properties["Space"]?.Value as string ?? "<space>";
                throw new ArgumentTransformationMetadataException(string.Format(CultureInfo.CurrentCulture, Strings.ConnectionDeserialized, url, space));
            }
            return inputData;
        }
    }
}
