using System.Globalization;
using System.Linq;
using System.Management.Automation;
using IotStudio.Api;

namespace IotStudio.PowerShell.Commands
{
    /// <summary>Sends an email through the service, with a plain-text body, an HTML body or both.</summary>
    [Cmdlet(VerbsCommunications.Send, "IotEmail", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.Text, HelpUri = HelpUris.Cmdlets + "Send-IotEmail.md")]
    [OutputType(typeof(void))]
    [PipelineSource(typeof(IotStudio.Models.Thing), typeof(IotStudio.Models.Category))]
    public sealed class SendIotEmailCommand : IotStudioSpaceCmdlet, IThrottledCmdlet
    {
        /// <summary>The recipients: plain addresses such as ops@example.com.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] To { get; set; }

        /// <summary>Copy recipients.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[] Cc { get; set; }

        /// <summary>Blind-copy recipients.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[] Bcc { get; set; }

        /// <summary>The subject line.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyString]
        [Alias("sub")]
        public string Subject { get; set; }

        /// <summary>The plain-text body.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ParameterSets.Text)]
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ParameterSets.TextAndHtml)]
        [AllowEmptyString]
        public string Body { get; set; }

        /// <summary>The HTML body.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Html)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.TextAndHtml)]
        [AllowEmptyString]
        public string BodyHtml { get; set; }

        /// <summary>How many requests may be in flight at once (1 to 64; 1 sends one after another); default: the connection's -ThrottleLimit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (connection, space) = Target();
            var message = new EmailMessage
            {
                To = To,
                Cc = Cc ?? new string[0],
                Bcc = Bcc ?? new string[0],
                Subject = Subject,
                TextBody = Body,
                HtmlBody = BodyHtml,
            };
            // The error's target: the first bad address when there is one, else the message.
            object target = message.Recipients.FirstOrDefault(a => !Validate.IsEmailAddress(a)) ?? (object)message;
            ForItem(target, () =>
            {
                // Every address is checked before -WhatIf or -Confirm, so a typo is reported even then.
                message.Check();
                var what = string.Format(CultureInfo.CurrentCulture, Strings.EmailTarget, Subject, string.Join(", ", message.Recipients), space);
                if (!ShouldProcess(what, Strings.ShouldSendEmail)) return;
                var email = connection.Client.Email;
                Send(target, null, ct => email.SendAsync(space, message, ct));
            });
        }
    }
}
