# The Azure Automation zip that build.ps1 -Task Package writes (tools/New-AutomationPackage.ps1), from the built module:
# one folder named after the module at the root, the zip named alike, the manifest's version the build's.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $root = Resolve-Path "$PSScriptRoot/../.."
    $script:ModuleFolder = Split-Path $env:IOTSTUDIO_TEST_MODULE -Parent
    [xml] $props = Get-Content (Join-Path $root 'Directory.Build.props')
    $script:Version = @($props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ })[0]
    $script:Zip = & (Join-Path $root 'tools/New-AutomationPackage.ps1') -ModulePath $ModuleFolder -OutputFolder (Join-Path $TestDrive 'out') 6>$null
    $archive = [System.IO.Compression.ZipFile]::OpenRead($Zip.FullName)
    try { $script:Entries = @($archive.Entries | ForEach-Object FullName) } finally { $archive.Dispose() }
}

Describe 'The Azure Automation zip' {
    It 'is named after the module, as Automation requires of the zip, its folder and its manifest' {
        $Zip.Name | Should -Be 'IotStudio.zip'
    }

    It 'holds one folder at its root, IotStudio, with the manifest and the cmdlet assembly directly inside' {
        @($Entries | ForEach-Object { ($_ -split '/')[0] } | Select-Object -Unique) | Should -Be 'IotStudio'
        $Entries | Should -Contain 'IotStudio/IotStudio.psd1'
        $Entries | Should -Contain 'IotStudio/IotStudio.PowerShell.dll'
        $Entries | Should -Contain 'IotStudio/dependencies/IotStudio.Core.dll'
        $Entries | Should -Contain 'IotStudio/en-US/IotStudio.PowerShell.dll-Help.xml'
        $Entries | Where-Object { $_ -match '\\' } | Should -BeNullOrEmpty -Because 'entry names use /, never \'
        $Entries | Where-Object { $_ -like "IotStudio/$Version/*" } | Should -BeNullOrEmpty -Because 'Automation wants no version folder'
    }

    It 'holds every file of the built module, unchanged' {
        $built = @(Get-ChildItem $ModuleFolder -Recurse -File | ForEach-Object { 'IotStudio/' + [IO.Path]::GetRelativePath($ModuleFolder, $_.FullName).Replace('\', '/') })
        @($Entries | Sort-Object) | Should -Be @($built | Sort-Object)
        $extracted = Join-Path $TestDrive 'extracted'
        Expand-Archive $Zip.FullName $extracted
        (Get-FileHash (Join-Path $extracted 'IotStudio/IotStudio.PowerShell.dll')).Hash | Should -Be (Get-FileHash (Join-Path $ModuleFolder 'IotStudio.PowerShell.dll')).Hash
    }

    It 'carries a valid manifest whose version is the build''s version' {
        $extracted = Join-Path $TestDrive 'manifest'
        Expand-Archive $Zip.FullName $extracted
        $manifest = Test-ModuleManifest (Join-Path $extracted 'IotStudio/IotStudio.psd1')
        $manifest.Name | Should -Be 'IotStudio'
        "$($manifest.Version)" | Should -Be $Version
        $manifest.ExportedCmdlets.Keys | Should -Contain 'Connect-IotStudio'
    }
}
