# The benchmark (bench/Bench.ps1, build.ps1 -Task Bench) runs once with tiny counts, so that it cannot rot: every line
# it promises comes out with a value, a baseline where it has one, and a verdict. No time is asserted here: targets
# live in the benchmark.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    $script:Root = (Resolve-Path "$PSScriptRoot/../..").Path
}

Describe 'bench/Bench.ps1' {
    BeforeAll {
        $inv = @(Get-PwshInvocation)
        $arguments = @($inv | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'bench/Bench.ps1'),
            '-Root', $Root, '-ThingCount', '200', '-SeedCount', '1000', '-UpdateCount', '20', '-RateUpdateCount', '40', '-Passes', '1', '-ImportRuns', '1', '-WarmUpdates', '40')
        $script:Output = @(& $inv[0] @arguments 2>&1 | ForEach-Object { "$_" })
        $script:ExitCode = $LASTEXITCODE
        # The table's rows: a name, then the value and its verdict.
        $script:Rows = @($Output | Where-Object { $_ -match '\s(PASS|MISS)\s*$' })
    }

    It 'finishes, exiting 0 (all met) or 1 (a target missed), never on an error' {
        $ExitCode | Should -BeIn 0, 1 -Because ($Output -join "`n")
        $Output[-1] | Should -BeIn 'All targets met.', 'Some targets were missed.'
    }

    It 'prints the client CPU per update of both sides beside the sequential-write line' {
        @($Output | Where-Object { $_ -match '^\s+\(client CPU per update: [\d.,]+ us against the plain client''s [\d.,]+ us\)$' }).Count |
            Should -Be 1 -Because ($Output -join "`n")
    }

    It 'prints the line <Line>' -ForEach @(
        @{ Line = 'Listing 200 Things (-PageSize 1000 | Out-Null) vs plain C# client'; Baseline = 'plain C#' }
        @{ Line = 'Listing 200 Things vs an Invoke-RestMethod loop'; Baseline = 'Invoke-RestMethod' }
        @{ Line = 'Full listing without -PageSize: requests'; Baseline = 'a fixed page of 50' }
        @{ Line = 'Get-IotThing | Select-Object -First 5: requests sent' }
        @{ Line = 'Get-IotThing | Select-Object -First 5: time' }
        @{ Line = '20 updates, no latency, one at a time vs plain C#'; Baseline = 'plain C#' }
        @{ Line = '20 updates, 5 ms latency, -ThrottleLimit 1 vs plain C# at 1 in flight'; Baseline = 'plain C#' }
        @{ Line = '20 updates, 5 ms latency, -ThrottleLimit 4 vs plain C# at 4 in flight'; Baseline = 'plain C#' }
        @{ Line = '20 updates, 5 ms latency, -ThrottleLimit 16 vs plain C# at 16 in flight'; Baseline = 'plain C#' }
        @{ Line = '20 updates, 5 ms latency: -ThrottleLimit 16 vs -ThrottleLimit 1'; Baseline = '-ThrottleLimit 1' }
        @{ Line = '40 updates at -ThrottleLimit 16 against a limit of 200 requests/s: items lost' }
        @{ Line = '40 updates at -ThrottleLimit 16 against a limit of 200 requests/s: items duplicated' }
        @{ Line = '40 updates at -ThrottleLimit 16 against a limit of 200 requests/s: requests answered 429' }
        @{ Line = '40 updates at -ThrottleLimit 16 against a limit of 200 requests/s: throughput vs the limit'; Baseline = 'the limit' }
        @{ Line = 'Import-Module IotStudio vs bare pwsh'; Baseline = 'pwsh -c exit' }
        @{ Line = 'Import-Module IotStudio vs a one-cmdlet binary module'; Baseline = 'one-cmdlet module' }
        @{ Line = 'First call (import, connect, Get-IotThing -First 1) vs Invoke-RestMethod'; Baseline = 'Invoke-RestMethod' }
        @{ Line = 'Emulator: seed 1,000 Things from a template' }
        @{ Line = 'Emulator: managed memory per seeded Thing' }
        @{ Line = 'Peak working set streaming 10 Things' }
        @{ Line = 'Peak working set streaming 100 Things vs 10'; Baseline = '10 Things' }
        @{ Line = 'Peak working set streaming 1,000 Things vs 10'; Baseline = '10 Things' }
    ) {
        $row = @($Rows | Where-Object { $_.StartsWith($Line + ' ') })
        $row.Count | Should -Be 1 -Because "the table should have one row '$Line':`n$($Output -join "`n")"
        # A number in its unit, then (with a baseline) the baseline's number and the ratio.
        $row[0].Substring($Line.Length) | Should -Match '^\s+[\d.,]+ \S+'
        if ($Baseline) { $row[0] | Should -Match ([regex]::Escape("($Baseline)") + '\s+[\d.,]+x\s') }
    }

    It 'runs only the parts -Section names' {
        $inv = @(Get-PwshInvocation)
        $arguments = @($inv | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command',
            "& '$(Join-Path $Root 'bench/Bench.ps1')' -Root '$Root' -SeedCount 1000 -Section Memory")
        $output = @(& $inv[0] @arguments 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -BeIn 0, 1 -Because ($output -join "`n")
        $rows = @($output | Where-Object { $_ -match '\s(PASS|MISS)\s*$' })
        $rows.Count | Should -Be 5 -Because ($output -join "`n")
        $rows | Where-Object { $_ -notmatch '^(Emulator: |Peak working set )' } | Should -BeNullOrEmpty
        $output | Where-Object { $_ -match 'Listing, round trips and writes' } | Should -BeNullOrEmpty
    }
}
