# IotStudio shares a process with other modules: another module's RestSharp 108 (tests/Fixtures/OtherRestModule)
# and IotStudio's RestSharp 114 must both work, whichever is imported first. And the module survives being
# published to a repository and saved back from it.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Url = Get-EmulatorUrl
    $script:ModuleManifest = (Resolve-Path $env:IOTSTUDIO_TEST_MODULE).Path
    $script:ModuleDir = Split-Path $ModuleManifest

    # Reads 'key=value' lines that a child script printed.
    function ConvertFrom-ChildLine {
        param([string[]] $Lines)
        $map = [ordered]@{}
        foreach ($line in $Lines) {
            if ($line -match '^(?<k>[A-Za-z0-9.]+)=(?<v>.*)$') { $map[$Matches.k] = $Matches.v }
        }
        $map
    }

    # A child script that connects to the emulator, lists Things and reports where RestSharp came from.
    function Get-IotStudioScript {
        param([string] $Tag)
        @"
`$c = Connect-IotStudio -ApiUrl '$Url' -Space test -ClientCredential ([pscredential]::new('test-client', (ConvertTo-SecureString 'test-secret-S3cr3t!' -AsPlainText -Force))) -PassThru
'$Tag.things=' + @(Get-IotThing -Connection `$c -ErrorAction Stop).Count
`$rs = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'RestSharp' }
foreach (`$a in `$rs) {
    `$alc = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a)
    `$where = if (`$alc -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { 'default' } else { 'isolated' }
    'restsharp.' + `$where + '=' + `$a.GetName().Version
}
`$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'IotStudio.Core' }
'$Tag.core.default=' + ([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$core) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)
Disconnect-IotStudio `$c
"@
    }

    function Get-FixtureScript {
        param([string] $Tag)
        @"
`$info = Get-OtherRestInfo -Url '$Url'
'$Tag.fixture.version=' + `$info.RestSharpVersion
'$Tag.fixture.status=' + `$info.StatusCode
'$Tag.fixture.default=' + `$info.IsDefaultContext
'$Tag.fixture.content=' + `$info.Content
'$Tag.fixture.error=' + `$info.Error
"@
    }
}

Describe 'Another module with its own RestSharp in the same process' {
    BeforeAll {
        $script:FixtureDir = Join-Path $TestDrive 'OtherRestModule'
        $project = Join-Path $PSScriptRoot '../Fixtures/OtherRestModule/OtherRestModule.csproj'
        # --artifacts-path keeps bin/obj out of the source tree.
        $log = & dotnet publish $project -c Release -o $FixtureDir --artifacts-path (Join-Path $TestDrive 'artifacts') --nologo -v quiet 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Building the fixture failed: $($log -join "`n")" }
        $script:FixtureManifest = Join-Path $FixtureDir 'OtherRestModule.psd1'
    }

    BeforeEach {
        Reset-Emulator
        Add-EmulatorThing -Count 4 | Out-Null
    }

    It 'works when the other module loads first (<Order>)' -ForEach @(
        @{ Order = 'fixture, then IotStudio'; FixtureFirst = $true; Lists = 1 }
        @{ Order = 'IotStudio, then fixture'; FixtureFirst = $false; Lists = 2 }
    ) {
        $fixtureImport = "Import-Module '$FixtureManifest'"
        $iotImport = "Import-Module '$ModuleManifest'"
        $script = if ($FixtureFirst) {
            @($fixtureImport, (Get-FixtureScript 'first'), $iotImport, (Get-IotStudioScript 'iot'), (Get-FixtureScript 'again')) -join "`n"
        }
        else {
            @($iotImport, (Get-IotStudioScript 'iot'), $fixtureImport, (Get-FixtureScript 'first'), (Get-IotStudioScript 'again')) -join "`n"
        }
        $script = "`$ErrorActionPreference = 'Stop'`n" + $script

        $lines = Invoke-ChildPwsh -Script $script
        $r = ConvertFrom-ChildLine $lines

        $r['first.fixture.error'] | Should -BeNullOrEmpty
        $r['first.fixture.status'] | Should -Be '200'
        $r['first.fixture.content'] | Should -BeLike '*"status":"ok"*'
        $r['first.fixture.version'] | Should -Be '108.0.1.0'
        $r['first.fixture.default'] | Should -Be 'True'
        $r['iot.things'] | Should -Be '4'
        $r['iot.core.default'] | Should -Be 'False'
        if ($FixtureFirst) {
            $r['again.fixture.status'] | Should -Be '200'
            $r['again.fixture.version'] | Should -Be '108.0.1.0'
        }
        else {
            $r['again.things'] | Should -Be '4'
        }
        # The last report sees both copies: 108 in the default context, IotStudio's 114 in its own.
        $r['restsharp.default'] | Should -Be '108.0.1.0'
        $r['restsharp.isolated'] | Should -BeLike '114.*'
        @($lines -match '^restsharp\.default=').Count | Should -BeGreaterOrEqual 1
        (Get-EmulatorRequest -Kind Api | Where-Object { $_.path -eq '/spaces/test/things' -and $_.status -eq 200 }).Count | Should -Be $Lists
    }
}

Describe 'A quick import: nothing heavy loads until the first connection' {
    BeforeEach { Reset-Emulator }

    It 'Import-Module loads neither Core, RestSharp nor the views; the first connection loads them, and objects show in their table view' {
        Add-EmulatorThing -Count 2 | Out-Null
        $lines = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
function Loaded { @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'IotStudio.Core', 'RestSharp' }).Count }
Import-Module '$ModuleManifest'
'import.assemblies=' + (Loaded)
'import.views=' + @(Get-FormatData IotStudio.Models.Thing).Count
Connect-IotStudio -ApiUrl '$Url' -Space test -AccessToken (ConvertTo-SecureString 'static-test-token' -AsPlainText -Force)
'connect.assemblies=' + (Loaded)
'connect.views=' + @(Get-FormatData IotStudio.Models.Thing).Count
'table=' + ((Get-IotThing -First 1 | Out-String -Width 200) -split "``n" | Where-Object { `$_ -match '^Uid\s+Title' })
"@
        $r = ConvertFrom-ChildLine $lines
        $r['import.assemblies'] | Should -Be '0'
        $r['import.views'] | Should -Be '0'
        $r['connect.assemblies'] | Should -Be '2'
        $r['connect.views'] | Should -Be '1'
        $r['table'] | Should -Match '^Uid\s+Title'
    }
}

Describe 'Publishing to a repository and installing from it' {
    BeforeAll {
        $script:RepoName = 'IotStudioTest' + [guid]::NewGuid().ToString('n').Substring(0, 8)
        $script:RepoDir = New-Item -ItemType Directory (Join-Path $TestDrive 'repo')
        $script:SavedDir = New-Item -ItemType Directory (Join-Path $TestDrive 'saved')
        Register-PSResourceRepository -Name $RepoName -Uri $RepoDir.FullName -Trusted
    }
    AfterAll {
        Unregister-PSResourceRepository -Name $RepoName -ErrorAction SilentlyContinue
    }

    BeforeEach { Reset-Emulator }

    It 'publishes the built module, saves it back, and the saved copy imports with every cmdlet and works' {
        # Publish-PSResource wants the folder to carry the module's name.
        $copy = Join-Path $TestDrive 'copy/IotStudio'
        New-Item -ItemType Directory (Split-Path $copy) -Force | Out-Null
        Copy-Item $ModuleDir $copy -Recurse
        $manifest = Import-PowerShellDataFile $ModuleManifest

        Publish-PSResource -Path $copy -Repository $RepoName -ErrorAction Stop
        $found = Find-PSResource -Name IotStudio -Repository $RepoName -ErrorAction Stop
        $found.Version.ToString() | Should -Be $manifest.ModuleVersion
        # The package says where the project, its license and its help are, and is found by the commands it holds.
        "$($found.ProjectUri)" | Should -Be 'https://github.com/iotstudio/IotStudio'
        "$($found.LicenseUri)" | Should -Be 'https://github.com/iotstudio/IotStudio/blob/main/LICENSE'
        foreach ($command in 'Get-IotThing', 'ConvertTo-IotFlatThing', 'Connect-IotStudio') {
            $byCommand = Find-PSResource -Command $command -Repository $RepoName -ErrorAction Stop
            $byCommand.ParentResource.Name | Should -Be 'IotStudio' -Because "Find-PSResource -Command $command finds the module"
            $byCommand.Names | Should -Contain $command
        }
        Save-PSResource -Name IotStudio -Repository $RepoName -Path $SavedDir.FullName -TrustRepository -ErrorAction Stop

        $saved = Get-ChildItem $SavedDir.FullName -Recurse -Filter IotStudio.psd1 | Select-Object -First 1
        $saved | Should -Not -BeNullOrEmpty
        Join-Path $saved.DirectoryName 'dependencies/RestSharp.dll' | Should -Exist
        Join-Path $saved.DirectoryName 'dependencies/IotStudio.Core.dll' | Should -Exist
        Join-Path $saved.DirectoryName 'LICENSE' | Should -Exist
        Join-Path $saved.DirectoryName 'en-US/about_IotStudio.help.txt' | Should -Exist

        Add-EmulatorThing -Count 2 | Out-Null
        $lines = Invoke-ChildPwsh -Script @"
`$ErrorActionPreference = 'Stop'
`$m = Import-Module '$($saved.FullName)' -PassThru
'path=' + `$m.ModuleBase
Get-Command -Module IotStudio | ForEach-Object { 'command=' + `$_.Name }
Connect-IotStudio -ApiUrl '$Url' -Space test -AccessToken (ConvertTo-SecureString 'static-test-token' -AsPlainText -Force)
'things=' + @(Get-IotThing).Count
"@
        $commands = @($lines -match '^command=' -replace '^command=')
        $modulePath = ($lines -match '^path=') -replace '^path='
        $modulePath | Should -Be $saved.DirectoryName
        $commands | Should -Not -BeNullOrEmpty
        @($commands | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        ($lines -match '^things=') | Should -Be 'things=2'
    }
}

# PowerShell 7.4 runs on .NET 8, whose own System.Text.Json is 8.0: the module's System.Text.Json 10 and RestSharp 114
# work there only because they load in the module's own context. This machine may have no .NET 8 runtime and no
# PowerShell 7.4, so a .NET 8 program published self-contained (runtime from the NuGet runtime pack) stands in for
# pwsh 7.4: it registers the module's IsolatedLoadContext as ModuleLoader does and uses IotStudio.Core by reflection.
BeforeDiscovery {
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture
    $script:Net8ProbeSkipReason = if (-not $IsLinux -or $arch -ne [System.Runtime.InteropServices.Architecture]::X64) {
        "the .NET 8 probe is published self-contained for linux-x64 only; this platform is $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription) $arch"
    }
    if ($Net8ProbeSkipReason) { Write-Host "Skipping the .NET 8 isolation probe: $Net8ProbeSkipReason" }
}

Describe 'System.Text.Json 10 and RestSharp 114 on the .NET 8 runtime (PowerShell 7.4)' -Skip:([bool]$Net8ProbeSkipReason) {
    BeforeAll {
        $script:ProbeDir = Join-Path $TestDrive 'Net8Probe'
        $project = Join-Path $PSScriptRoot '../Fixtures/Net8Probe/Net8Probe.csproj'
        # Self-contained for linux-x64: the probe runs on the .NET 8 runtime pack, whatever shared runtimes exist.
        $log = & dotnet publish $project -c Release -r linux-x64 --self-contained -o $ProbeDir `
            --artifacts-path (Join-Path $TestDrive 'net8-artifacts') --nologo -v quiet 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Publishing the .NET 8 probe failed: $($log -join "`n")" }
        $script:ProbeExe = Join-Path $ProbeDir 'Net8Probe'
    }

    BeforeEach { Reset-Emulator }

    It 'netstandard2.0 build: loads Core, RestSharp and System.Text.Json 10 into the isolated context, lists Things and maps a 404 (linux-x64 only)' {
        $seeded = Add-EmulatorThing -Count 7

        $output = & $ProbeExe $ModuleDir $Url 'dependencies' 2>&1 | ForEach-Object { "$_" }
        if ($LASTEXITCODE -ne 0) { throw "The .NET 8 probe failed ($LASTEXITCODE): $($output -join "`n")" }
        $output | ForEach-Object { Write-Host "  probe: $_" }
        $r = ConvertFrom-ChildLine $output

        $r['framework'] | Should -BeLike '.NET 8.*'
        $r['things'] | Should -Be '7'
        $r['thing.uid'] | Should -Be $seeded.first
        $r['thing.title'] | Should -Be 'Thing-1'
        $r['stj.isolated'] | Should -BeLike '10.*'
        $r['stj.default'] | Should -BeLike '8.*'
        $r['restsharp.version'] | Should -BeLike '114.*'
        $r['restsharp.alc'] | Should -Be 'IotStudio.PowerShell.Loading.IsolatedLoadContext'
        $r['core.alc'] | Should -Be 'IotStudio.PowerShell.Loading.IsolatedLoadContext'
        $r['stj.isolated.alc'] | Should -Be 'IotStudio.PowerShell.Loading.IsolatedLoadContext'
        $r['stj.used.alc'] | Should -Be 'IotStudio.PowerShell.Loading.IsolatedLoadContext'
        $r['restsharp.default.count'] | Should -Be '0'
        $r['error'] | Should -Be 'IotStudio.Http.IotStudioApiException:404'
        $r['created'] | Should -Be 'net8probe'
        $r['created.roundtrip'] | Should -Be 'True'
    }

    # What PowerShell 7.4+ loads (ModuleLoader picks dependencies/net8.0 on .NET 8 or later): Core and RestSharp's net8.0
    # builds behind the wall, and the runtime's own precompiled System.Text.Json 8 instead of a JIT-compiled copy.
    It 'net8.0 build: loads Core and RestSharp into the isolated context and binds to the runtime''s System.Text.Json (linux-x64 only)' {
        $seeded = Add-EmulatorThing -Count 7

        $output = & $ProbeExe $ModuleDir $Url 'dependencies/net8.0' 2>&1 | ForEach-Object { "$_" }
        if ($LASTEXITCODE -ne 0) { throw "The .NET 8 probe failed ($LASTEXITCODE): $($output -join "`n")" }
        $output | ForEach-Object { Write-Host "  probe: $_" }
        $r = ConvertFrom-ChildLine $output

        $r['framework'] | Should -BeLike '.NET 8.*'
        $r['core.path'] | Should -BeLike '*dependencies?net8.0?IotStudio.Core.dll'
        $r['things'] | Should -Be '7'
        $r['thing.uid'] | Should -Be $seeded.first
        $r['stj.isolated'] | Should -Be 'none'
        $r['stj.used'] | Should -BeLike '8.*'
        $r['stj.used.alc'] | Should -Be 'default'
        $r['restsharp.version'] | Should -BeLike '114.*'
        $r['restsharp.alc'] | Should -Be 'IotStudio.PowerShell.Loading.IsolatedLoadContext'
        $r['core.alc'] | Should -Be 'IotStudio.PowerShell.Loading.IsolatedLoadContext'
        $r['restsharp.default.count'] | Should -Be '0'
        $r['error'] | Should -Be 'IotStudio.Http.IotStudioApiException:404'
        $r['created'] | Should -Be 'net8probe'
        $r['created.roundtrip'] | Should -Be 'True'
    }
}
