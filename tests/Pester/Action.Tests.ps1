# Invoke-/Get-/Set-/Remove-/Wait-IotAction against the emulator: wire shape, paging, pipelines, the category-scoped
# path, per-item errors, -WhatIf, and waiting for a final status (completed from another runspace, timed out, stopped).

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'
    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:UlidPattern = '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'

    # Reports an action's end from another runspace after a pause, as a device would: a plain PUT with the static token.
    function Complete-ActionLater([string] $ThingId, [string] $Name, [string] $Id, [int] $DelayMs, [string] $Status = 'completed') {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Url, $Path, $Body, $DelayMs)
                Start-Sleep -Milliseconds $DelayMs
                Invoke-RestMethod -Method Put -Uri ($Url + $Path) -Body $Body -ContentType 'application/json' -Headers @{ Authorization = 'Bearer static-test-token' }
            }).AddArgument((Get-EmulatorUrl)).AddArgument("/spaces/test/things/$ThingId/actions/$Name/$Id").
        AddArgument((@{ $Name = @{ status = $Status; output = @{ ok = $true } } } | ConvertTo-Json -Compress)).AddArgument($DelayMs)
        [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    function Wait-Background($Job) {
        $null = $Job.PowerShell.EndInvoke($Job.Handle)
        $Job.PowerShell.Dispose()
    }
}

Describe 'Action cmdlets' {
    BeforeEach {
        Reset-Emulator
        $script:Connection = Connect-TestEmulator
        $script:Id = (Add-EmulatorThing -Count 1).first
        Clear-EmulatorLog
    }

    Describe 'Invoke-IotAction' {
        It 'posts {name: {input}} to .../actions/{name} and writes the pending request' {
            $before = [DateTimeOffset]::UtcNow.AddSeconds(-2)
            $a = Invoke-IotAction -ThingId $Id -Name reboot -Input @{ level = 3; mode = 'soft' }
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be "/spaces/test/things/$Id/actions/reboot"
            $body = $log[0].body | ConvertFrom-Json -AsHashtable
            @($body.Keys) | Should -Be 'reboot'
            @($body.reboot.Keys) | Should -Be 'input'
            $body.reboot.input.level | Should -Be 3
            $body.reboot.input.mode | Should -Be 'soft'

            $a.GetType().FullName | Should -Be 'IotStudio.Models.ThingAction'
            $a.Space | Should -Be 'test'
            $a.ThingId | Should -Be $Id
            $a.Name | Should -Be 'reboot'
            $a.Id | Should -Match $UlidPattern
            $a.Href | Should -BeLike "*/spaces/test/things/$Id/actions/reboot/$($a.Id)"
            $a.Status | Should -Be 'pending'
            $a.IsFinal | Should -BeFalse
            $a.Input['level'] | Should -BeOfType [long]
            $a.Input['mode'] | Should -Be 'soft'
            $a.Output | Should -BeNullOrEmpty
            $a.TimeCompleted | Should -BeNullOrEmpty
            # The emulator writes action times as the live service does: '2022-06-02 15:37:46+0000'.
            $a.TimeRequested | Should -BeOfType [DateTimeOffset]
            $a.TimeRequested | Should -BeGreaterOrEqual $before
            $a.TimeRequested | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.AddSeconds(2))
        }

        It 'sends {name: {}} without -Input, and a scalar -Input as it is' {
            $null = Invoke-IotAction $Id reboot
            $null = Invoke-IotAction $Id dim 40
            $bodies = @(Get-ApiLog).body
            $bodies[0] | Should -Be '{"reboot":{}}'
            $bodies[1] | Should -Be '{"dim":{"input":40}}'
        }

        It 'uses the category-scoped path with -Category' {
            $null = New-IotCategory Boilers
            $thing = New-IotThing -Title b1 -Category Boilers
            Clear-EmulatorLog
            $a = Invoke-IotAction $thing.Uid reboot -Category Boilers
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$($thing.Uid)/actions/reboot"
            $a.ThingId | Should -Be $thing.Uid
        }

        It 'reports a Thing outside the -Category as ThingNotFound (the missing object, not the cmdlet''s noun)' {
            $null = New-IotCategory Boilers
            Clear-EmulatorLog
            $out = Invoke-IotAction $Id reboot -Category Boilers -ErrorVariable ev -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.InvokeIotActionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be "$Id/reboot"
            $ev[0].Exception.Response.StatusCode | Should -Be 404
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$Id/actions/reboot"
        }

        It 'requests the action of every piped Thing (Get-IotThing | Invoke-IotAction)' {
            $seed = Add-EmulatorThing -Count 2 -Category Boilers -TitlePrefix B
            Clear-EmulatorLog
            $out = @(Get-IotThing -Category Boilers | Invoke-IotAction -Name reboot)
            $out | Should -HaveCount 2
            @($out.ThingId) | Should -Be $seed.first, $seed.last
            $posts = @(Get-ApiLog | Where-Object method -eq 'POST')
            # Requests overlap (-ThrottleLimit), so they may arrive in either order.
            @($posts.path | Sort-Object) | Should -Be "/spaces/test/things/$($seed.first)/actions/reboot", "/spaces/test/things/$($seed.last)/actions/reboot"
        }

        It 'refuses <What> before any request, as that item''s <Subject>InvalidArgument' -ForEach @(
            @{ What = 'a Thing id that is not a ULID'; ThingId = 'not-a-ulid'; Name = 'reboot'; Subject = 'Thing' }
            @{ What = 'a name with a slash'; ThingId = $null; Name = 'a/b'; Subject = 'Action' }
            @{ What = 'the name ..'; ThingId = $null; Name = '..'; Subject = 'Action' }
        ) {
            $tid = if ($ThingId) { $ThingId } else { $Id }
            $out = Invoke-IotAction -ThingId $tid -Name $Name -ErrorVariable ev -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "$($Subject)InvalidArgument,$Cmd.InvokeIotActionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].TargetObject | Should -Be "$tid/$Name"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'sends nothing with -WhatIf' {
            $out = Invoke-IotAction $Id reboot -Input 1 -WhatIf
            $out | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            Get-IotAction $Id | Should -BeNullOrEmpty
        }
    }

    Describe 'Get-IotAction' {
        It 'lists every request of a Thing with one GET .../actions, in request order' {
            $a1 = Invoke-IotAction $Id reboot -Input 1
            $a2 = Invoke-IotAction $Id dim -Input @(10, 20)
            $a3 = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $out = @(Get-IotAction $Id)
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.ThingAction' }
            $out.Id | Should -Be $a1.Id, $a2.Id, $a3.Id
            $out.Name | Should -Be 'reboot', 'dim', 'reboot'
            $out[1].Input | Should -Be 10, 20
            $out[1].Input[0] | Should -BeOfType [long]
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'GET'
            $log[0].path | Should -Be "/spaces/test/things/$Id/actions"
        }

        It 'lists the requests of one action with -Name' {
            $a1 = Invoke-IotAction $Id reboot
            $null = Invoke-IotAction $Id dim
            Clear-EmulatorLog
            $out = @(Get-IotAction $Id -Name reboot)
            $out.Id | Should -Be $a1.Id
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/actions/reboot"
        }

        It 'reads one request with -Name and -Id' {
            $a = Invoke-IotAction $Id reboot -Input 'x'
            Clear-EmulatorLog
            $out = @(Get-IotAction $Id reboot $a.Id)
            $out | Should -HaveCount 1
            $out[0].Id | Should -Be $a.Id
            $out[0].Input | Should -Be 'x'
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/actions/reboot/$($a.Id)"
        }

        It 'binds ThingId, Name and Id from a piped request (Invoke-IotAction | Get-IotAction)' {
            $null = Add-EmulatorThing -Count 1
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $out = @($a | Get-IotAction)
            $out.Id | Should -Be $a.Id
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].path | Should -Be "/spaces/test/things/$Id/actions/reboot/$($a.Id)"
        }

        It 'keeps only requests of the given -Status' {
            $a1 = Invoke-IotAction $Id reboot
            $a2 = Invoke-IotAction $Id reboot
            Set-IotAction $Id reboot $a1.Id -Status completed
            Clear-EmulatorLog
            (Get-IotAction $Id -Status PENDING).Id | Should -Be $a2.Id
            (Get-IotAction $Id -Name reboot -Status completed, failed).Id | Should -Be $a1.Id
        }

        It 'lists the actions of every Thing of every Category (Get-IotCategory | Get-IotThing | Get-IotAction)' {
            $boilers = Add-EmulatorThing -Count 2 -Category Boilers -TitlePrefix B
            $pumps = Add-EmulatorThing -Count 1 -Category Pumps -TitlePrefix P
            $expected = foreach ($t in $boilers.first, $boilers.last, $pumps.first) { (Invoke-IotAction $t reboot).Id }
            $null = Invoke-IotAction $Id reboot   # a Thing in no Category
            Clear-EmulatorLog
            $out = @(Get-IotCategory | Get-IotThing | Get-IotAction)
            $out.Id | Should -Be $expected
            $out.ThingId | Should -Be $boilers.first, $boilers.last, $pumps.first
            $gets = @(Get-ApiLog | Where-Object path -like '*/actions')
            $gets.path | Should -Be "/spaces/test/things/$($boilers.first)/actions", "/spaces/test/things/$($boilers.last)/actions", "/spaces/test/things/$($pumps.first)/actions"
        }

        It 'takes the Thing from Get-IotThing (Uid to ThingId, Space to Space)' {
            Connect-TestEmulator -Space other | Out-Null
            $a = Invoke-IotAction $Id reboot -Space test
            Clear-EmulatorLog
            $out = @(Get-IotThing -Space test | Get-IotAction)
            $out.Id | Should -Be $a.Id
            $out.Space | Should -Be 'test'
            (Get-ApiLog).path | Should -Contain "/spaces/test/things/$Id/actions"
        }

        It 'lists on the category-scoped path with -Category, and refuses a Thing outside it' {
            $seed = Add-EmulatorThing -Count 1 -Category Boilers
            $a = Invoke-IotAction $seed.first reboot
            Clear-EmulatorLog
            (Get-IotAction $seed.first -Category Boilers).Id | Should -Be $a.Id
            (Get-IotAction $seed.first reboot $a.Id -Category Boilers).Id | Should -Be $a.Id
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$($seed.first)/actions", "/spaces/test/categories/Boilers/things/$($seed.first)/actions/reboot/$($a.Id)"
            $null = Get-IotAction $Id -Category Boilers -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.GetIotActionCommand"
            $ev[0].TargetObject | Should -Be $Id
        }

        It 'pages: limit=2,1 for -First 3 -PageSize 2, and one request for Select-Object -First 1' {
            1..5 | ForEach-Object { $null = Invoke-IotAction $Id reboot -Input $_ }
            Clear-EmulatorLog
            $out = @(Get-IotAction $Id -First 3 -PageSize 2)
            $out.Input | Should -Be 1, 2, 3
            $log = Get-ApiLog
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '2', '1'
            Get-QueryValue $log[1].query 'next_cursor' | Should -Not -BeNullOrEmpty

            Clear-EmulatorLog
            $first = @(Get-IotAction $Id -Name reboot -PageSize 2 | Select-Object -First 1)
            $first.Input | Should -Be 1
            (Get-ApiLog).Count | Should -Be 1

            Clear-EmulatorLog
            @(Get-IotAction $Id -PageSize 2).Input | Should -Be 1, 2, 3, 4, 5
            (Get-ApiLog).Count | Should -Be 3
        }

        It 'rejects -PageSize <Size> before any request' -ForEach @(@{ Size = 0 }, @{ Size = 1001 }) {
            { Get-IotAction $Id -PageSize $Size } | Should -Throw -ErrorId "ParameterArgumentValidationError,$Cmd.GetIotActionCommand"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'refuses an id that is not a ULID before any request, and goes on with the next item' {
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $rows = @([pscustomobject]@{ ThingId = $Id; Name = 'reboot'; Id = 'nope' }, $a)
            $out = @($rows | Get-IotAction -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Id | Should -Be $a.Id
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ActionInvalidArgument,$Cmd.GetIotActionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].TargetObject | Should -Be 'nope'
            @(Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/actions/reboot/$($a.Id)"
        }

        It 'reports an unknown request as ActionNotFound with the id as target' {
            $null = Get-IotAction $Id reboot $MissingId -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ActionNotFound,$Cmd.GetIotActionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be $MissingId
            $ev[0].ErrorDetails.Message | Should -BeLike "*action 'reboot/$MissingId' not found*"
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }

        It 'reports an unknown Thing as ThingNotFound' {
            $null = Get-IotAction $MissingId -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.GetIotActionCommand"
            $ev[0].ErrorDetails.Message | Should -BeLike "*thing '$MissingId' not found*"
        }

        It 'holds no System.Text.Json type, and has a table view of at most 5 columns' {
            $null = Invoke-IotAction $Id configure -Input @{ a = @(1, @{ b = 2.5 }); c = $null }
            $all = @(Get-IotAction $Id)
            $all | Should -HaveCount 1
            Find-JsonElement $all | Should -BeNullOrEmpty
            $all[0].Input['a'][1]['b'] | Should -BeOfType [decimal]
            $view = (Get-FormatData IotStudio.Models.ThingAction).FormatViewDefinition[0]
            $view.Control | Should -BeOfType System.Management.Automation.TableControl
            $view.Control.Headers.Count | Should -BeLessOrEqual 5
        }
    }

    Describe 'Set-IotAction' {
        It 'sends PUT {name: {status, output}} and, with -PassThru, writes the request with its end time' {
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $out = @(Set-IotAction $Id reboot $a.Id -Status completed -Output @{ uptime = 0 } -PassThru)
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'PUT'
            $log[0].path | Should -Be "/spaces/test/things/$Id/actions/reboot/$($a.Id)"
            $body = $log[0].body | ConvertFrom-Json -AsHashtable
            @($body.Keys) | Should -Be 'reboot'
            $body.reboot.status | Should -Be 'completed'
            $body.reboot.output.uptime | Should -Be 0
            $out | Should -HaveCount 1
            $out[0].Status | Should -Be 'completed'
            $out[0].IsFinal | Should -BeTrue
            $out[0].Output['uptime'] | Should -Be 0
            $out[0].TimeCompleted | Should -BeOfType [DateTimeOffset]
            $out[0].TimeCompleted | Should -BeGreaterOrEqual $a.TimeRequested
        }

        It 'writes nothing without -PassThru, and sends only what it is given' {
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $out = Set-IotAction $Id reboot $a.Id -Status running
            $out | Should -BeNullOrEmpty
            Set-IotAction $Id reboot $a.Id -Output 50
            @(Get-ApiLog).body | Should -Be '{"reboot":{"status":"running"}}', '{"reboot":{"output":50}}'
            $now = Get-IotAction $Id reboot $a.Id
            $now.Status | Should -Be 'running'
            $now.Output | Should -Be 50
        }

        It 'completes every pending request of a Thing (Get-IotAction -Status pending | Set-IotAction)' {
            $a1 = Invoke-IotAction $Id reboot
            $a2 = Invoke-IotAction $Id dim
            Clear-EmulatorLog
            Get-IotAction $Id -Status pending | Set-IotAction -Status completed
            # The two requests overlap (-ThrottleLimit), so they may arrive in either order.
            @(Get-ApiLog | Where-Object method -eq 'PUT').path | Sort-Object | Should -Be @("/spaces/test/things/$Id/actions/reboot/$($a1.Id)", "/spaces/test/things/$Id/actions/dim/$($a2.Id)" | Sort-Object)
            @(Get-IotAction $Id).Status | Should -Be 'completed', 'completed'
        }

        It 'needs -Status or -Output: each parameter set makes one of them mandatory' {
            $sets = (Get-Command Set-IotAction).ParameterSets
            $sets.Name | Sort-Object | Should -Be 'Output', 'Status'
            foreach ($set in $sets) {
                $mandatory = @($set.Parameters | Where-Object IsMandatory | ForEach-Object Name)
                ($mandatory -contains 'Status' -or $mandatory -contains 'Output') | Should -BeTrue -Because "set $($set.Name) must require one"
            }
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            Set-IotAction $Id reboot $a.Id -Output @{ done = 1 }
            (Get-ApiLog)[0].body | Should -Be '{"reboot":{"output":{"done":1}}}'
        }

        It 'sends nothing with -WhatIf' {
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            Set-IotAction $Id reboot $a.Id -Status completed -WhatIf
            Get-ApiLog | Should -BeNullOrEmpty
            (Get-IotAction $Id reboot $a.Id).Status | Should -Be 'pending'
        }
    }

    Describe 'Remove-IotAction' {
        It 'deletes a piped request with DELETE .../actions/{name}/{id}' {
            $a = Invoke-IotAction $Id reboot
            $keep = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $a | Remove-IotAction -Confirm:$false
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'DELETE'
            $log[0].path | Should -Be "/spaces/test/things/$Id/actions/reboot/$($a.Id)"
            (Get-IotAction $Id).Id | Should -Be $keep.Id
        }

        It 'is ConfirmImpact High, and -WhatIf sends nothing' {
            $attr = (Get-Command Remove-IotAction).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $a | Remove-IotAction -WhatIf
            Get-ApiLog | Should -BeNullOrEmpty
            (Get-IotAction $Id).Id | Should -Be $a.Id
        }

        It 'reports a missing request as ActionNotFound on the category-scoped path' {
            $seed = Add-EmulatorThing -Count 1 -Category Boilers
            Clear-EmulatorLog
            Remove-IotAction $seed.first reboot $MissingId -Category Boilers -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "ActionNotFound,$Cmd.RemoveIotActionCommand"
            $ev[0].TargetObject | Should -Be $MissingId
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Boilers/things/$($seed.first)/actions/reboot/$MissingId"
        }
    }

    Describe 'Wait-IotAction' {
        It 'writes the request once another runspace completes it (Invoke-IotAction | Wait-IotAction)' {
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $job = Complete-ActionLater $Id reboot $a.Id -DelayMs 600
            try {
                $out = @($a | Wait-IotAction -TimeoutSec 30)
            }
            finally { Wait-Background $job }
            $out | Should -HaveCount 1
            $out[0].Id | Should -Be $a.Id
            $out[0].Status | Should -Be 'completed'
            $out[0].Output['ok'] | Should -BeTrue
            $gets = @(Get-ApiLog | Where-Object method -eq 'GET')
            $gets.Count | Should -BeGreaterOrEqual 2 -Because 'the first read saw it pending'
            $gets.Count | Should -BeLessOrEqual 6 -Because 'pauses double from 0.25 s'
            $gets.path | Sort-Object -Unique | Should -Be "/spaces/test/things/$Id/actions/reboot/$($a.Id)"
        }

        It 'writes a request that is already final after one read (<Status>)' -ForEach @(@{ Status = 'completed' }, @{ Status = 'failed' }) {
            $a = Invoke-IotAction $Id reboot
            Set-IotAction $Id reboot $a.Id -Status $Status
            Clear-EmulatorLog
            $out = @(Wait-IotAction $Id reboot $a.Id)
            $out.Status | Should -Be $Status
            (Get-ApiLog).Count | Should -Be 1
        }

        It 'gives ActionWaitTimeout / OperationTimeout with the last request read as target when -TimeoutSec runs out' {
            $a = Invoke-IotAction $Id reboot
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $out = @($a | Wait-IotAction -TimeoutSec 1 -ErrorVariable ev -ErrorAction SilentlyContinue)
            $watch.Stop()
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ActionWaitTimeout,$Cmd.WaitIotActionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $ev[0].TargetObject.GetType().FullName | Should -Be 'IotStudio.Models.ThingAction'
            $ev[0].TargetObject.Id | Should -Be $a.Id
            $ev[0].TargetObject.Status | Should -Be 'pending'
            $ev[0].ErrorDetails.Message | Should -BeLike "*still 'pending' after 1 s*"
            $ev[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.95
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        }

        It 'makes the time-out terminating with -ErrorAction Stop' {
            $a = Invoke-IotAction $Id reboot
            { $a | Wait-IotAction -TimeoutSec 0 -ErrorAction Stop } | Should -Throw -ErrorId "ActionWaitTimeout,$Cmd.WaitIotActionCommand"
        }

        It 'stops at once when the pipeline is stopped (Ctrl+C) during a pause' {
            $a = Invoke-IotAction $Id reboot
            Clear-EmulatorLog
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($Module, $Connection, $Action)
                        Import-Module $Module
                        $Action | Wait-IotAction -Connection $Connection -TimeoutSec 600
                    }).AddArgument($env:IOTSTUDIO_TEST_MODULE).AddArgument($Connection).AddArgument($a)
                $handle = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(20)
                while (@(Get-ApiLog | Where-Object method -eq 'GET').Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                @(Get-ApiLog | Where-Object method -eq 'GET').Count | Should -BeGreaterOrEqual 3
                # The pause after the third read is 1 s and grows; a stop must not wait for it to end.
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Stop()
                $handle.IsCompleted | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            }
            finally { $ps.Dispose() }
        }

        It 'refuses an id that is not a ULID before any request' {
            $null = Wait-IotAction $Id reboot 'nope' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "ActionInvalidArgument,$Cmd.WaitIotActionCommand"
            $ev[0].TargetObject | Should -Be 'nope'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'reports a request deleted while waiting as ActionNotFound' {
            $null = Wait-IotAction $Id reboot $MissingId -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "ActionNotFound,$Cmd.WaitIotActionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be $MissingId
        }
    }
}
