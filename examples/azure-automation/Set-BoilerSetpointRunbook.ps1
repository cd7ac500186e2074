<#
.SYNOPSIS
    Azure Automation runbook: lowers the setpoint of every boiler that runs hot.
.DESCRIPTION
    Needs the IotStudio module (import out/IotStudio.zip into the Automation account), a credential asset 'IotStudio'
    (user name: the OAuth2 client id, password: the client secret) and two variable assets, 'IotStudioApiUrl' and
    'IotStudioSpace'. Disconnects, revoking the token, also when something fails.
#>
param(
    [double] $Threshold = 80,
    [double] $Setpoint = 65
)
$ErrorActionPreference = 'Stop'
$credential = Get-AutomationPSCredential -Name 'IotStudio'
$apiUrl = Get-AutomationVariable -Name 'IotStudioApiUrl'
$space = Get-AutomationVariable -Name 'IotStudioSpace'

Use-IotStudioConnection -ApiUrl $apiUrl -ClientCredential $credential -Space $space -Scope thing {
    Get-IotThing -Category Boilers -PropertyFilter @{ temperature = "gt:$Threshold" } |
        Set-IotProperty -Name setpoint -Value $Setpoint -PassThru |
        ForEach-Object { "Set the setpoint of $($_.ThingId) to $($_.Value)" }
}
