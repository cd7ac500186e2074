# The README's first command runs demo/Demo.ps1 (build.ps1 -Task Demo). The suite runs the same tour with fewer
# Things, so that the command the README opens with cannot rot.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    $script:Root = (Resolve-Path "$PSScriptRoot/../..").Path
}

Describe 'demo/Demo.ps1' {
    It 'runs the whole tour against its own emulator and stops it' {
        $inv = @(Get-PwshInvocation)
        $arguments = @($inv | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'demo/Demo.ps1'),
            '-Root', $Root, '-ThingCount', '20')
        $output = @(& $inv[0] @arguments 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output[-1] | Should -Be '== Emulator stopped. Done.' -Because ($output -join "`n")
        $output | Where-Object { $_ -match 'Created 20 Things' } | Should -Not -BeNullOrEmpty
    }
}
