using System.Management.Automation;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// A cmdlet with -Force: its ShouldProcess (see <see cref="Confirmation"/>) does not ask, as in Az and AWS.Tools,
    /// so a runbook never stops on a prompt; -WhatIf still sends nothing. Every ConfirmImpact High cmdlet has it.
    /// </summary>
    public interface ISupportsForce
    {
        /// <summary>Do not ask for confirmation.</summary>
        SwitchParameter Force { get; }
    }
}
