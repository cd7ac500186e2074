using System.Management.Automation;
using System.Security;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>
    /// Changes the MQTT credentials of a Category, a Thing, or a Thing through a Category: reads them, changes what is
    /// given, and sends them back; the password is sent only when a new one is given.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "IotMqttCredential", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Password, HelpUri = HelpUris.Cmdlets + "Set-IotMqttCredential.md")]
    [OutputType(typeof(MqttCredential))]
    public sealed class SetIotMqttCredentialCommand : MqttCredentialCmdlet, IThrottledCmdlet
    {
        /// <summary>A new MQTT user name; binds by property name.</summary>
        [Parameter(ParameterSetName = ParameterSets.Password, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Username { get; set; }

        /// <summary>A new MQTT password, as a SecureString; without it the current password stays.</summary>
        [Parameter(ParameterSetName = ParameterSets.Password)]
        [ValidateNotNull]
        public SecureString Password { get; set; }

        /// <summary>A new MQTT user name and password as one PSCredential.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Credential)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; }

        /// <summary>Whether the broker accepts the credentials.</summary>
        [Parameter]
        public bool Enabled { get; set; }

        /// <summary>A new description.</summary>
        [Parameter]
        public string Description { get; set; }

        /// <summary>A new collection name (a Category's credentials only).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CollectionName { get; set; }

        /// <summary>Write the updated credentials.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            SendChange<MqttCredential>(Strings.ShouldUpdateMqttCredential, (client, owner) =>
            {
                var bound = MyInvocation.BoundParameters;
                var (username, password, enabled, description, collection) = (Credential?.UserName ?? Username, Credential?.Password ?? Password,
                    bound.ContainsKey(nameof(Enabled)) ? Enabled : (bool?)null, bound.ContainsKey(nameof(Description)) ? Description ?? "" : null, CollectionName);
                return async ct =>
                {
                    // Start from the current state so that nothing not given is lost, whether the service's PUT replaces or
                    // merges. The password is masked when read: it is sent only when a new one is given.
                    var current = await ReadAsync(client, owner, ct).ConfigureAwait(false);
                    var fields = new MqttCredentialFields
                    {
                        Username = username ?? current.Username,
                        Password = password,
                        Enabled = enabled ?? current.Enabled,
                        Description = description ?? current.Description,
                        CollectionName = owner.ThingId == null ? collection ?? current.CollectionName : collection,
                    };
                    return await UpdateAsync(client, owner, fields, ct).ConfigureAwait(false);
                };
            }, updated =>
            {
                if (PassThru) WriteObject(updated);
            });
        }
    }
}
