namespace IotStudio.PowerShell
{
    /// <summary>Where the module's help lives online; every cmdlet's HelpUri is <see cref="Cmdlets"/> + its name + ".md".</summary>
    internal static class HelpUris
    {
        /// <summary>The project.</summary>
        public const string Project = "https://github.com/iotstudio/IotStudio";

        /// <summary>The folder of the cmdlet pages (docs/cmdlets), as the project shows it.</summary>
        public const string Cmdlets = Project + "/blob/main/docs/cmdlets/";
    }
}
