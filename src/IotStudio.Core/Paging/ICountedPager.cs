namespace IotStudio.Paging
{
    /// <summary>A pager that learns the total number of items from its first batch (a query cursor asked to count).</summary>
    public interface ICountedPager
    {
        /// <summary>The total, once the first batch is read and when the service gave one; otherwise null.</summary>
        long? TotalCount { get; }
    }
}
