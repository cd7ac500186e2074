<#
.SYNOPSIS
    Speed and memory benchmarks against the local emulator. Targets live here, not in the tests.
.DESCRIPTION
    1. Stream 100,000 Things with Get-IotThing -PageSize 1000 and count them: throughput and managed memory
       growth (streaming must not buffer the list).
    2. The same listing with a hand-written Invoke-RestMethod cursor loop, for comparison.
    3. Get-IotThing | Select-Object -First 5 over 100,000 Things: time to first items, requests sent.
    4. 1,000 single-property updates through the pipeline.
    5. The emulator: seeding 1,000,000 Things from a template with per-Thing values, in one control call (time, and
       managed memory per Thing after a full collection, from /_emulator/stats).
    Each line says the measured value, the target and PASS or MISS; the exit code is 1 if any target is missed.
#>
[CmdletBinding()]
param(
    [string] $Root = (Resolve-Path "$PSScriptRoot/.."),
    [string] $Configuration = 'Release',
    [int] $ThingCount = 100000,
    [int] $SeedCount = 1000000
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

Import-Module (Join-Path $Root 'tests/Pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $Root 'out/IotStudio/IotStudio.psd1') -Force

$results = [System.Collections.Generic.List[object]]::new()
function Add-Result([string] $Name, [double] $Value, [string] $Unit, [double] $Target, [ValidateSet('Min', 'Max')] [string] $Kind) {
    $ok = if ($Kind -eq 'Min') { $Value -ge $Target } else { $Value -le $Target }
    $results.Add([pscustomobject]@{
            Benchmark = $Name
            Value     = ('{0:n1} {1}' -f $Value, $Unit)
            Target    = ('{0} {1:n0} {2}' -f $(if ($Kind -eq 'Min') { '>=' } else { '<=' }), $Target, $Unit)
            Result    = if ($ok) { 'PASS' } else { 'MISS' }
        })
}

$emulator = Start-TestEmulator -Root $Root -Configuration $Configuration
try {
    $seed = Measure-Command { Add-EmulatorThing -Space bench -Count $ThingCount -Status @{ temperature = 20 } | Out-Null }
    Write-Host ("Seeded {0:n0} Things in {1:n1} s" -f $ThingCount, $seed.TotalSeconds)
    Connect-TestEmulator -Space bench | Out-Null

    # Warm up JIT and the connection.
    Get-IotThing -First 10 | Out-Null

    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $before = [GC]::GetTotalMemory($true)
    $peak = 0L
    $count = 0
    $elapsed = Measure-Command {
        Get-IotThing -PageSize 1000 | ForEach-Object {
            $count++
            if ($count % 10000 -eq 0) { $peak = [Math]::Max($peak, [GC]::GetTotalMemory($false)) }
        }
    }
    if ($count -ne $ThingCount) { throw "Streamed $count Things, expected $ThingCount." }
    Add-Result 'Get-IotThing: stream all' ($count / $elapsed.TotalSeconds) 'Things/s' 10000 Min
    Add-Result 'Get-IotThing: managed memory growth while streaming' (($peak - $before) / 1MB) 'MB' 200 Max

    $url = Get-EmulatorUrl
    $token = (Invoke-RestMethod -Method Post -Uri "$url/oauth2/token" -Body @{ grant_type = 'client_credentials'; client_id = 'test-client'; client_secret = 'test-secret-S3cr3t!' }).access_token
    $headers = @{ Authorization = "Bearer $token" }
    $rawCount = 0
    $raw = Measure-Command {
        $cursor = $null
        do {
            $uri = "$url/spaces/bench/things?limit=1000" + $(if ($cursor) { "&next_cursor=$cursor" })
            $page = Invoke-RestMethod -Uri $uri -Headers $headers
            $rawCount += $page.data.Count
            $cursor = $page.paging.next_cursor
        } while ($cursor)
    }
    $token = $null; $headers = $null
    Add-Result 'Invoke-RestMethod loop (reference, not a target)' ($rawCount / $raw.TotalSeconds) 'Things/s' 0 Min

    Clear-EmulatorLog
    $first = Measure-Command { Get-IotThing | Select-Object -First 5 | Out-Null }
    Add-Result 'Get-IotThing | Select-Object -First 5: time' $first.TotalMilliseconds 'ms' 500 Max
    Add-Result 'Get-IotThing | Select-Object -First 5: requests' (@(Get-EmulatorRequest -Kind Api).Count) 'requests' 1 Max

    $update = Measure-Command { Get-IotThing -First 1000 -PageSize 1000 | Set-IotProperty -Name setpoint -Value 21 }
    Add-Result 'Set-IotProperty: 1,000 updates through the pipeline' (1000 / $update.TotalSeconds) 'updates/s' 200 Min

    Disconnect-IotStudio
}
finally {
    Stop-TestEmulator $emulator
}

# The emulator on its own, so that its memory is only the seeded Things.
$emulator = Start-TestEmulator -Root $Root -Configuration $Configuration
try {
    $empty = Invoke-Emulator -Path '/_emulator/stats?gc=true'
    $template = @{ title = 'boiler-{i}'; '@type' = 'Boiler'; status = @{ temperature = '{i % 40}'; setpoint = '{18 + i % 5}' } }
    $seeded = Measure-Command {
        $answer = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{ space = 'seed'; count = $SeedCount; category = 'Boilers'; thing = $template }
    }
    if ($answer.count -ne $SeedCount) { throw "Seeded $($answer.count) Things, expected $SeedCount." }
    $full = Invoke-Emulator -Path '/_emulator/stats?gc=true'
    Add-Result ('Emulator: seed {0:n0} Things from a template' -f $SeedCount) $seeded.TotalSeconds 's' 60 Max
    Add-Result 'Emulator: managed memory per seeded Thing' (($full.managedBytes - $empty.managedBytes) / $SeedCount) 'bytes' 2048 Max
}
finally {
    Stop-TestEmulator $emulator
}

$results | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
if ($results.Result -contains 'MISS') { Write-Host 'Some targets were missed.'; exit 1 }
Write-Host 'All targets met.'
