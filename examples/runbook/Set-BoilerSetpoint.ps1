<#
.SYNOPSIS
    Runbook: lowers the setpoint of every boiler that runs hot, and reports what it changed.
.DESCRIPTION
    Connects with OAuth2 client credentials, finds the Things of the Boilers Category whose temperature is above
    -Threshold, sets their setpoint property, and writes one summary object. Disconnects (revoking the token) at
    the end, also when something fails.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $ApiUrl,
    [Parameter(Mandatory)] [pscredential] $Credential,
    [Parameter(Mandatory)] [string] $Space,
    [double] $Threshold = 80,
    [double] $Setpoint = 65
)
$ErrorActionPreference = 'Stop'
Import-Module IotStudio

Use-IotStudioConnection -ApiUrl $ApiUrl -ClientCredential $Credential -Space $Space -Scope thing {
    $changed = Get-IotThing -Category Boilers -PropertyFilter @{ temperature = "gt:$Threshold" } |
        Set-IotProperty -Name setpoint -Value $Setpoint -PassThru -WhatIf:$WhatIfPreference
    [pscustomobject]@{
        Space     = $Space
        Threshold = $Threshold
        Setpoint  = $Setpoint
        Changed   = @($changed).Count
        Things    = @($changed.ThingId)
    }
}
