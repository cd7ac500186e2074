using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Http;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Base of Remove-IotCategory and Remove-IotModel: deletes named resources of a space (the name is the key), one
    /// request per name. The cmdlet declares -Name itself: its alias, completer and help differ.
    /// </summary>
    public abstract class RemoveNamedResourceCmdlet : IotStudioSpaceCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <summary>Deletes each name that ShouldProcess allows ("name in space S", <paramref name="action"/>).</summary>
        protected void Remove(string[] names, string action, Func<IotStudioClient, string, string, CancellationToken, Task> delete)
        {
            var (connection, space) = Target();
            foreach (var name in names)
            {
                if (!ShouldProcess(InSpace(name, space), action)) continue;
                var client = connection.Client;
                Send(name, space + "/" + name, ct => delete(client, space, name, ct));
            }
        }
    }
}
