#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages the IotStudio module.
.DESCRIPTION
    Build  : compiles and assembles the importable module in out/IotStudio (MAML help included).
    Test   : Build, then the xunit tests for Core and the Pester tests against the emulator; the last line
             reads 'N passed, N failed' and the exit code is non-zero on any failure.
    Demo   : Build, start the emulator, run demo/Demo.ps1 against it, stop the emulator.
    Bench  : Build, then the benchmarks in bench/Bench.ps1: every figure next to a baseline measured in the same run
             (a plain C# client in bench/PlainClient, an Invoke-RestMethod loop, bare pwsh, a one-cmdlet module in
             bench/FloorModule), with its target; exit 1 on a miss. bench/Bench.ps1 -Section runs parts of it.
    Package: Build, then Publish-PSResource to out/repo (a local folder repository) and install from it, write
             out/IotStudio.zip for Azure Automation (tools/New-AutomationPackage.ps1), and pack the emulator as a .NET
             tool (command iotstudio-emulator) into out/packages.
    Docs   : Build, then tools/Update-CmdletDocs.ps1: rewrites the SYNTAX and PARAMETERS blocks of every
             docs/cmdlets page from the built cmdlets (keeping the prose; shared parameter texts come from
             docs/shared-parameters.md) and creates a page with placeholders for a cmdlet that has none.
             Commit the result; the Test task fails while a page is out of step.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Docs
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Docs', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Pester only: run the test files whose names match (e.g. 'Thing').
    [string] $Filter = '*'
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$env:NO_COLOR = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$PSStyle.OutputRendering = 'PlainText'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'IotStudio'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE." }
}

function Get-Version {
    [xml] $props = Get-Content (Join-Path $Root 'Directory.Build.props')
    $props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
}

# The shipped manifest says the same as IotStudio.psd1 in fewer kinds of syntax: no comments, and each list as one
# comma-separated @(...) line. PowerShell evaluates a module manifest by compiling it, and on a cold start each
# kind of syntax it meets first (a multi-line list, a comment) costs JIT time: this form JIT-compiles 75 fewer
# methods at Import-Module (a JIT-event trace of pwsh -c 'Import-Module IotStudio').
function Compress-Manifest([string] $Text) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref] $tokens, [ref] $errors)
    if ($errors) { throw "IotStudio.psd1 does not parse: $($errors[0].Message)" }
    $edits = [System.Collections.Generic.List[object]]::new()
    # Lists of constants only, outermost ones; anything else is left as written.
    $lists = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.ArrayExpressionAst] }, $true) | Where-Object {
        $list = $_
        $constants = $list.FindAll({ param($n) $n -is [System.Management.Automation.Language.ExpressionAst] -and $n -ne $list }, $true) |
            Where-Object { $_ -isnot [System.Management.Automation.Language.StringConstantExpressionAst] -and $_ -isnot [System.Management.Automation.Language.ArrayLiteralAst] }
        -not $constants
    }
    foreach ($list in $lists) {
        $items = foreach ($statement in $list.SubExpression.Statements) {
            $expression = $statement.PipelineElements[0].Expression
            if ($expression -is [System.Management.Automation.Language.ArrayLiteralAst]) { $expression.Elements.Extent.Text } else { $expression.Extent.Text }
        }
        $edits.Add(@{ Start = $list.Extent.StartOffset; End = $list.Extent.EndOffset; Text = '@(' + ($items -join ', ') + ')' })
    }
    # A comment goes with its line when it stands alone on it; one inside a rewritten list goes with the list.
    foreach ($comment in $tokens | Where-Object Kind -EQ 'Comment') {
        $start = $comment.Extent.StartOffset
        $end = $comment.Extent.EndOffset
        if ($edits | Where-Object { $_.Start -le $start -and $_.End -ge $end }) { continue }
        $lineStart = $Text.LastIndexOf("`n", [Math]::Max(0, $start - 1)) + 1
        if (-not $Text.Substring($lineStart, $start - $lineStart).Trim()) {
            $start = $lineStart
            if ($end -lt $Text.Length -and $Text[$end] -eq "`r") { $end++ }
            if ($end -lt $Text.Length -and $Text[$end] -eq "`n") { $end++ }
        }
        $edits.Add(@{ Start = $start; End = $end; Text = '' })
    }
    foreach ($edit in $edits | Sort-Object { $_.Start } -Descending) {
        $Text = $Text.Substring(0, $edit.Start) + $edit.Text + $Text.Substring($edit.End)
    }
    # The same data, or no build.
    $data = { param([string] $manifest) ConvertTo-Json -Depth 8 -Compress -InputObject (& ([scriptblock]::Create("data { $manifest }"))) }
    if ((& $data $ast.Extent.Text) -ne (& $data $Text)) { throw 'Compress-Manifest changed what the manifest says.' }
    $Text
}

function Invoke-Build {
    $version = Get-Version
    Write-Host "Building IotStudio $version ($Configuration)"
    $publish = Join-Path $Out 'publish'
    Remove-Item $publish, $ModuleOut -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $Root 'IotStudio.sln') -c $Configuration --nologo -v quiet -clp:NoSummary }
    Invoke-Native 'dotnet publish' { dotnet publish (Join-Path $Root 'src/IotStudio.PowerShell') -c $Configuration -o $publish --nologo -v quiet --no-build }

    # The cmdlet assembly alone in the module root; everything it needs in dependencies/, where only the
    # module's own load context looks (see src/IotStudio.PowerShell/Loading).
    $deps = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'dependencies')
    Copy-Item (Join-Path $publish 'IotStudio.PowerShell.dll') $ModuleOut
    Copy-Item (Join-Path $publish 'IotStudio.PowerShell.pdb') $ModuleOut -ErrorAction SilentlyContinue
    Get-ChildItem $publish -File | Where-Object { $_.Name -notlike 'IotStudio.PowerShell.*' -and $_.Extension -in '.dll', '.pdb' } |
        Copy-Item -Destination $deps
    Copy-Item (Join-Path $Root 'src/IotStudio.PowerShell/Formatting/*.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    # about_ topics next to the MAML help, where Get-Help looks for them.
    $help = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'en-US')
    Copy-Item (Join-Path $Root 'src/IotStudio.PowerShell/en-US/*.help.txt') $help

    # PowerShell 7.4+ (.NET 8 or later) loads Core's net8.0 build and RestSharp's from dependencies/net8.0: System.Text.Json
    # is then the runtime's own precompiled copy, not the netstandard2.0 one that would be JIT-compiled at start-up.
    $publish8 = Join-Path $Out 'publish-net8.0'
    Remove-Item $publish8 -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native 'dotnet publish (net8.0)' { dotnet publish (Join-Path $Root 'src/IotStudio.Core') -f net8.0 -c $Configuration -o $publish8 --nologo -v quiet --no-build }
    $deps8 = New-Item -ItemType Directory -Force (Join-Path $deps 'net8.0')
    Get-ChildItem $publish8 -File | Where-Object { $_.Extension -in '.dll', '.pdb' } | Copy-Item -Destination $deps8

    $manifestPath = Join-Path $Root 'IotStudio.psd1'
    $manifest = Get-Content $manifestPath -Raw
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion          = '$version'"
    # A PSCommand_<name> tag per cmdlet (what Find-PSResource -Command and the gallery search), from CmdletsToExport,
    # so a new cmdlet is found without a tag to add by hand.
    $commandTags = @('PSIncludes_Cmdlet') + @((Import-PowerShellDataFile $manifestPath).CmdletsToExport | ForEach-Object { "PSCommand_$_" })
    $manifest = $manifest -replace "Tags(\s*)=(\s*)@\(", "Tags`$1=`$2@($(($commandTags | ForEach-Object { "'$_'" }) -join ', '), "
    Set-Content -Path (Join-Path $ModuleOut 'IotStudio.psd1') -Value (Compress-Manifest $manifest) -NoNewline

    & (Join-Path $Root 'tools/New-MamlHelp.ps1') -DocsPath (Join-Path $Root 'docs/cmdlets') -OutputPath (Join-Path $ModuleOut 'en-US/IotStudio.PowerShell.dll-Help.xml')
    Write-Host "Module ready in $ModuleOut"
}

# The emulator as a .NET tool package in out/packages: `dotnet tool install IotStudio.Emulator --add-source out/packages`.
function Invoke-EmulatorPackage {
    $packages = Join-Path $Out 'packages'
    Remove-Item (Join-Path $packages 'IotStudio.Emulator.*.nupkg') -ErrorAction SilentlyContinue
    Invoke-Native 'dotnet pack (emulator)' { dotnet pack (Join-Path $Root 'src/IotStudio.Emulator') -c $Configuration -o $packages --nologo -v quiet --no-build }
    $package = Get-ChildItem $packages -Filter 'IotStudio.Emulator.*.nupkg' | Select-Object -First 1
    Write-Host "Emulator tool package: $($package.FullName) (dotnet tool install IotStudio.Emulator --add-source $packages)"
    $package.FullName
}

function Get-PesterModulePath {
    Invoke-Native 'restore of test tools' { dotnet restore (Join-Path $Root 'tests/tools/TestTools.proj') --nologo -v quiet }
    $cache = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $cache.Trim() 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 6.2.0 was not found at $path after restore." }
    $path
}

function Invoke-XunitTests {
    # Every xunit project under tests/ (Core, emulator), counted together. The coverage tests write their
    # 'API operations: N of M' line to out/test-results/coverage-*.txt; the Test task prints it in its summary.
    $results = Join-Path $Out 'test-results'
    New-Item -ItemType Directory -Force $results | Out-Null
    Remove-Item (Join-Path $results 'coverage-*.txt') -ErrorAction SilentlyContinue
    $total = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0; Coverage = @() }
    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse -Depth 1) {
        $trx = Join-Path $results "$($project.BaseName).trx"
        Remove-Item $trx -ErrorAction SilentlyContinue
        # Invoke-Build has just built the solution, test projects included.
        dotnet test $project.FullName -c $Configuration --no-build --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
        if (-not (Test-Path $trx)) { throw "The xunit run of $($project.BaseName) wrote no results." }
        [xml] $doc = Get-Content $trx
        $c = $doc.TestRun.ResultSummary.Counters
        $total.Passed += [int]$c.passed
        $total.Failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        $total.Skipped += [int]$c.notExecuted
    }
    $total.Coverage = @(Get-ChildItem $results -Filter 'coverage-*.txt' | Sort-Object Name | Get-Content | Where-Object { $_ })
    $total
}

function Invoke-PesterTests {
    $pester = Get-PesterModulePath
    $helpers = Join-Path $Root 'tests/Pester/TestHelpers.psm1'
    Import-Module $pester -Force
    Import-Module $helpers -Force
    # The examples (a runbook and its offline test) install the emulator tool from out/packages and import the
    # module by name, as users do.
    $examples = @(Get-ChildItem (Join-Path $Root 'examples') -Recurse -Filter "*$Filter*.Tests.ps1" -ErrorAction SilentlyContinue)
    if ($examples) {
        $null = Invoke-EmulatorPackage
        $env:IOTSTUDIO_PACKAGES = Join-Path $Out 'packages'
    }
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = $Out + [IO.Path]::PathSeparator + $env:PSModulePath
    $emulator = Start-TestEmulator -Root $Root -Configuration $Configuration
    try {
        $env:IOTSTUDIO_TEST_MODULE = Join-Path $ModuleOut 'IotStudio.psd1'
        $config = New-PesterConfiguration
        $config.Run.Path = @(Get-ChildItem (Join-Path $Root 'tests/Pester') -Filter "*$Filter*.Tests.ps1" | ForEach-Object FullName) + @($examples | ForEach-Object FullName)
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Normal'
        $config.Output.RenderMode = 'Plaintext'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputPath = Join-Path $Out 'test-results/pester.xml'
        $result = Invoke-Pester -Configuration $config
        # A run that could not even start counts as a failure, never as "nothing failed".
        if ($null -eq $result) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
        [pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount }
    }
    finally {
        Stop-TestEmulator $emulator
        $env:PSModulePath = $savedModulePath
    }
}

switch ($Task) {
    'Clean' { Remove-Item $Out -Recurse -Force -ErrorAction SilentlyContinue }
    'Build' { Invoke-Build }
    'Test' {
        Invoke-Build
        $xunit = Invoke-XunitTests
        $pester = Invoke-PesterTests
        $passed = $xunit.Passed + $pester.Passed
        $failed = $xunit.Failed + $pester.Failed
        $skipped = $xunit.Skipped + $pester.Skipped
        Write-Host ''
        $xunit.Coverage | ForEach-Object { Write-Host $_ }
        Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
        Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
        Write-Host "$passed passed, $failed failed, $skipped skipped"
        exit ([int]($failed -gt 0 -or $passed -eq 0))
    }
    'Demo' {
        Invoke-Build
        & (Join-Path $Root 'demo/Demo.ps1') -Root $Root -Configuration $Configuration
    }
    'Bench' {
        Invoke-Build
        & (Join-Path $Root 'bench/Bench.ps1') -Root $Root -Configuration $Configuration
    }
    'Docs' {
        Invoke-Build
        $changed = @(& (Join-Path $Root 'tools/Update-CmdletDocs.ps1') -ModulePath (Join-Path $ModuleOut 'IotStudio.psd1') `
            -XmlDocPath (Join-Path $Out 'publish/IotStudio.PowerShell.xml'))
        foreach ($c in $changed) { Write-Host "$($c.Action): $($c.Page)" }
        # The module's help from the refreshed pages.
        & (Join-Path $Root 'tools/New-MamlHelp.ps1') -DocsPath (Join-Path $Root 'docs/cmdlets') -OutputPath (Join-Path $ModuleOut 'en-US/IotStudio.PowerShell.dll-Help.xml')
        Write-Host "$($changed.Count) cmdlet page(s) changed."
    }
    'Package' {
        Invoke-Build
        & (Join-Path $Root 'tools/Publish-LocalRepository.ps1') -ModulePath $ModuleOut -RepositoryPath (Join-Path $Out 'repo')
        $null = & (Join-Path $Root 'tools/New-AutomationPackage.ps1') -ModulePath $ModuleOut -OutputFolder $Out
        Invoke-EmulatorPackage | Out-Null
    }
}
