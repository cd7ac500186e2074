using System.Management.Automation;
using System.Security;
using IotStudio.Api;
using IotStudio.Models;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Creates the MQTT credentials of a Category, a Thing, or a Thing through a Category.</summary>
    [Cmdlet(VerbsCommon.New, "IotMqttCredential", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Password, HelpUri = HelpUris.Cmdlets + "New-IotMqttCredential.md")]
    [OutputType(typeof(MqttCredential))]
    public sealed class NewIotMqttCredentialCommand : MqttCredentialCmdlet, IThrottledCmdlet
    {
        /// <summary>The MQTT user name; binds by property name, so a script block can make one per piped Thing.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Password, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Username { get; set; }

        /// <summary>The MQTT password, as a SecureString (Read-Host -AsSecureString).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Password)]
        [ValidateNotNull]
        public SecureString Password { get; set; }

        /// <summary>The MQTT user name and password as one PSCredential (Get-Credential).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Credential)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; }

        /// <summary>Whether the broker accepts the credentials (the service's default when left out: enabled).</summary>
        [Parameter]
        public bool Enabled { get; set; }

        /// <summary>Free text.</summary>
        [Parameter]
        public string Description { get; set; }

        /// <summary>The collection a Category's credentials apply to (a Category's credentials only).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CollectionName { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            SendChange<MqttCredential>(Strings.ShouldCreateMqttCredential, (client, owner) =>
            {
                var fields = new MqttCredentialFields
                {
                    Username = Credential?.UserName ?? Username,
                    Password = Credential?.Password ?? Password,
                    Enabled = MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) ? Enabled : (bool?)null,
                    Description = Description,
                    CollectionName = CollectionName,
                };
                return ct => CreateAsync(client, owner, fields, ct);
            }, created => WriteObject(created));
        }
    }
}
