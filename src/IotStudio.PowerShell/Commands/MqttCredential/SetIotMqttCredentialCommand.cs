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
    public sealed class SetIotMqttCredentialCommand : MqttCredentialCmdlet
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

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, owner) = MqttTarget();
            ForItem(owner.ErrorTarget, () =>
            {
                RequireOwner(owner);
                if (!ShouldProcess(owner.Describe(), Strings.ShouldUpdateMqttCredential)) return;
                // Start from the current state so that nothing not given is lost, whether the service's PUT replaces or
                // merges. The password is masked when read: it is sent only when a new one is given.
                var current = Read(connection, owner);
                var bound = MyInvocation.BoundParameters;
                var fields = new MqttCredentialFields
                {
                    Username = Credential?.UserName ?? Username ?? current.Username,
                    Password = Credential?.Password ?? Password,
                    Enabled = bound.ContainsKey(nameof(Enabled)) ? Enabled : current.Enabled,
                    Description = bound.ContainsKey(nameof(Description)) ? Description ?? "" : current.Description,
                    CollectionName = owner.ThingId == null ? CollectionName ?? current.CollectionName : CollectionName,
                };
                var updated = Update(connection, owner, fields);
                if (PassThru) WriteObject(updated);
            });
        }
    }
}
