# Test helpers: start the emulator once per run, talk to its control endpoints, connect the module to it.
Set-StrictMode -Version Latest

$script:Emulator = $null

function Start-TestEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on a free loopback port and returns its handle; build.ps1 calls it once per run.
    #>
    param(
        [string] $Root = (Resolve-Path "$PSScriptRoot/../.."),
        [string] $Configuration = 'Release',
        [string[]] $ExtraArguments = @(),
        # A second emulator for one test: it does not become the run's default (IOTSTUDIO_EMULATOR_URL).
        [switch] $NoDefault,
        # Without --strict: the benchmarks measure the clients, not the contract check of every answer.
        [switch] $Lenient
    )
    $dll = Join-Path $Root "src/IotStudio.Emulator/bin/$Configuration/net10.0/IotStudio.Emulator.dll"
    if (-not (Test-Path $dll)) {
        & dotnet build (Join-Path $Root 'src/IotStudio.Emulator') -c $Configuration --nologo -v quiet | Out-Host
        if ($LASTEXITCODE -ne 0) { throw 'Building the emulator failed.' }
    }
    $work = Join-Path ([IO.Path]::GetTempPath()) ("iotstudio-emu-" + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory $work | Out-Null
    $urlFile = Join-Path $work 'url'
    $arguments = @($dll, '--port', '0', '--url-file', $urlFile,
        '--client', 'test-client:test-secret-S3cr3t!',
        '--client', 'scoped-client:scoped-secret:category',
        '--token', 'static-test-token') + @(if (-not $Lenient) { '--strict' }) + $ExtraArguments
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput (Join-Path $work 'stdout.txt') -RedirectStandardError (Join-Path $work 'stderr.txt')
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $urlFile)) {
        if ($process.HasExited) { throw "The emulator exited early: $(Get-Content (Join-Path $work 'stderr.txt') -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw 'The emulator did not start within 60 s.' }
        Start-Sleep -Milliseconds 100
    }
    $url = (Get-Content $urlFile -Raw).Trim()
    $handle = [pscustomobject]@{ Process = $process; Url = $url; WorkDir = $work }
    if ($NoDefault) { return $handle }
    $env:IOTSTUDIO_EMULATOR_URL = $url
    $script:Emulator = $handle
    $script:Emulator
}

function Stop-TestEmulator {
    param($Emulator = $script:Emulator, [switch] $KeepDefault)
    if ($null -eq $Emulator) { return }
    if (-not $Emulator.Process.HasExited) { $Emulator.Process.Kill($true); $Emulator.Process.WaitForExit(10000) | Out-Null }
    Remove-Item $Emulator.WorkDir -Recurse -Force -ErrorAction SilentlyContinue
    if (-not $KeepDefault) { Remove-Item Env:IOTSTUDIO_EMULATOR_URL -ErrorAction SilentlyContinue }
}

function Get-EmulatorUrl {
    if (-not $env:IOTSTUDIO_EMULATOR_URL) { Start-TestEmulator | Out-Null }
    $env:IOTSTUDIO_EMULATOR_URL
}

function Invoke-Emulator {
    <# .SYNOPSIS Calls a control endpoint (/_emulator/...). #>
    param([string] $Method = 'GET', [string] $Path, $Body)
    $params = @{ Method = $Method; Uri = (Get-EmulatorUrl) + $Path }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}

function Reset-Emulator { Invoke-Emulator -Method POST -Path '/_emulator/reset' | Out-Null }

function Clear-EmulatorLog { Invoke-Emulator -Method DELETE -Path '/_emulator/requests' | Out-Null }

function Get-EmulatorRequest {
    <# .SYNOPSIS The requests the emulator received, optionally only /spaces or /oauth2 ones. #>
    param([ValidateSet('All', 'Api', 'OAuth')] [string] $Kind = 'All')
    $all = @((Invoke-Emulator -Path '/_emulator/requests').data)
    switch ($Kind) {
        'Api' { $all | Where-Object { $_.path -like '/spaces/*' } }
        'OAuth' { $all | Where-Object { $_.path -like '/oauth2/*' } }
        default { $all }
    }
}

function Get-ApiLog {
    <# .SYNOPSIS The /spaces requests the emulator received, as an array. #>
    @(Get-EmulatorRequest -Kind Api)
}

function Get-QueryValue {
    <# .SYNOPSIS The values of one key in a logged query string, decoded as a server would ('+' is a space). #>
    param([string] $Query, [string] $Key)
    foreach ($pair in ($Query -split '&')) {
        if (-not $pair) { continue }
        $k, $v = $pair -split '=', 2
        if ([uri]::UnescapeDataString($k.Replace('+', ' ')) -ceq $Key) { [uri]::UnescapeDataString("$v".Replace('+', ' ')) }
    }
}

function Set-EmulatorFault { param([hashtable] $Fault) Invoke-Emulator -Method POST -Path '/_emulator/faults' -Body $Fault | Out-Null }

function Clear-EmulatorFault { Invoke-Emulator -Method DELETE -Path '/_emulator/faults' | Out-Null }

function Add-EmulatorThing {
    <# .SYNOPSIS Seeds Things fast through the control endpoint. #>
    param([string] $Space = 'test', [int] $Count, [string] $Category, [string] $TitlePrefix = 'Thing', [hashtable] $Status)
    $body = @{ space = $Space; count = $Count; titlePrefix = $TitlePrefix }
    if ($Category) { $body.category = $Category }
    if ($Status) { $body.status = $Status }
    Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body $body
}

function Add-EmulatorModel {
    <#
    .SYNOPSIS
        Creates Models through the API with the static test token, for tests whose Categories and Things bind to
        a Model (the emulator refuses a binding to a Model that does not exist). The requests are logged: call it
        before Clear-EmulatorLog.
    #>
    param([Parameter(Mandatory)] [string[]] $Name, [string] $Space = 'test')
    foreach ($n in $Name) {
        $params = @{
            Method = 'POST'; Uri = "$(Get-EmulatorUrl)/spaces/$([uri]::EscapeDataString($Space))/models"
            Headers = @{ Authorization = 'Bearer static-test-token' }; ContentType = 'application/json'
            Body = (@{ name = $n } | ConvertTo-Json -Compress)
        }
        $null = Invoke-RestMethod @params
    }
}

function Get-TestSecret { ConvertTo-SecureString 'test-secret-S3cr3t!' -AsPlainText -Force }

function Get-TestCredential { [pscredential]::new('test-client', (Get-TestSecret)) }

function Connect-TestEmulator {
    <# .SYNOPSIS Connects the module to the emulator with the test client; extra parameters pass through. #>
    param([string] $Space = 'test', [switch] $NotDefault, [hashtable] $Extra = @{})
    $params = @{ ApiUrl = (Get-EmulatorUrl); Space = $Space; ClientCredential = (Get-TestCredential); RetryIntervalSec = 0.01 } + $Extra
    if ($NotDefault) { New-IotStudioConnection @params } else { Connect-IotStudio @params -PassThru }
}

function New-ModuleSample {
    <#
    .SYNOPSIS
        One object of each output type of the module, made through its own cmdlets against the emulator (with the
        default connection), keyed by the type's full name. A new output type needs its maker here: the contract tests
        fail naming a type without one.
    #>
    $suffix = (Get-Random -Maximum 99999).ToString('00000')
    Add-EmulatorModel -Name "SampleModel$suffix"
    $samples = [ordered]@{}
    $category = New-IotCategory -Name "Sample$suffix" -Model "SampleModel$suffix"
    $thing = New-IotThing -Title "sample-$suffix" -Category $category.Name -Model "SampleModel$suffix" -Status @{ temperature = 21.5 }
    $samples['IotStudio.Models.Thing'] = $thing
    $samples['IotStudio.Models.Category'] = $category
    $samples['IotStudio.Models.ThingModel'] = Get-IotModel "SampleModel$suffix"
    $samples['IotStudio.Models.ThingModelVersion'] = New-IotModelVersion -Model "SampleModel$suffix" -Title 'v1'
    $samples['IotStudio.Models.PropertyValue'] = Get-IotProperty -ThingId $thing.Uid | Select-Object -First 1
    $samples['IotStudio.Models.ThingAction'] = Invoke-IotAction -ThingId $thing.Uid -Name reboot
    $samples['IotStudio.Models.ThingEvent'] = New-IotEvent -ThingId $thing.Uid -Name alarm -Data 1
    $samples['IotStudio.Models.ThingSecret'] = Reset-IotThingSecret -ThingId $thing.Uid -Confirm:$false
    $samples['IotStudio.Models.AccessToken'] = Get-IotStudioAccessToken
    $samples['IotStudio.PowerShell.IotStudioConnection'] = Get-IotStudioConnection
    $samples['IotStudio.Models.QueryThenResult'] = Invoke-IotQuery "FOR t IN things FILTER t.uid == @uid RETURN t" -BindVariable @{ uid = $thing.Uid } -Then Update -ThenData @{ description = 'sampled' } -Confirm:$false
    $samples['IotStudio.Http.RawResponse'] = Invoke-IotStudioRequest "/spaces/test/things/$($thing.Uid)" -Raw
    $samples['IotStudio.Models.MqttCredential'] = New-IotMqttCredential -ThingId $thing.Uid -Username "sample-$suffix" -Password (ConvertTo-SecureString 'sample-password' -AsPlainText -Force)
    $samples['IotStudio.Models.PropertyHistoryValue'] = Add-IotPropertyHistory -ThingId $thing.Uid -Timestamp ([datetimeoffset]'2024-01-01T00:00:00Z') -Values @{ temperature = 20 } -PassThru | Select-Object -First 1
    $samples['IotStudio.Models.PropertyHistoryGroup'] = Get-IotPropertyHistory -ThingId $thing.Uid -Group | Select-Object -First 1
    $samples
}

function Get-PwshInvocation {
    <# .SYNOPSIS How to start a child PowerShell: the pwsh executable, or 'dotnet pwsh.dll' for the .NET tool. #>
    $exe = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
    if (Test-Path $exe) { return , @($exe) }
    , @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-ChildPwsh {
    <# .SYNOPSIS Runs a script in a fresh PowerShell process and returns its output lines; throws on a non-zero exit. #>
    param([string] $Script)
    $inv = Get-PwshInvocation
    $file = Join-Path ([IO.Path]::GetTempPath()) ("iotstudio-child-" + [guid]::NewGuid().ToString('n') + '.ps1')
    Set-Content -Path $file -Value $Script
    try {
        $exe = $inv[0]
        $rest = @($inv | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)
        $output = & $exe @rest 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Child PowerShell failed ($LASTEXITCODE): $($output -join "`n")" }
        $output | ForEach-Object { "$_" }
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

function Find-JsonElement {
    <# .SYNOPSIS Walks an object graph and returns the paths where a System.Text.Json type appears. #>
    param($InputObject, [string] $Path = '$', [int] $Depth = 0)
    if ($null -eq $InputObject -or $Depth -gt 30) { return }
    $value = if ($InputObject -is [psobject]) { $InputObject.psobject.BaseObject } else { $InputObject }
    if ($value.GetType().Namespace -like 'System.Text.Json*') { return $Path }
    if ($value -is [string] -or $value.GetType().IsPrimitive -or $value -is [decimal] -or $value -is [datetime] -or $value -is [datetimeoffset]) { return }
    if ($value -is [System.Collections.IDictionary]) {
        foreach ($k in @($value.Keys)) { Find-JsonElement $value[$k] "$Path.$k" ($Depth + 1) }
        return
    }
    if ($value -is [System.Collections.IEnumerable]) {
        $i = 0
        foreach ($item in $value) { Find-JsonElement $item "$Path[$i]" ($Depth + 1); $i++ }
        return
    }
    foreach ($p in $value.psobject.Properties) {
        if ($p.MemberType -notin 'Property', 'NoteProperty') { continue }
        $v = try { $p.Value } catch { $null }
        Find-JsonElement $v "$Path.$($p.Name)" ($Depth + 1)
    }
}

function Invoke-WithProgress {
    <#
    .SYNOPSIS
        Runs a script in a fresh runspace of this process (the module imported, connected to the emulator with the
        static token, $ProgressPreference as given) and returns its output, its progress records and its errors.
    #>
    param([Parameter(Mandatory)] [scriptblock] $Script, [string] $Preference = 'Continue', [string] $Space = 'test')
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript({
                param($Module, $Url, $Space, $Preference, $Body)
                Import-Module $Module
                $null = Connect-IotStudio -ApiUrl $Url -Space $Space -AccessToken (ConvertTo-SecureString 'static-test-token' -AsPlainText -Force)
                $ProgressPreference = $Preference
                & ([scriptblock]::Create($Body))
            }).AddParameters(@{ Module = $env:IOTSTUDIO_TEST_MODULE; Url = (Get-EmulatorUrl); Space = $Space; Preference = $Preference; Body = $Script.ToString() })
        $output = $ps.Invoke()
        [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error) }
    }
    finally { $ps.Dispose() }
}

Export-ModuleMember -Function *-*
