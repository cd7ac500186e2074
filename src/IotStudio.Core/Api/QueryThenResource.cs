namespace IotStudio.Api
{
    /// <summary>What a query's <c>then</c> changes for every result (<c>resource</c>).</summary>
    public enum QueryThenResource
    {
        /// <summary><c>things</c>: the Things themselves.</summary>
        Things,
        /// <summary><c>properties</c>: the Things' property values.</summary>
        Properties,
    }
}
