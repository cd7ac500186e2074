# The job and Azure Automation examples of the README, run as written against the emulator: the Start-Job example in
# a real background job that connects from inherited IOTSTUDIO_* variables, the runbook with stand-ins for the
# Automation sandbox's Get-AutomationPSCredential and Get-AutomationVariable. The README shows both files verbatim.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force
    $script:Repo = Resolve-Path "$PSScriptRoot/../.." | ForEach-Object ProviderPath
    $script:JobExample = Join-Path $Repo 'examples/jobs/Get-HotBoilerInJob.ps1'
    $script:Runbook = Join-Path $Repo 'examples/azure-automation/Set-BoilerSetpointRunbook.ps1'

    # boiler-1 .. boiler-10 at 72, 74, ... 90 degrees, in the Boilers Category of space 'plant'.
    function Add-Boiler {
        Reset-Emulator
        $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{
            space = 'plant'; count = 10; category = 'Boilers'; thing = @{ title = 'boiler-{i}'; status = @{ temperature = '{70 + i * 2}' } }
        }
    }
}

Describe 'README examples' {
    It 'shows <File> exactly as the suite runs it' -ForEach @(
        @{ File = 'examples/jobs/Get-HotBoilerInJob.ps1' }
        @{ File = 'examples/azure-automation/Set-BoilerSetpointRunbook.ps1' }
    ) {
        $readme = (Get-Content (Join-Path $Repo 'README.md') -Raw) -replace "`r`n", "`n"
        $text = (Get-Content (Join-Path $Repo $File) -Raw) -replace "`r`n", "`n"
        $readme.Contains("``````powershell`n$($text.TrimEnd("`n"))`n``````") | Should -BeTrue -Because "README.md must show $File as it is"
    }
}

Describe 'The Start-Job example' {
    BeforeAll {
        $script:Saved = @{}
        foreach ($n in 'IOTSTUDIO_API_URL', 'IOTSTUDIO_SPACE', 'IOTSTUDIO_CLIENT_ID', 'IOTSTUDIO_CLIENT_SECRET') { $Saved[$n] = [Environment]::GetEnvironmentVariable($n) }
    }
    AfterAll {
        foreach ($n in $Saved.Keys) { [Environment]::SetEnvironmentVariable($n, $Saved[$n]) }
    }

    It 'lists the hot boilers in a background job that connects from the inherited IOTSTUDIO_* variables' {
        Add-Boiler
        $env:IOTSTUDIO_API_URL = Get-EmulatorUrl
        $env:IOTSTUDIO_SPACE = 'plant'
        $env:IOTSTUDIO_CLIENT_ID = 'test-client'
        $env:IOTSTUDIO_CLIENT_SECRET = 'test-secret-S3cr3t!'

        # The job finds the module by name on PSModulePath, as an installed module is found.
        $out = & $JobExample -ErrorAction Stop

        @($out.Title | Sort-Object) | Should -Be @('boiler-10', 'boiler-6', 'boiler-7', 'boiler-8', 'boiler-9') -Because 'those run above 80 degrees'
        $out[0].Uid | Should -Match '^[0-9A-HJKMNP-TV-Z]{26}$'
        @(Get-EmulatorRequest -Kind OAuth | Where-Object path -EQ '/oauth2/revoke').Count | Should -Be 1 -Because 'the job disconnects'
    }
}

Describe 'The Azure Automation runbook' {
    BeforeAll {
        # Stand-ins for the cmdlets the Automation sandbox provides, answering from the account's assets.
        $script:Assets = @{ IotStudioApiUrl = (Get-EmulatorUrl); IotStudioSpace = 'plant' }
        function global:Get-AutomationPSCredential([string] $Name) {
            if ($Name -ne 'IotStudio') { throw "no credential asset '$Name'" }
            Get-TestCredential
        }
        function global:Get-AutomationVariable([string] $Name) {
            if (-not $Assets.ContainsKey($Name)) { throw "no variable asset '$Name'" }
            $Assets[$Name]
        }
    }
    AfterAll {
        Remove-Item Function:\Get-AutomationPSCredential, Function:\Get-AutomationVariable -ErrorAction SilentlyContinue
    }

    It 'sets the setpoint of the boilers above the threshold, from the credential and variable assets, and revokes at the end' {
        Add-Boiler
        Clear-EmulatorLog

        $out = & $Runbook -Threshold 85 -Setpoint 55

        $out.Count | Should -Be 3 -Because 'boiler-8 .. boiler-10 run above 85 degrees'
        $out | ForEach-Object { $_ | Should -Match '^Set the setpoint of [0-9A-Z]{26} to 55$' }
        @(Get-ApiLog | Where-Object { $_.method -eq 'PUT' -and $_.path -like '/spaces/plant/things/*/properties/setpoint' }).Count | Should -Be 3
        @(Get-EmulatorRequest -Kind OAuth | Where-Object path -EQ '/oauth2/revoke').Count | Should -Be 1
    }
}
