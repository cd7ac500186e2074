<#
.SYNOPSIS
    Publishes the built module to a local folder repository and installs it back from there, the way users
    get it with Install-PSResource / Install-Module (Publish-Module is not used: it is broken on this toolchain).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath,
    [string] $RepositoryName = 'IotStudioLocal'
)
$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Force $RepositoryPath | Out-Null
if (Get-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $RepositoryName }
Register-PSResourceRepository -Name $RepositoryName -Uri (Resolve-Path $RepositoryPath).Path -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $RepositoryName
    $package = Get-ChildItem $RepositoryPath -Filter 'iotstudio.*.nupkg' | Sort-Object LastWriteTime | Select-Object -Last 1
    Write-Host "Published $($package.Name) to $RepositoryPath"
    # The package carries a PSCommand_<name> tag per cmdlet (build.ps1 stamps them), so a search by command finds it.
    $found = Find-PSResource -Command Get-IotThing -Repository $RepositoryName -ErrorAction Stop
    Write-Host "Find-PSResource -Command Get-IotThing finds $($found.ParentResource.Name) $($found.ParentResource.Version)"
    $saved = Join-Path (Split-Path $RepositoryPath) 'saved'
    Remove-Item $saved -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory $saved | Out-Null
    Save-PSResource -Name IotStudio -Repository $RepositoryName -Path $saved -TrustRepository
    Write-Host "Installed back from the repository into $saved; import it with Import-Module $saved/IotStudio"
}
finally {
    Unregister-PSResourceRepository -Name $RepositoryName
}
