<#
.SYNOPSIS
    A guided tour of IotStudio against the local emulator: connect, create, stream, update, read back, disconnect.
.DESCRIPTION
    Run it through the build script, which builds the module first:  dotnet pwsh ./build.ps1 -Task Demo
    It needs no input and leaves nothing running.
#>
[CmdletBinding()]
param(
    [string] $Root = (Resolve-Path "$PSScriptRoot/.."),
    [string] $Configuration = 'Release',
    [int] $ThingCount = 1000
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Write-Step([string] $Text) { Write-Host ''; Write-Host "== $Text" }
function Write-Note([string] $Text) { Write-Host "   $Text" }

Import-Module (Join-Path $Root 'tests/Pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $Root 'out/IotStudio/IotStudio.psd1') -Force

# A throwaway OAuth2 client for this run only; the secret never leaves this process except to the emulator.
$clientId = 'demo-client'
$plainSecret = [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(24))
$secret = ConvertTo-SecureString $plainSecret -AsPlainText -Force

Write-Step 'Starting the local AnythingDB emulator'
$emulator = Start-TestEmulator -Root $Root -Configuration $Configuration -ExtraArguments @('--client', "${clientId}:${plainSecret}")
$plainSecret = $null
Write-Note "Listening on $($emulator.Url) (loopback only)."

try {
    Write-Step 'Connect-IotStudio with OAuth2 client credentials'
    $connection = Connect-IotStudio -ApiUrl $emulator.Url -Space demo -ClientId $clientId -ClientSecret $secret -Scope category, model, thing, query -PassThru
    $connection | Format-Table | Out-String -Width 120 | Write-Host
    Write-Note 'The token refreshes by itself before it expires; the secret is only ever held as a SecureString.'

    Write-Step "Create a Category and $ThingCount Things in it"
    $category = New-IotCategory -Name Sensors -Description 'Temperature sensors on the shop floor'
    $created = Measure-Command {
        1..$ThingCount | ForEach-Object {
            [pscustomobject]@{
                Title    = 'sensor-{0:d4}' -f $_
                Type     = 'TemperatureSensor'
                Category = $category.Name
                Status   = @{ temperature = 15 + ($_ % 20); online = ($_ % 10) -ne 0 }
            }
        } | New-IotThing | Out-Null
    }
    Write-Note ("Created {0} Things with 'New-IotThing' from the pipeline in {1:n1} s." -f $ThingCount, $created.TotalSeconds)

    Write-Step 'Stream them back, page by page'
    Clear-EmulatorLog
    $count = 0
    $streamed = Measure-Command { Get-IotThing -Category Sensors -PageSize 250 | ForEach-Object { $count++ } }
    $pages = @(Get-EmulatorRequest -Kind Api).Count
    Write-Note ("Get-IotThing -Category Sensors -PageSize 250 streamed {0} Things in {1} requests ({2:n0} ms)." -f $count, $pages, $streamed.TotalMilliseconds)
    Clear-EmulatorLog
    $firstFive = Get-IotThing -InCategory Sensors | Select-Object -First 5
    Write-Note ("Get-IotThing -InCategory Sensors | Select-Object -First 5 sent {0} request: pages are fetched only when the pipeline asks." -f @(Get-EmulatorRequest -Kind Api).Count)

    Write-Step "Set a property on a filtered subset: the sensors reading above 30 degrees"
    $hot = Get-IotThing -Category Sensors -PropertyFilter @{ temperature = 'gt:30' } |
        Set-IotProperty -Name setpoint -Value 21 -PassThru
    Write-Note ("Get-IotThing -PropertyFilter @{{ temperature = 'gt:30' }} | Set-IotProperty -Name setpoint -Value 21 changed {0} Things." -f @($hot).Count)
    Write-Note 'Every change supports -WhatIf; this one would have sent nothing with it:'
    Get-IotThing -Category Sensors -First 1 | Set-IotProperty -Name setpoint -Value 99 -WhatIf

    Write-Step 'What it looks like: the first five Things'
    $firstFive | Format-Table | Out-String -Width 120 | Write-Host

    Write-Step 'Read the properties back from two of the hot sensors'
    Get-IotThing -Category Sensors -PropertyFilter @{ setpoint = 21 } -First 2 | Get-IotProperty | Format-Table | Out-String -Width 120 | Write-Host

    Write-Step 'Errors are precise and per item: one missing id among three'
    $ids = @($firstFive[0].Uid, '01ARZ3NDEKTSV4RRFFQ69G5FAV', $firstFive[1].Uid)
    $found = $ids | Get-IotThing -ErrorVariable missing -ErrorAction SilentlyContinue
    Write-Note ("{0} Things found; {1} error: {2} ({3})" -f @($found).Count, @($missing).Count, $missing[0].FullyQualifiedErrorId.Split(',')[0], $missing[0].CategoryInfo.Category)

    Write-Step 'An action from request to result: Invoke-IotAction, then Wait-IotAction'
    $boiler = $firstFive[0]
    $request = $boiler | Invoke-IotAction -Name calibrate -Input @{ offset = 0.5 }
    Write-Note ("Invoke-IotAction requested '{0}' on {1}: status {2}, id {3}." -f $request.Name, $boiler.Title, $request.Status, $request.Id)
    # The device's side, played here by a background job that reports the action completed a moment later.
    $module = Join-Path $Root 'out/IotStudio/IotStudio.psd1'
    $device = Start-ThreadJob -ArgumentList $module, $connection, $request -ScriptBlock {
        param($module, $connection, $request)
        Import-Module $module
        Start-Sleep -Milliseconds 600
        $request | Set-IotAction -Connection $connection -Status completed -Output @{ calibrated = $true }
    }
    $waited = Measure-Command { $done = $request | Wait-IotAction -TimeoutSec 30 }
    $device | Receive-Job -Wait -AutoRemoveJob
    Write-Note ("Wait-IotAction returned after {0:n1} s: status {1}, output calibrated={2}." -f $waited.TotalSeconds, $done.Status, $done.Output.calibrated)
    $done | Format-Table | Out-String -Width 120 | Write-Host

    Write-Step 'Anything else: Invoke-IotStudioRequest reuses the connection (auth, refresh, retries, errors)'
    $raw = Invoke-IotStudioRequest -Path "/spaces/demo/things/$($boiler.Uid)/properties"
    Write-Note ("GET /spaces/demo/things/{{id}}/properties answered temperature={0}, online={1}." -f $raw.temperature, $raw.online)
    $pagesSeen = @(Invoke-IotStudioRequest -Path '/spaces/demo/categories/Sensors/things' -Query @{ limit = 2 } -Paginate -First 3).Count
    Write-Note "With -Paginate it follows next_cursor like every list: -First 3 gave $pagesSeen items."

    Write-Step 'Properties history: a range, and its average'
    $since = (Get-Date).AddMinutes(-5)
    foreach ($t in 20, 22, 27) { $boiler | Set-IotProperty -Name temperature -Value $t }
    $history = $boiler | Get-IotPropertyHistory -Name temperature -From $since
    $average = ($history | Measure-Object Value -Average).Average
    Write-Note ("Get-IotPropertyHistory -Name temperature -From (5 minutes ago): {0} values, average {1:n1}." -f @($history).Count, $average)
    $history | Select-Object -Last 3 | Format-Table | Out-String -Width 120 | Write-Host

    Write-Step 'A query across Things, streamed batch by batch, stopped early'
    Clear-EmulatorLog
    $hottest = Invoke-IotQuery -Query 'FOR t IN things FILTER t.status.temperature > @min SORT t.status.temperature DESC RETURN { uid: t.uid, title: t.title, temperature: t.status.temperature }' `
        -BindVariable @{ min = 30 } -BatchSize 100 | Select-Object -First 3
    $hottest | Format-Table | Out-String -Width 120 | Write-Host
    Write-Note ("Invoke-IotQuery ... | Select-Object -First 3 sent {0} request: the next batch is asked for only when the pipeline wants it." -f @(Get-EmulatorRequest -Kind Api).Count)

    Write-Step 'MQTT credentials for a device: the password goes in as a SecureString and never comes out'
    $mqttPassword = ConvertTo-SecureString ([Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(18))) -AsPlainText -Force
    $mqtt = $boiler | New-IotMqttCredential -Username "device-$($boiler.Title)" -Password $mqttPassword -Description 'boiler firmware'
    $mqtt | Format-Table | Out-String -Width 120 | Write-Host
    Write-Note ('The output has no password property: {0}.' -f (($mqtt.PSObject.Properties.Name | Where-Object { $_ -like '*assword*' }) -join ', ' | ForEach-Object { if ($_) { $_ } else { 'none' } }))

    Write-Step 'Disconnect-IotStudio revokes the token'
    Disconnect-IotStudio
    $tokens = Invoke-Emulator -Path '/_emulator/tokens'
    Write-Note ("The emulator issued {0} token(s) and saw {1} revoked." -f $tokens.issued, $tokens.revoked)
}
finally {
    Stop-TestEmulator $emulator
    Write-Step 'Emulator stopped. Done.'
}
