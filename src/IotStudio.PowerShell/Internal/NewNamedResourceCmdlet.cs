using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Base of New-IotCategory and New-IotModel: creates one named resource of a space per pipeline item. The cmdlet
    /// declares -Name, -Description and its own fields itself: their aliases, help and place in the syntax differ.
    /// </summary>
    public abstract class NewNamedResourceCmdlet : IotStudioSpaceCmdlet, IThrottledCmdlet
    {
        /// <summary>Other body fields, sent as given.</summary>
        [Parameter]
        public Hashtable AdditionalProperties { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <summary>
        /// Creates <paramref name="name"/> once ShouldProcess allows it ("name in space S", <paramref name="action"/>) and
        /// writes what the service returns. <paramref name="create"/> gets the client and the space, reads the parameters
        /// on the pipeline thread (an argument error there fails this item only) and returns the request to send.
        /// </summary>
        protected void Create<T>(string name, string action, Func<IotStudioClient, string, Func<CancellationToken, Task<T>>> create)
        {
            var (connection, space) = Target();
            if (!ShouldProcess(InSpace(name, space), action)) return;
            ForItem(name, () => Send(name, space + "/" + name, create(connection.Client, space), created => WriteObject(created)));
        }
    }
}
