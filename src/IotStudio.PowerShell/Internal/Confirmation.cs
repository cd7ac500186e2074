using System.Globalization;
using System.Management.Automation;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// ShouldProcess with -Force: a cmdlet that has -Force (<see cref="ISupportsForce"/>) goes ahead without asking,
    /// whatever $ConfirmPreference says, unless -WhatIf (or $WhatIfPreference) asks only to show what would happen,
    /// or -Confirm is given explicitly. Without -Force it is PowerShell's own ShouldProcess.
    /// </summary>
    internal static class Confirmation
    {
        public static bool ShouldProcess(PSCmdlet cmdlet, string target, string action)
        {
            if (cmdlet is ISupportsForce forced && forced.Force && !WhatIfRequested(cmdlet) && !ConfirmRequested(cmdlet))
            {
                cmdlet.WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ForceProceeding, action, target));
                return true;
            }
            return cmdlet.ShouldProcess(target, action);
        }

        /// <summary>-WhatIf given, or $WhatIfPreference set in the caller's scope.</summary>
        public static bool WhatIfRequested(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)) return LanguagePrimitives.IsTrue(bound);
            return LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));
        }

        // An explicit -Confirm wins over -Force: the caller asked to be asked.
        private static bool ConfirmRequested(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var bound) && LanguagePrimitives.IsTrue(bound);
    }
}
