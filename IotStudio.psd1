@{
    # ModuleVersion is stamped from Directory.Build.props by build.ps1; keep the two in step.
    RootModule             = 'IotStudio.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f2a8e-3c1d-4e6f-9a7b-2d8c4e1f6a90'
    Author                 = 'IotStudio contributors'
    CompanyName            = 'IotStudio contributors'
    Copyright              = '(c) IotStudio contributors. MIT License.'
    Description            = 'PowerShell module for the Altair IoT Studio (AnythingDB) API, all 88 operations: connections with token refresh and revoke; Categories, Models and versions, Things (with JSON Patch), property values and their history, actions and events as lazily streamed, typed objects; AQL queries streamed batch by batch (Invoke-IotQuery); MQTT credentials (passwords only as SecureString) and email; Invoke-IotStudioRequest for any other call; -WhatIf everywhere it changes data.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # IotStudio.format.ps1xml and IotStudio.types.ps1xml are loaded by the cmdlets on first use (Loading/DisplayData.cs),
    # not here: FormatsToProcess and TypesToProcess would rebuild the session's tables on every import.
    CmdletsToExport        = @(
        'Connect-IotStudio'
        'Disconnect-IotStudio'
        'Get-IotStudioConnection'
        'New-IotStudioConnection'
        'Use-IotStudioConnection'
        'Get-IotCategory'
        'New-IotCategory'
        'Set-IotCategory'
        'Remove-IotCategory'
        'Get-IotThing'
        'New-IotThing'
        'Set-IotThing'
        'Remove-IotThing'
        'Get-IotProperty'
        'Set-IotProperty'
        'Get-IotAction'
        'Invoke-IotAction'
        'Set-IotAction'
        'Remove-IotAction'
        'Wait-IotAction'
        'Get-IotEvent'
        'New-IotEvent'
        'Remove-IotEvent'
        'Get-IotModel'
        'New-IotModel'
        'Set-IotModel'
        'Remove-IotModel'
        'Get-IotModelVersion'
        'New-IotModelVersion'
        'Update-IotThing'
        'ConvertTo-IotFlatThing'
        'Reset-IotThingSecret'
        'Invoke-IotStudioRequest'
        'Get-IotStudioAccessToken'
        'Invoke-IotQuery'
        'Get-IotMqttCredential'
        'New-IotMqttCredential'
        'Set-IotMqttCredential'
        'Remove-IotMqttCredential'
        'Send-IotEmail'
        'Get-IotPropertyHistory'
        'Add-IotPropertyHistory'
        'Remove-IotPropertyHistory'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    # No HelpInfoURI: the help ships in the module (en-US/), and there is no updatable-help server. With one,
    # every plain Update-Help would try it and fail; without, Update-Help passes the module by.
    PrivateData            = @{
        PSData = @{
            # build.ps1 adds a PSCommand_<name> tag for each of CmdletsToExport, so Find-PSResource -Command finds the module.
            Tags         = @('Altair', 'IoTStudio', 'AnythingDB', 'IoT', 'REST', 'WoT', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/iotstudio/IotStudio'
            LicenseUri   = 'https://github.com/iotstudio/IotStudio/blob/main/LICENSE'
            ReleaseNotes = 'The whole API: Models and versions, Update-IotThing (JSON Patch, bulk), Reset-IotThingSecret, actions (Invoke-/Get-/Set-/Remove-/Wait-IotAction), events, properties history (Get-/Add-/Remove-IotPropertyHistory), Invoke-IotQuery (query cursors), MQTT credentials (Get-/New-/Set-/Remove-IotMqttCredential), Send-IotEmail, Invoke-IotStudioRequest and Get-IotStudioAccessToken.'
        }
    }
}
