# Get-/Add-/Remove-IotPropertyHistory against the emulator: the wire (method, path, at, property_name[], group),
# typed output, batches and per-value conflicts, paging, the category-scoped path, pipelines (Measure-Object, a copy
# from one Thing to another, a CSV round trip), -WhatIf, and bad ranges refused before any request.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'
    $script:T0 = [DateTimeOffset]'2023-05-15T10:00:00Z'

    # Values of one Thing: temperature every hour from T0 (20, 21, 22), mode at T0.
    function Add-Sample([string] $ThingId, [string] $Category) {
        $extra = if ($Category) { @{ Category = $Category } } else { @{} }
        Add-IotPropertyHistory -ThingId $ThingId -Timestamp $T0 -Values ([ordered]@{ temperature = 20; mode = 'eco' }) @extra
        Add-IotPropertyHistory -ThingId $ThingId -Timestamp $T0.AddHours(1) -Values @{ temperature = 21.5 } @extra
        Add-IotPropertyHistory -ThingId $ThingId -Timestamp $T0.AddHours(2) -Values @{ temperature = 22 } @extra
    }

    function Get-Query([object] $Entry, [string] $Key) { @(Get-QueryValue $Entry.query $Key) }

    function Get-Stored([string] $ThingId) {
        @(Get-IotPropertyHistory $ThingId | ForEach-Object { '{0:O} {1}={2} ({3})' -f $_.Timestamp.UtcDateTime, $_.Name, $_.Value, $_.Value.GetType().Name })
    }
}

Describe 'Properties history cmdlets' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Id = (Add-EmulatorThing -Count 1).first
        Clear-EmulatorLog
    }

    Describe 'Get-IotPropertyHistory' {
        It 'lists what Set-IotProperty recorded (not -NoHistory) with one GET, one typed object per value' {
            $before = [DateTimeOffset]::UtcNow.AddSeconds(-2)
            Set-IotProperty $Id -Values @{ temperature = 21.5; mode = 'eco'; limits = @{ max = 30 } }
            Set-IotProperty $Id -Name temperature -Value 99 -NoHistory
            Clear-EmulatorLog

            $out = @(Get-IotPropertyHistory -ThingId $Id)

            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'GET'
            $log[0].path | Should -Be "/spaces/test/things/$Id/properties-history"
            Get-Query $log[0] 'at' | Should -BeNullOrEmpty
            Get-Query $log[0] 'group' | Should -BeNullOrEmpty
            $out | Should -HaveCount 3
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.PropertyHistoryValue' }
            # One time, values in property-name order; the -NoHistory value is not there.
            $out.Name | Should -Be 'limits', 'mode', 'temperature'
            $out[2].Value | Should -Be 21.5
            $out[2].Value | Should -BeOfType [decimal]
            $out[1].Value | Should -Be 'eco'
            $out[0].Value['max'] | Should -Be 30
            $out.Space | Select-Object -Unique | Should -Be 'test'
            $out.ThingId | Select-Object -Unique | Should -Be $Id
            $out[0].Timestamp | Should -BeOfType [DateTimeOffset]
            $out[0].Timestamp | Should -BeGreaterOrEqual $before
            @($out.Timestamp | Select-Object -Unique) | Should -HaveCount 1
            Find-JsonElement $out | Should -BeNullOrEmpty
        }

        It 'reads the history the emulator''s seed wrote, one value per entry' {
            $seed = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{
                space = 'test'; count = 2; titlePrefix = 'S'
                history = @{ perThing = 3; from = '2024-01-01T00:00:00Z'; intervalSeconds = 3600; properties = @{ temperature = '{i * 10 + j}' } }
            }
            $out = @(Get-IotPropertyHistory $seed.last -From '2024-01-01T01:00:00Z')
            $out.Value | Should -Be 22, 23
            $out.Timestamp | Should -Be ([DateTimeOffset]'2024-01-01T01:00:00Z'), ([DateTimeOffset]'2024-01-01T02:00:00Z')
        }

        It 'sends -From/-To as at=from|to in UTC, and reads only that range' {
            Add-Sample $Id
            Clear-EmulatorLog

            $out = @(Get-IotPropertyHistory $Id -From ([DateTimeOffset]'2023-05-15T12:30:00+02:00') -To $T0.AddHours(2))

            Get-Query (Get-ApiLog)[0] 'at' | Should -Be '2023-05-15T10:30:00+00:00|2023-05-15T12:00:00+00:00'
            (Get-ApiLog)[0].query | Should -Match 'at=2023-05-15T10%3A30%3A00%2B00%3A00%7C2023-05-15T12%3A00%3A00%2B00%3A00'
            $out.Value | Should -Be 21.5, 22
            $out.Timestamp | Should -Be $T0.AddHours(1), $T0.AddHours(2)
        }

        It 'opens a range without -To or without -From' {
            Add-Sample $Id
            Clear-EmulatorLog
            @(Get-IotPropertyHistory $Id -From $T0.AddHours(1)).Value | Should -Be 21.5, 22
            @(Get-IotPropertyHistory $Id -Name temperature -To $T0).Value | Should -Be 20
            Get-ApiLog | ForEach-Object { Get-Query $_ 'at' } |
                Should -Be '2023-05-15T11:00:00+00:00|9999-12-31T23:59:59.999+00:00', '0001-01-01T00:00:00+00:00|2023-05-15T10:00:00+00:00'
        }

        It 'sends -At <At> as it is and selects <Count> values' -ForEach @(
            @{ At = '2022|2023'; Count = 4 }
            @{ At = '2022-12|2023-03'; Count = 0 }
            @{ At = '2023-05-15|2023-05-30'; Count = 4 }
            @{ At = '2023-05-15T11:00:00Z|2023-05-15T12:00:00Z'; Count = 2; Wire = '2023-05-15T11:00:00+00:00|2023-05-15T12:00:00+00:00' }
            @{ At = '2023-05-15T10:00:00Z'; Count = 2; Wire = '2023-05-15T10:00:00+00:00' }
            @{ At = '2023-05'; Count = 4; Wire = '2023-05|2023-05' }
        ) {
            Add-Sample $Id
            Clear-EmulatorLog
            @(Get-IotPropertyHistory $Id -At $At) | Should -HaveCount $Count
            $expected = if ($Wire) { $Wire } else { $At }
            Get-Query (Get-ApiLog)[0] 'at' | Should -Be $expected
        }

        It 'reads one property from .../properties-history/{name}, several with repeated property_name[]' {
            Add-Sample $Id
            Clear-EmulatorLog

            (Get-IotPropertyHistory $Id -Name temperature).Value | Should -Be 20, 21.5, 22
            (Get-IotPropertyHistory $Id -Name mode, temperature -At '2023-05-15T10:00:00Z').Name | Should -Be 'mode', 'temperature'

            $log = Get-ApiLog
            $log[0].path | Should -Be "/spaces/test/things/$Id/properties-history/temperature"
            $log[1].path | Should -Be "/spaces/test/things/$Id/properties-history"
            Get-Query $log[1] 'property_name[]' | Should -Be 'mode', 'temperature'
            $log[1].query | Should -Match 'property_name\[\]=mode&property_name\[\]=temperature'
        }

        It 'writes one PropertyHistoryGroup per time with -Group (group=true)' {
            Add-Sample $Id
            Clear-EmulatorLog

            $out = @(Get-IotPropertyHistory $Id -Group -Name temperature, mode)

            Get-Query (Get-ApiLog)[0] 'group' | Should -Be 'true'
            Get-Query (Get-ApiLog)[0] 'property_name[]' | Should -Be 'temperature', 'mode'
            $out | Should -HaveCount 3
            $out[0].GetType().FullName | Should -Be 'IotStudio.Models.PropertyHistoryGroup'
            $out[0].Timestamp | Should -Be $T0
            @($out[0].Values.Keys) | Should -Be 'mode', 'temperature'
            $out[0].Values['temperature'] | Should -Be 20
            $out[1].Values['temperature'] | Should -Be 21.5
            $out[0].ThingId | Should -Be $Id
        }

        It 'pages: limit=2,1 for -First 3 -PageSize 2, one request for Select-Object -First 1, -Skip honoured' {
            1..5 | ForEach-Object { Add-IotPropertyHistory $Id -Timestamp $T0.AddMinutes($_) -Values @{ n = $_ } }
            Clear-EmulatorLog
            @(Get-IotPropertyHistory $Id -First 3 -PageSize 2).Value | Should -Be 1, 2, 3
            Get-ApiLog | ForEach-Object { Get-Query $_ 'limit' } | Should -Be '2', '1'
            Get-Query (Get-ApiLog)[1] 'next_cursor' | Should -Not -BeNullOrEmpty

            Clear-EmulatorLog
            @(Get-IotPropertyHistory $Id -Name n -PageSize 2 | Select-Object -First 1).Value | Should -Be 1
            (Get-ApiLog).Count | Should -Be 1

            @(Get-IotPropertyHistory $Id -Skip 3).Value | Should -Be 4, 5
        }

        It 'uses the category-scoped path with -Category, and reports a Thing outside it as ThingNotFound (the missing object)' {
            $seed = Add-EmulatorThing -Count 1 -Category Boilers
            Add-Sample $seed.first -Category Boilers
            Clear-EmulatorLog

            @(Get-IotPropertyHistory $seed.first -Category Boilers -Name temperature).Value | Should -Be 20, 21.5, 22
            @(Get-IotPropertyHistory $seed.first -Category Boilers -Group) | Should -HaveCount 3
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$($seed.first)/properties-history/temperature",
                "/spaces/test/categories/Boilers/things/$($seed.first)/properties-history"

            $null = Get-IotPropertyHistory $Id -Category Boilers -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.GetIotPropertyHistoryCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be $Id
        }

        It 'averages a day of every Boiler''s temperature: Get-IotThing -Category Boilers | Get-IotPropertyHistory -Name temperature -From ... | Measure-Object Value -Average' {
            $boilers = Add-EmulatorThing -Count 2 -Category Boilers -TitlePrefix B
            $now = [DateTimeOffset]::UtcNow
            Add-IotPropertyHistory $boilers.first -Timestamp $now.AddHours(-1) -Values @{ temperature = 20; mode = 'eco' }
            Add-IotPropertyHistory $boilers.first -Timestamp $now.AddHours(-3) -Values @{ temperature = 30 }
            Add-IotPropertyHistory $boilers.last -Timestamp $now.AddHours(-2) -Values @{ temperature = 40 }
            # Too old, and a Thing outside the Category.
            Add-IotPropertyHistory $boilers.last -Timestamp $now.AddDays(-3) -Values @{ temperature = 1000 }
            Add-IotPropertyHistory $Id -Timestamp $now.AddHours(-1) -Values @{ temperature = 1000 }
            Clear-EmulatorLog

            $m = Get-IotThing -Category Boilers | Get-IotPropertyHistory -Name temperature -From (Get-Date).AddDays(-1) | Measure-Object Value -Average

            $m.Count | Should -Be 3
            $m.Average | Should -Be 30
            @(Get-ApiLog | Where-Object path -like '*/properties-history/temperature').path |
                Should -Be "/spaces/test/things/$($boilers.first)/properties-history/temperature", "/spaces/test/things/$($boilers.last)/properties-history/temperature"
        }

        It 'refuses <What> before any request, as PropertyHistoryInvalidArgument' -ForEach @(
            @{ What = 'a reversed -At'; Splat = @{ At = '2023|2022' }; Why = 'reversed'; Target = '2023|2022' }
            @{ What = 'a malformed -At'; Splat = @{ At = 'last week' }; Why = 'not a valid time'; Target = 'last week' }
            @{ What = 'an -At that is no calendar date'; Splat = @{ At = '2023-02-30|2023-03' }; Why = 'not a calendar date'; Target = '2023-02-30|2023-03' }
            @{ What = 'a reversed -From/-To'; Splat = @{ From = [DateTimeOffset]'2023-05-16T00:00:00Z'; To = [DateTimeOffset]'2023-05-15T00:00:00Z' }; Why = 'reversed'; Target = $null }
        ) {
            $err = $null
            try { Get-IotPropertyHistory $Id @Splat } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be "PropertyHistoryInvalidArgument,$Cmd.GetIotPropertyHistoryCommand"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match $Why
            if ($Target) { $err.TargetObject | Should -Be $Target }
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'refuses -At together with -From (parameter sets)' {
            { Get-IotPropertyHistory $Id -At 2023 -From $T0 } | Should -Throw -ErrorId 'AmbiguousParameterSet,IotStudio.PowerShell.Commands.GetIotPropertyHistoryCommand'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'has table views of at most 5 columns for values and groups' {
            foreach ($type in 'IotStudio.Models.PropertyHistoryValue', 'IotStudio.Models.PropertyHistoryGroup') {
                $view = (Get-FormatData $type).FormatViewDefinition[0]
                $view.Control | Should -BeOfType System.Management.Automation.TableControl
                $view.Control.Headers.Count | Should -BeLessOrEqual 5
            }
            Add-Sample $Id
            (Get-IotPropertyHistory $Id -Group | Format-Table | Out-String) | Should -Match 'mode=eco; temperature=20'
        }
    }

    Describe 'Add-IotPropertyHistory' {
        It 'posts -Timestamp and -Values as [{at (UTC), properties}] and writes nothing without -PassThru' {
            $out = Add-IotPropertyHistory $Id -Timestamp ([DateTimeOffset]'2023-05-15T12:00:00.25+02:00') -Values ([ordered]@{ temperature = 21.5; mode = 'eco'; on = $true })

            $out | Should -BeNullOrEmpty
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be "/spaces/test/things/$Id/properties-history"
            $log[0].body | Should -Be '[{"at":"2023-05-15T10:00:00.25Z","properties":{"temperature":21.5,"mode":"eco","on":true}}]'
            Get-Stored $Id | Should -Be '2023-05-15T10:00:00.2500000Z mode=eco (String)', '2023-05-15T10:00:00.2500000Z on=True (Boolean)', '2023-05-15T10:00:00.2500000Z temperature=21.5 (Decimal)'
        }

        It 'writes the stored values with -PassThru' {
            $out = @(Add-IotPropertyHistory $Id $T0 @{ temperature = 20 } -PassThru)
            $out | Should -HaveCount 1
            $out[0].GetType().FullName | Should -Be 'IotStudio.Models.PropertyHistoryValue'
            $out[0].Name | Should -Be 'temperature'
            $out[0].Value | Should -Be 20
            $out[0].Timestamp | Should -Be $T0
            $out[0].ThingId | Should -Be $Id
        }

        It 'sends piped values in batches of 100, when a batch fills and at the end; one property goes to .../properties-history/{name}' {
            $values = 1..250 | ForEach-Object { [pscustomobject]@{ Timestamp = $T0.AddSeconds($_); Name = 'temperature'; Value = $_ } }
            $values | Add-IotPropertyHistory -ThingId $Id

            $log = @(Get-ApiLog)
            $log | Should -HaveCount 3
            $log.path | Select-Object -Unique | Should -Be "/spaces/test/things/$Id/properties-history/temperature"
            $log | ForEach-Object { ($_.body | ConvertFrom-Json).Count } | Should -Be 100, 100, 50
            (Get-IotPropertyHistory $Id -PageSize 1000 | Measure-Object Value -Sum).Sum | Should -Be (1..250 | Measure-Object -Sum).Sum
        }

        It 'reports each value already recorded as its own PropertyHistoryConflict, and stores the others' {
            Add-IotPropertyHistory $Id $T0 @{ temperature = 20 }
            Clear-EmulatorLog
            $rows = @(
                [pscustomobject]@{ Timestamp = $T0.AddHours(-1); Name = 'temperature'; Value = 19 }
                [pscustomobject]@{ Timestamp = $T0; Name = 'temperature'; Value = 99 }
                [pscustomobject]@{ Timestamp = $T0; Name = 'mode'; Value = 'eco' }
            )

            $rows | Add-IotPropertyHistory -ThingId $Id -ErrorVariable ev -ErrorAction SilentlyContinue

            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "PropertyHistoryConflict,$Cmd.AddIotPropertyHistoryCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $ev[0].TargetObject | Should -Be $rows[1]
            $ev[0].Exception.Response.StatusCode | Should -Be 409
            # The batch was refused whole, then sent value by value.
            (Get-ApiLog).status | Should -Be 409, 201, 409, 201
            Get-Stored $Id | Should -Be '2023-05-15T09:00:00.0000000Z temperature=19 (Int64)', '2023-05-15T10:00:00.0000000Z mode=eco (String)', '2023-05-15T10:00:00.0000000Z temperature=20 (Int64)'
        }

        It 'copies the history of one Thing to another: Get-IotPropertyHistory -ThingId A | Add-IotPropertyHistory -ThingId B' {
            $b = (Add-EmulatorThing -Count 1 -TitlePrefix B).first
            Add-Sample $Id
            Add-IotPropertyHistory $Id ($T0.AddHours(3)) @{ limits = [ordered]@{ max = 30; unit = 'C' }; tags = @('a', 'b') }
            Clear-EmulatorLog

            Get-IotPropertyHistory -ThingId $Id | Add-IotPropertyHistory -ThingId $b

            $posts = @(Get-ApiLog | Where-Object method -eq 'POST')
            $posts | Should -HaveCount 1
            $posts[0].path | Should -Be "/spaces/test/things/$b/properties-history"
            Get-Stored $b | Should -Be (Get-Stored $Id)
            (Get-IotPropertyHistory $b -Name limits).Value['unit'] | Should -Be 'C'
            @((Get-IotPropertyHistory $b -Name tags).Value) | Should -Be 'a', 'b'
        }

        It 'round-trips through CSV: Export-Csv, then Import-Csv | Add-IotPropertyHistory' {
            $b = (Add-EmulatorThing -Count 1 -TitlePrefix B).first
            Add-Sample $Id
            Add-IotPropertyHistory $Id ($T0.AddHours(3)) @{ on = $false; note = 'x y' }
            $file = Join-Path $TestDrive 'history.csv'
            Get-IotPropertyHistory $Id | Export-Csv -Path $file
            Clear-EmulatorLog

            Import-Csv -Path $file | Add-IotPropertyHistory -ThingId $b

            @(Get-ApiLog | Where-Object method -eq 'POST').path | Should -Be "/spaces/test/things/$b/properties-history"
            # Numbers and booleans come back typed; text stays text.
            Get-Stored $b | Should -Be (Get-Stored $Id)
        }

        It 'reads rows with a Timestamp and one column per property; an empty cell is no value' {
            $file = Join-Path $TestDrive 'wide.csv'
            Set-Content -Path $file -Value @(
                'Timestamp,temperature,mode,serial'
                '2023-05-15T10:00:00Z,20.5,eco,007'
                '2023-05-15T11:00:00Z,21,,1e3'
            )
            Import-Csv $file | Add-IotPropertyHistory -ThingId $Id

            (Get-ApiLog)[0].body | Should -Be '[{"at":"2023-05-15T10:00:00Z","properties":{"temperature":20.5,"mode":"eco","serial":"007"}},{"at":"2023-05-15T11:00:00Z","properties":{"temperature":21,"serial":1000}}]'
            Get-IotPropertyHistory $Id -Group | ForEach-Object { $_.Values.Count } | Should -Be 3, 2
        }

        It 'refuses a row without a Timestamp or without values as that row''s PropertyHistoryInvalidArgument, and sends the others' {
            $rows = @(
                [pscustomobject]@{ Name = 'temperature'; Value = 1 }
                [pscustomobject]@{ Timestamp = 'soon'; temperature = 1 }
                [pscustomobject]@{ Timestamp = $T0; ThingId = $Id; Space = 'test' }
                [pscustomobject]@{ Timestamp = $T0; temperature = 5 }
            )
            $rows | Add-IotPropertyHistory -ThingId $Id -ErrorVariable ev -ErrorAction SilentlyContinue

            $ev | Should -HaveCount 3
            $ev | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "PropertyHistoryInvalidArgument,$Cmd.AddIotPropertyHistoryCommand" }
            $ev.TargetObject | Should -Be $rows[0], $rows[1], $rows[2]
            $ev[0].Exception.Message | Should -Match 'no Timestamp'
            $ev[1].Exception.Message | Should -Match "'soon' is not a time"
            $ev[2].Exception.Message | Should -Match 'no property value'
            (Get-ApiLog).body | Should -Be '[{"at":"2023-05-15T10:00:00Z","properties":{"temperature":5}}]'
        }

        It 'refuses a Thing id that is not a ULID as that item''s error, and sends the values of the other Things' {
            $rows = @(
                [pscustomobject]@{ ThingId = 'not-a-ulid'; Timestamp = $T0; Name = 't'; Value = 1 }
                [pscustomobject]@{ ThingId = $Id; Timestamp = $T0; Name = 't'; Value = 2 }
            )
            $rows | Add-IotPropertyHistory -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingInvalidArgument,$Cmd.AddIotPropertyHistoryCommand"
            $ev[0].TargetObject | Should -Be $rows[0]
            $ev[0].Exception.Message | Should -Match 'not-a-ulid'
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/properties-history/t"
        }

        It 'uses the category-scoped path with -Category' {
            $seed = Add-EmulatorThing -Count 1 -Category Boilers
            Clear-EmulatorLog
            Add-IotPropertyHistory $seed.first $T0 @{ temperature = 20; mode = 'eco' } -Category Boilers
            Add-IotPropertyHistory $seed.first $T0.AddHours(1) @{ temperature = 21 } -Category Boilers
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$($seed.first)/properties-history",
                "/spaces/test/categories/Boilers/things/$($seed.first)/properties-history/temperature"
            @(Get-IotPropertyHistory $seed.first) | Should -HaveCount 3
            Add-IotPropertyHistory $Id $T0 @{ temperature = 20 } -Category Boilers -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.AddIotPropertyHistoryCommand"
            Get-IotPropertyHistory $Id | Should -BeNullOrEmpty
        }

        It 'sends nothing with -WhatIf' {
            Add-IotPropertyHistory $Id $T0 @{ temperature = 20 } -WhatIf
            [pscustomobject]@{ Timestamp = $T0; Name = 't'; Value = 1 } | Add-IotPropertyHistory -ThingId $Id -WhatIf
            Get-ApiLog | Should -BeNullOrEmpty
        }
    }

    Describe 'Remove-IotPropertyHistory' {
        BeforeEach {
            Add-Sample $Id
            Clear-EmulatorLog
        }

        It 'deletes a -From/-To range with one DELETE and writes nothing' {
            $out = Remove-IotPropertyHistory $Id -From $T0.AddHours(1) -To $T0.AddHours(2) -Confirm:$false
            $out | Should -BeNullOrEmpty
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'DELETE'
            $log[0].path | Should -Be "/spaces/test/things/$Id/properties-history"
            Get-Query $log[0] 'at' | Should -Be '2023-05-15T11:00:00+00:00|2023-05-15T12:00:00+00:00'
            (Get-IotPropertyHistory $Id).Name | Should -Be 'mode', 'temperature'
        }

        It 'with -PassThru lists the range first, then deletes it, and writes what it removed' {
            $out = @(Remove-IotPropertyHistory $Id -At '2023-05-15T10:00:00Z|2023-05-15T11:00:00Z' -PassThru -Confirm:$false)
            $out | Should -HaveCount 3
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.PropertyHistoryValue' }
            $out.Value | Should -Be 'eco', 20, 21.5
            (Get-ApiLog).method | Should -Be 'GET', 'DELETE'
            (Get-ApiLog) | ForEach-Object { Get-Query $_ 'at' } | Should -Be ('2023-05-15T10:00:00+00:00|2023-05-15T11:00:00+00:00', '2023-05-15T10:00:00+00:00|2023-05-15T11:00:00+00:00')
            (Get-IotPropertyHistory $Id).Value | Should -Be 22
        }

        It 'deletes one property through .../properties-history/{name}, several with repeated property_name[]' {
            Remove-IotPropertyHistory $Id temperature -At 2023 -Confirm:$false
            (Get-IotPropertyHistory $Id).Name | Should -Be 'mode'
            Remove-IotPropertyHistory $Id -Name mode, temperature -To $T0 -Confirm:$false
            Get-IotPropertyHistory $Id | Should -BeNullOrEmpty

            $deletes = @(Get-ApiLog | Where-Object method -eq 'DELETE')
            $deletes[0].path | Should -Be "/spaces/test/things/$Id/properties-history/temperature"
            Get-Query $deletes[0] 'at' | Should -Be '2023|2023'
            $deletes[1].path | Should -Be "/spaces/test/things/$Id/properties-history"
            Get-Query $deletes[1] 'property_name[]' | Should -Be 'mode', 'temperature'
            Get-Query $deletes[1] 'at' | Should -Be '0001-01-01T00:00:00+00:00|2023-05-15T10:00:00+00:00'
        }

        It 'deletes piped values one by one at their own time: Get-IotPropertyHistory | Where-Object | Remove-IotPropertyHistory' {
            Get-IotPropertyHistory $Id -Name temperature | Where-Object Value -GT 21 | Remove-IotPropertyHistory -Confirm:$false
            $deletes = @(Get-ApiLog | Where-Object method -eq 'DELETE')
            $deletes.path | Should -Be "/spaces/test/things/$Id/properties-history/temperature", "/spaces/test/things/$Id/properties-history/temperature"
            $deletes | ForEach-Object { Get-Query $_ 'at' } | Should -Be '2023-05-15T11:00:00+00:00', '2023-05-15T12:00:00+00:00'
            (Get-IotPropertyHistory $Id).Value | Should -Be 'eco', 20
        }

        It 'uses the category-scoped path with -Category' {
            $seed = Add-EmulatorThing -Count 1 -Category Boilers
            Add-Sample $seed.first
            Clear-EmulatorLog
            Remove-IotPropertyHistory $seed.first -Category Boilers -At '2023-05-15|2023-05-15' -Confirm:$false
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$($seed.first)/properties-history"
            Get-IotPropertyHistory $seed.first | Should -BeNullOrEmpty
        }

        It 'is ConfirmImpact High, and -WhatIf sends nothing' {
            $attr = (Get-Command Remove-IotPropertyHistory).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
            Remove-IotPropertyHistory $Id -To $T0.AddDays(1) -WhatIf
            Remove-IotPropertyHistory $Id -To $T0.AddDays(1) -PassThru -WhatIf | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            @(Get-IotPropertyHistory $Id) | Should -HaveCount 4
        }

        It 'refuses a malformed or reversed range before any request' {
            { Remove-IotPropertyHistory $Id -At '2023-05-30|2023-05-15' -Confirm:$false } | Should -Throw -ErrorId "PropertyHistoryInvalidArgument,$Cmd.RemoveIotPropertyHistoryCommand"
            { Remove-IotPropertyHistory $Id -At 'all' -Confirm:$false } | Should -Throw -ErrorId "PropertyHistoryInvalidArgument,$Cmd.RemoveIotPropertyHistoryCommand"
            { Remove-IotPropertyHistory $Id -From $T0 -To $T0.AddSeconds(-1) -Confirm:$false } | Should -Throw '*reversed*'
            Get-ApiLog | Should -BeNullOrEmpty
            @(Get-IotPropertyHistory $Id) | Should -HaveCount 4
        }
    }
}
