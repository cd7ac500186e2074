namespace IotStudio.Api
{
    /// <summary>What a query's <c>then</c> does to every result (<c>op</c>).</summary>
    public enum QueryThenOperation
    {
        /// <summary><c>update</c>: writes the data over each result's Thing or property values.</summary>
        Update,
        /// <summary><c>delete</c>: deletes each result's Thing, or property values.</summary>
        Delete,
    }
}
