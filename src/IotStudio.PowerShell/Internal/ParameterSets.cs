namespace IotStudio.PowerShell
{
    /// <summary>The parameter-set names every cmdlet uses, declared once so that the same idea has the same name everywhere.</summary>
    internal static class ParameterSets
    {
        /// <summary>A list, streamed page by page.</summary>
        public const string List = "List";
        /// <summary>Items named by id.</summary>
        public const string ById = "ById";
        /// <summary>Items named by name.</summary>
        public const string ByName = "ByName";
        /// <summary>Versions of one item named by number.</summary>
        public const string ByVersion = "ByVersion";
        /// <summary>An object from the module, piped or given with -InputObject.</summary>
        public const string InputObject = "InputObject";
        /// <summary>Every item matching a filter.</summary>
        public const string ByFilter = "ByFilter";
        /// <summary>One value.</summary>
        public const string Single = "Single";
        /// <summary>Several values as a hashtable.</summary>
        public const string Map = "Map";
        /// <summary>A status given (Set-IotAction), with or without an output.</summary>
        public const string Status = "Status";
        /// <summary>An output given without a status (Set-IotAction).</summary>
        public const string Output = "Output";
        /// <summary>A time range from a start (and optionally to an end).</summary>
        public const string Range = "Range";
        /// <summary>A time range up to an end.</summary>
        public const string Until = "Until";
        /// <summary>A time or time range as the API's text (-At).</summary>
        public const string At = "At";
        /// <summary>One instant, bound from a piped object's Timestamp.</summary>
        public const string Timestamp = "Timestamp";
        /// <summary>A query whose results are read (Invoke-IotQuery).</summary>
        public const string Query = "Query";
        /// <summary>A query whose results are updated or deleted (Invoke-IotQuery -Then).</summary>
        public const string Then = "Then";
        /// <summary>A connection with a static token.</summary>
        public const string AccessToken = "AccessToken";
        /// <summary>A connection with a PSCredential holding client id and secret.</summary>
        public const string ClientCredential = "ClientCredential";
        /// <summary>A connection with -ClientId and -ClientSecret.</summary>
        public const string ClientSecret = "ClientSecret";
        /// <summary>MQTT credentials given as -Username and -Password.</summary>
        public const string Password = "Password";
        /// <summary>MQTT credentials given as a PSCredential (user name and password).</summary>
        public const string Credential = "Credential";
        /// <summary>An email with a plain-text body.</summary>
        public const string Text = "Text";
        /// <summary>An email with an HTML body.</summary>
        public const string Html = "Html";
        /// <summary>An email with both a plain-text and an HTML body.</summary>
        public const string TextAndHtml = "TextAndHtml";
        /// <summary>A connection from the IOTSTUDIO_* environment variables.</summary>
        public const string EnvironmentVariable = "EnvironmentVariable";
    }
}
