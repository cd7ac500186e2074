# New-/Get-/Remove-IotEvent against the emulator: wire shape, paging, pipelines, the category-scoped path,
# per-item errors and -WhatIf.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'
    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:UlidPattern = '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'
}

Describe 'Event cmdlets' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Id = (Add-EmulatorThing -Count 1).first
        Clear-EmulatorLog
    }

    Describe 'New-IotEvent' {
        It 'posts {name: {data}} to .../events/{name} and writes the recorded event' {
            $before = [DateTimeOffset]::UtcNow.AddSeconds(-2)
            $e = New-IotEvent -ThingId $Id -Name overheat -Data @{ temperature = 97.5; sensors = @('a', 'b') }
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be "/spaces/test/things/$Id/events/overheat"
            $body = $log[0].body | ConvertFrom-Json -AsHashtable
            @($body.Keys) | Should -Be 'overheat'
            @($body.overheat.Keys) | Should -Be 'data'
            $body.overheat.data.temperature | Should -Be 97.5
            $body.overheat.data.sensors | Should -Be 'a', 'b'

            $e.GetType().FullName | Should -Be 'IotStudio.Models.ThingEvent'
            $e.Space | Should -Be 'test'
            $e.ThingId | Should -Be $Id
            $e.Name | Should -Be 'overheat'
            $e.Id | Should -Match $UlidPattern
            $e.Href | Should -BeLike "*/spaces/test/things/$Id/events/overheat/$($e.Id)"
            $e.Data['temperature'] | Should -BeOfType [decimal]
            $e.Data['temperature'] | Should -Be 97.5
            @($e.Data['sensors']) | Should -Be 'a', 'b'
            # The emulator writes event times as the live service does: '2022-06-02 15:37:46+0000'.
            $e.Timestamp | Should -BeOfType [DateTimeOffset]
            $e.Timestamp | Should -BeGreaterOrEqual $before
            $e.Timestamp | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.AddSeconds(2))
        }

        It 'sends {name: {}} without -Data, and scalar data as it is' {
            $null = New-IotEvent $Id tick
            $b = New-IotEvent $Id level 3
            @(Get-ApiLog).body | Should -Be '{"tick":{}}', '{"level":{"data":3}}'
            $b.Data | Should -Be 3
            $b.Data | Should -BeOfType [long]
        }

        It 'records the event of every piped Thing on the category-scoped path' {
            $seed = Add-EmulatorThing -Count 2 -Category Boilers -TitlePrefix B
            Clear-EmulatorLog
            $out = @(Get-IotThing -Category Boilers | New-IotEvent -Name alarm -Data 'high' -Category Boilers)
            $out.ThingId | Should -Be $seed.first, $seed.last
            @(Get-ApiLog | Where-Object method -eq 'POST').path |
                Should -Be "/spaces/test/categories/Boilers/things/$($seed.first)/events/alarm", "/spaces/test/categories/Boilers/things/$($seed.last)/events/alarm"
        }

        It 'reports a Thing outside the -Category as ThingNotFound (the missing object, not the cmdlet''s noun)' {
            $null = New-IotCategory Boilers
            Clear-EmulatorLog
            $null = New-IotEvent $Id alarm -Category Boilers -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.NewIotEventCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be "$Id/alarm"
        }

        It 'refuses <What> before any request, as that item''s <Subject>InvalidArgument' -ForEach @(
            @{ What = 'a Thing id that is not a ULID'; ThingId = '01ARZ3NDEKTSV4RRFFQ69G5FA'; Name = 'alarm'; Subject = 'Thing' }
            @{ What = 'a name with a backslash'; ThingId = $null; Name = 'a\b'; Subject = 'Event' }
            @{ What = 'a blank name'; ThingId = $null; Name = ' '; Subject = 'Event' }
        ) {
            $tid = if ($ThingId) { $ThingId } else { $Id }
            $null = New-IotEvent -ThingId $tid -Name $Name -Data 1 -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "$($Subject)InvalidArgument,$Cmd.NewIotEventCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].TargetObject | Should -Be "$tid/$Name"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'sends nothing with -WhatIf' {
            New-IotEvent $Id alarm -Data 1 -WhatIf | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            Get-IotEvent $Id | Should -BeNullOrEmpty
        }
    }

    Describe 'Get-IotEvent' {
        It 'lists every event of a Thing with one GET .../events, in the order recorded' {
            $e1 = New-IotEvent $Id overheat -Data 1
            $e2 = New-IotEvent $Id door -Data @{ open = $true }
            Clear-EmulatorLog
            $out = @(Get-IotEvent $Id)
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.ThingEvent' }
            $out.Id | Should -Be $e1.Id, $e2.Id
            $out.Name | Should -Be 'overheat', 'door'
            $out[1].Data['open'] | Should -BeTrue
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].path | Should -Be "/spaces/test/things/$Id/events"
        }

        It 'lists one event''s occurrences with -Name, and reads one with -Name and -Id' {
            $e1 = New-IotEvent $Id overheat -Data 1
            $null = New-IotEvent $Id door
            $e3 = New-IotEvent $Id overheat -Data 2
            Clear-EmulatorLog
            (Get-IotEvent $Id -Name overheat).Id | Should -Be $e1.Id, $e3.Id
            (Get-IotEvent $Id overheat $e3.Id).Data | Should -Be 2
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/events/overheat", "/spaces/test/things/$Id/events/overheat/$($e3.Id)"
        }

        It 'binds ThingId, Name and Id from a piped event' {
            $e = New-IotEvent $Id overheat
            Clear-EmulatorLog
            ($e | Get-IotEvent).Id | Should -Be $e.Id
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/events/overheat/$($e.Id)"
        }

        It 'lists the events of every Thing of every Category (Get-IotCategory | Get-IotThing | Get-IotEvent)' {
            $boilers = Add-EmulatorThing -Count 2 -Category Boilers -TitlePrefix B
            $expected = foreach ($t in $boilers.first, $boilers.last) { (New-IotEvent $t alarm).Id }
            $null = New-IotEvent $Id alarm
            Clear-EmulatorLog
            $out = @(Get-IotCategory | Get-IotThing | Get-IotEvent)
            $out.Id | Should -Be $expected
            @(Get-ApiLog | Where-Object path -like '*/events').path | Should -Be "/spaces/test/things/$($boilers.first)/events", "/spaces/test/things/$($boilers.last)/events"
        }

        It 'uses the category-scoped path with -Category' {
            $seed = Add-EmulatorThing -Count 1 -Category Boilers
            $e = New-IotEvent $seed.first alarm
            Clear-EmulatorLog
            (Get-IotEvent $seed.first -Category Boilers).Id | Should -Be $e.Id
            (Get-IotEvent $seed.first alarm -Category Boilers).Id | Should -Be $e.Id
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$($seed.first)/events", "/spaces/test/categories/Boilers/things/$($seed.first)/events/alarm"
        }

        It 'pages: limit=2,1 for -First 3 -PageSize 2, one request for Select-Object -First 1, -Skip honoured' {
            1..5 | ForEach-Object { $null = New-IotEvent $Id tick -Data $_ }
            Clear-EmulatorLog
            @(Get-IotEvent $Id -First 3 -PageSize 2).Data | Should -Be 1, 2, 3
            (Get-ApiLog) | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '2', '1'

            Clear-EmulatorLog
            @(Get-IotEvent $Id -Name tick -PageSize 2 | Select-Object -First 1).Data | Should -Be 1
            (Get-ApiLog).Count | Should -Be 1

            @(Get-IotEvent $Id -Skip 3).Data | Should -Be 4, 5
        }

        It 'refuses an id that is not a ULID before any request' {
            $null = Get-IotEvent $Id alarm '01ARZ3NDEKTSV4RRFFQ69G5FAU' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "EventInvalidArgument,$Cmd.GetIotEventCommand"
            $ev[0].TargetObject | Should -Be '01ARZ3NDEKTSV4RRFFQ69G5FAU'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'reports an unknown occurrence as EventNotFound, and an id under another name too' {
            $e = New-IotEvent $Id alarm
            $null = Get-IotEvent $Id alarm $MissingId -ErrorVariable ev -ErrorAction SilentlyContinue
            $null = Get-IotEvent $Id door $e.Id -ErrorVariable +ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 2
            $ev | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "EventNotFound,$Cmd.GetIotEventCommand" }
            $ev.TargetObject | Should -Be $MissingId, $e.Id
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }

        It 'holds no System.Text.Json type, and has a table view of at most 5 columns' {
            $null = New-IotEvent $Id report -Data @{ a = @(1, @{ b = 'x' }) }
            $all = @(Get-IotEvent $Id)
            Find-JsonElement $all | Should -BeNullOrEmpty
            $all[0].Data['a'][1]['b'] | Should -Be 'x'
            $view = (Get-FormatData IotStudio.Models.ThingEvent).FormatViewDefinition[0]
            $view.Control | Should -BeOfType System.Management.Automation.TableControl
            $view.Control.Headers.Count | Should -BeLessOrEqual 5
        }
    }

    Describe 'Remove-IotEvent' {
        It 'deletes piped events, each with its own DELETE' {
            $e1 = New-IotEvent $Id alarm
            $e2 = New-IotEvent $Id door
            $keep = New-IotEvent $Id alarm
            Clear-EmulatorLog
            $e1, $e2 | Remove-IotEvent -Confirm:$false
            $log = Get-ApiLog
            $log.method | Should -Be 'DELETE', 'DELETE'
            # The two requests overlap (-ThrottleLimit), so they may arrive in either order.
            $log.path | Sort-Object | Should -Be @("/spaces/test/things/$Id/events/alarm/$($e1.Id)", "/spaces/test/things/$Id/events/door/$($e2.Id)" | Sort-Object)
            (Get-IotEvent $Id).Id | Should -Be $keep.Id
        }

        It 'clears a Thing''s events with Get-IotEvent | Remove-IotEvent on the category-scoped path' {
            $seed = Add-EmulatorThing -Count 1 -Category Boilers
            1..3 | ForEach-Object { $null = New-IotEvent $seed.first tick -Data $_ }
            Clear-EmulatorLog
            Get-IotEvent $seed.first -Category Boilers | Remove-IotEvent -Category Boilers -Confirm:$false
            @(Get-ApiLog | Where-Object method -eq 'DELETE').path | ForEach-Object { $_ | Should -BeLike "/spaces/test/categories/Boilers/things/$($seed.first)/events/tick/*" }
            @(Get-ApiLog | Where-Object method -eq 'DELETE').Count | Should -Be 3
            Get-IotEvent $seed.first | Should -BeNullOrEmpty
        }

        It 'is ConfirmImpact High, and -WhatIf sends nothing' {
            $attr = (Get-Command Remove-IotEvent).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
            $e = New-IotEvent $Id alarm
            Clear-EmulatorLog
            $e | Remove-IotEvent -WhatIf
            Get-ApiLog | Should -BeNullOrEmpty
            (Get-IotEvent $Id).Id | Should -Be $e.Id
        }

        It 'reports a missing event as EventNotFound and goes on with the next' {
            $e = New-IotEvent $Id alarm
            Clear-EmulatorLog
            $rows = @([pscustomobject]@{ ThingId = $Id; Name = 'alarm'; Id = $MissingId }, $e)
            $rows | Remove-IotEvent -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "EventNotFound,$Cmd.RemoveIotEventCommand"
            $ev[0].TargetObject | Should -Be $MissingId
            (Get-ApiLog).Count | Should -Be 2
            Get-IotEvent $Id | Should -BeNullOrEmpty
        }
    }
}
