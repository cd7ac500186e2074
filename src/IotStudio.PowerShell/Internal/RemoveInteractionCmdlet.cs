using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Api;
using IotStudio.Http;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Base of Remove-IotAction and Remove-IotEvent: deletes one item of a Thing per pipeline item, named by -Name and
    /// -Id. Each cmdlet declares -Name (its help and name completer) and passes its -WhatIf wording and API call to
    /// <see cref="Remove"/>.
    /// </summary>
    public abstract class RemoveInteractionCmdlet : ThingChildCmdlet, ISupportsForce, IThrottledCmdlet
    {
        /// <summary>Do not ask for confirmation; -WhatIf still only shows what would happen.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The action or event name.</summary>
        public abstract string Name { get; set; }

        /// <summary>The id (ULID) of the action request or event occurrence.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <summary>
        /// Asks (-WhatIf, -Confirm) about "<paramref name="noun"/> name id of Thing ..." with <paramref name="action"/>, then
        /// sends <paramref name="delete"/> (client, Thing, name, id) for this item. The cmdlet passes its API call here, so that
        /// no Core type is part of its own signature: the module imports without loading Core.
        /// </summary>
        protected void Remove(string noun, string action, Func<IotStudioClient, ThingPath, string, string, CancellationToken, Task> delete)
        {
            var (connection, thing) = ThingTarget();
            if (!ShouldProcess(ItemOfThingInSpace(noun, Name, Id, thing.Space), action)) return;
            var (name, id) = (Name, Id);
            var client = connection.Client;
            Send(id, $"{thing.Space}/{ThingId}/{name}/{id}", ct => delete(client, thing, name, id, ct));
        }
    }
}
