#requires -Version 7.0
<#
.SYNOPSIS
    Writes the built module as the zip that Azure Automation imports.
.DESCRIPTION
    Azure Automation imports a module from a zip whose root holds one folder named after the module, with the
    manifest inside it, and the zip itself must carry the same name: IotStudio.zip holding IotStudio/IotStudio.psd1
    (New-AzAutomationModule: "the name of the .zip file, the name of the folder, and the name of the file in the folder
    must be the same"). There is no version folder: Automation reads the version from the manifest. Entry names use
    '/' so that the zip opens alike on Windows and Linux.
.PARAMETER ModulePath
    The built module folder (build.ps1 -Task Build makes out/IotStudio).
.PARAMETER OutputFolder
    Where to write IotStudio.zip; default: the folder that holds the module folder.
.OUTPUTS
    System.IO.FileInfo: the zip.
.EXAMPLE
    ./tools/New-AutomationPackage.ps1 -ModulePath out/IotStudio
    Writes out/IotStudio.zip; upload it as a module of the Automation account, or pass its URL to New-AzAutomationModule.
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $OutputFolder
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = (Resolve-Path -LiteralPath $ModulePath).Path.TrimEnd([IO.Path]::DirectorySeparatorChar, [IO.Path]::AltDirectorySeparatorChar)
$name = Split-Path $module -Leaf
$manifest = Join-Path $module "$name.psd1"
if (-not (Test-Path -LiteralPath $manifest)) { throw "$ModulePath holds no $name.psd1: give the module folder, named after the module." }
$version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
if (-not $OutputFolder) { $OutputFolder = Split-Path $module -Parent }
$null = New-Item -ItemType Directory -Force $OutputFolder
$zip = Join-Path (Resolve-Path -LiteralPath $OutputFolder).Path "$name.zip"
Remove-Item -LiteralPath $zip -ErrorAction SilentlyContinue

Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
$archive = [System.IO.Compression.ZipFile]::Open($zip, [System.IO.Compression.ZipArchiveMode]::Create)
try {
    foreach ($file in Get-ChildItem -LiteralPath $module -Recurse -File) {
        $relative = [IO.Path]::GetRelativePath($module, $file.FullName).Replace('\', '/')
        $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $file.FullName, "$name/$relative", [System.IO.Compression.CompressionLevel]::Optimal)
    }
}
finally { $archive.Dispose() }
Write-Host "Azure Automation package: $zip ($name $version)"
Get-Item -LiteralPath $zip
