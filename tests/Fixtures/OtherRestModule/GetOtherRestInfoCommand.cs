using System;
using System.Management.Automation;
using System.Runtime.Loader;
using RestSharp;

namespace OtherRestModule
{
    /// <summary>GETs {Url}/_emulator/health with RestSharp 108 and tells which RestSharp did it, from which load context.</summary>
    [Cmdlet(VerbsCommon.Get, "OtherRestInfo")]
    [OutputType(typeof(PSObject))]
    public sealed class GetOtherRestInfoCommand : PSCmdlet
    {
        /// <summary>The emulator's base URL.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Url { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            // MaxTimeout exists in RestSharp 108 and is gone from later versions: binding to a newer RestSharp fails here.
            var options = new RestClientOptions(Url.TrimEnd('/')) { MaxTimeout = 30000 };
            using (var client = new RestClient(options))
            {
                var response = client.ExecuteAsync(new RestRequest("/_emulator/health")).GetAwaiter().GetResult();
                var assembly = typeof(RestClient).Assembly;
                var result = new PSObject();
                result.Properties.Add(new PSNoteProperty("RestSharpVersion", assembly.GetName().Version.ToString()));
                result.Properties.Add(new PSNoteProperty("LoadContext", AssemblyLoadContext.GetLoadContext(assembly)?.Name));
                result.Properties.Add(new PSNoteProperty("IsDefaultContext", AssemblyLoadContext.GetLoadContext(assembly) == AssemblyLoadContext.Default));
                result.Properties.Add(new PSNoteProperty("StatusCode", (int)response.StatusCode));
                result.Properties.Add(new PSNoteProperty("Content", response.Content));
                result.Properties.Add(new PSNoteProperty("Error", response.ErrorException?.Message));
                WriteObject(result);
            }
        }
    }
}
