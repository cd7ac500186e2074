namespace IotStudio.Api
{
    /// <summary>How precisely one end of a <see cref="HistoryRange"/> was given.</summary>
    public enum HistoryPrecision
    {
        /// <summary>A date-time: exactly that instant.</summary>
        Instant,
        /// <summary>A calendar day (<c>2023-05-15</c>), UTC.</summary>
        Day,
        /// <summary>A calendar month (<c>2023-05</c>), UTC.</summary>
        Month,
        /// <summary>A calendar year (<c>2023</c>), UTC.</summary>
        Year,
    }
}
