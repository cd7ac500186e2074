# Get-/Set-IotProperty against the emulator: native values both ways, history flag, pipelines, errors, -WhatIf.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'

    function Get-QueryKey([string] $Query) {
        foreach ($pair in ($Query -split '&')) {
            if ($pair) { [uri]::UnescapeDataString(($pair -split '=', 2)[0].Replace('+', ' ')) }
        }
    }

    $script:Mixed = @{ a = 1; b = 'x'; c = $true; d = @(1, 2); e = @{ f = 2.5 } }
}

Describe 'Property cmdlets' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Id = (Add-EmulatorThing -Count 1).first
        Clear-EmulatorLog
    }

    Describe 'Set-IotProperty' {
        It 'sends -Values as one PUT .../properties with native JSON values' {
            Set-IotProperty -ThingId $Id -Values $Mixed
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'PUT'
            $log[0].path | Should -Be "/spaces/test/things/$Id/properties"
            @(Get-QueryKey $log[0].query) | Should -Not -Contain 'update_history'
            $body = $log[0].body | ConvertFrom-Json -AsHashtable
            @($body.Keys | Sort-Object) | Should -Be 'a', 'b', 'c', 'd', 'e'
            $body.a | Should -Be 1
            $body.a | Should -BeOfType [long]
            $body.b | Should -Be 'x'
            $body.c | Should -BeOfType [bool]
            $body.c | Should -BeTrue
            $body.d | Should -Be 1, 2
            $body.e.f | Should -Be 2.5
            $log[0].body | Should -Match '"f":\s*2\.5\b'
        }

        It 'sends -Name/-Value as PUT .../properties/{name} with body {name: value}' {
            Set-IotProperty -ThingId $Id -Name setpoint -Value 21
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'PUT'
            $log[0].path | Should -Be "/spaces/test/things/$Id/properties/setpoint"
            @(Get-QueryKey $log[0].query) | Should -Not -Contain 'update_history'
            $body = $log[0].body | ConvertFrom-Json -AsHashtable
            @($body.Keys) | Should -Be 'setpoint'
            $body.setpoint | Should -Be 21
            $body.setpoint | Should -BeOfType [long]
        }

        It 'sends update_history=false with -NoHistory (<Name>)' -ForEach @(
            @{ Name = '-Values'; Params = @{ Values = @{ setpoint = 21 } } }
            @{ Name = '-Name/-Value'; Params = @{ Name = 'setpoint'; Value = 21 } }
        ) {
            Set-IotProperty -ThingId $Id @Params -NoHistory
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            @(Get-QueryValue $log[0].query 'update_history') | Should -Be @('false')
            (Get-IotProperty $Id setpoint).Value | Should -Be 21
        }

        It 'writes the stored values as PropertyValue with -PassThru, and nothing without it' {
            $none = @(Set-IotProperty -ThingId $Id -Name mode -Value 'eco')
            $none | Should -BeNullOrEmpty
            $out = @(Set-IotProperty -ThingId $Id -Values @{ setpoint = 21 } -PassThru)
            $out | Should -HaveCount 1
            $out[0].GetType().FullName | Should -Be 'IotStudio.Models.PropertyValue'
            $out[0].ThingId | Should -Be $Id
            $out[0].Name | Should -Be 'setpoint'
            $out[0].Value | Should -Be 21
        }

        It 'sends $null and an empty string as they are' {
            Set-IotProperty -ThingId $Id -Values @{ n = $null; s = '' }
            $body = (Get-ApiLog)[0].body | ConvertFrom-Json -AsHashtable
            $body.Keys | Should -Contain 'n'
            $body.n | Should -BeNullOrEmpty
            $body.s | Should -BeExactly ''
        }

        It 'reports a value that cannot be sent as JSON as a per-item InvalidArgument error, sending nothing' {
            $secure = ConvertTo-SecureString 'x' -AsPlainText -Force
            Set-IotProperty -ThingId $Id -Name secret -Value $secure -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be 'PropertyInvalidArgument,IotStudio.PowerShell.Commands.SetIotPropertyCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-EmulatorRequest -Kind Api | Should -BeNullOrEmpty
        }

        It 'refuses an empty -Values before any request' {
            { Set-IotProperty -ThingId $Id -Values @{} } | Should -Throw -ErrorId "PropertyInvalidArgument,$Cmd.SetIotPropertyCommand"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'reports a missing Thing as ThingNotFound (the missing object, not the cmdlet''s noun)' {
            $missing = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
            $null = Set-IotProperty -ThingId $missing -Name setpoint -Value 1 -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.SetIotPropertyCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be "$missing/setpoint"
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }
    }

    Describe 'Get-IotProperty' {
        It 'returns the values as native types' {
            Set-IotProperty -ThingId $Id -Values $Mixed
            Clear-EmulatorLog
            $rows = @(Get-IotProperty -ThingId $Id)
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'GET'
            $log[0].path | Should -Be "/spaces/test/things/$Id/properties"
            $rows | Should -HaveCount 5
            $rows | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.PropertyValue' }
            $rows | ForEach-Object { $_.ThingId | Should -Be $Id; $_.Space | Should -Be 'test' }
            $v = @{}
            $rows | ForEach-Object { $v[$_.Name] = $_.Value }
            $v.a.GetType() | Should -Be ([long])
            $v.a | Should -Be 1
            $v.b.GetType() | Should -Be ([string])
            $v.b | Should -BeExactly 'x'
            $v.c.GetType() | Should -Be ([bool])
            $v.c | Should -BeTrue
            $v.d -is [System.Collections.IList] | Should -BeTrue
            $v.d.Count | Should -Be 2
            $v.d[0].GetType() | Should -Be ([long])
            @($v.d) | Should -Be 1, 2
            $v.e.GetType().FullName | Should -Be 'System.Collections.Specialized.OrderedDictionary'
            @($v.e.Keys) | Should -Be 'f'
            $v.e['f'].GetType() | Should -Be ([decimal])
            $v.e['f'] | Should -Be 2.5
        }

        It 'gives no System.Text.Json type from any Get-* output' {
            Set-IotProperty -ThingId $Id -Values $Mixed
            $all = @(Get-IotProperty -ThingId $Id) + @(Get-IotProperty -ThingId $Id -Name d, e) +
                @(Get-IotProperty -ThingId $Id -AsHashtable) + @(Get-IotThing -Id $Id) + @(Get-IotThing)
            $all.Count | Should -Be 10
            Find-JsonElement $all | Should -BeNullOrEmpty
        }

        It 'reads each -Name with its own request' {
            Set-IotProperty -ThingId $Id -Values @{ a = 1; b = 2; c = 3 }
            Clear-EmulatorLog
            $rows = @(Get-IotProperty -ThingId $Id -Name a, c)
            $rows.Name | Should -Be 'a', 'c'
            $rows.Value | Should -Be 1, 3
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/properties/a", "/spaces/test/things/$Id/properties/c"
        }

        It 'reports a missing property as PropertyNotFound and goes on with the next' {
            Set-IotProperty -ThingId $Id -Values @{ a = 1 }
            $rows = @(Get-IotProperty -ThingId $Id -Name missing, a -ErrorVariable ev -ErrorAction SilentlyContinue)
            $rows.Name | Should -Be 'a'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "PropertyNotFound,$Cmd.GetIotPropertyCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be "$Id/missing"
            $ev[0].ErrorDetails.Message | Should -BeLike "*property 'missing' has no value*"
            $ev[0].Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioApiException'
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }

        It 'makes a missing property terminating with -ErrorAction Stop' {
            { Get-IotProperty -ThingId $Id -Name missing -ErrorAction Stop } | Should -Throw -ErrorId "PropertyNotFound,$Cmd.GetIotPropertyCommand"
        }

        It 'gives one ordered dictionary with -AsHashtable' {
            Set-IotProperty -ThingId $Id -Values $Mixed
            $out = @(Get-IotProperty -ThingId $Id -AsHashtable)
            $out | Should -HaveCount 1
            $h = $out[0]
            $h.GetType().FullName | Should -Be 'System.Collections.Specialized.OrderedDictionary'
            $h.Count | Should -Be 5
            $h['a'] | Should -Be 1
            $h['a'].GetType() | Should -Be ([long])
            $h['e']['f'] | Should -Be 2.5
        }

        It 'gathers the named values of one Thing into one dictionary with -AsHashtable -Name' {
            Set-IotProperty -ThingId $Id -Values $Mixed
            Clear-EmulatorLog
            $out = @(Get-IotProperty -ThingId $Id -Name a, b -AsHashtable)
            $out | Should -HaveCount 1
            @($out[0].Keys) | Should -Be 'a', 'b'
            $out[0]['b'] | Should -Be 'x'
            @(Get-EmulatorRequest -Kind Api).path | Should -Be "/spaces/test/things/$Id/properties/a", "/spaces/test/things/$Id/properties/b"
        }

        It 'has a default table view of at most 5 columns' {
            $view = (Get-FormatData IotStudio.Models.PropertyValue).FormatViewDefinition[0]
            $view.Control | Should -BeOfType System.Management.Automation.TableControl
            $view.Control.Headers.Count | Should -BeLessOrEqual 5
        }
    }

    Describe 'Property pipelines' {
        It 'reads the properties of every Thing for Get-IotThing | Get-IotProperty' {
            $seed = Add-EmulatorThing -Count 2 -TitlePrefix S -Status @{ temperature = 20; mode = 'eco' }
            Clear-EmulatorLog
            $rows = @(Get-IotThing | Where-Object Title -like 'S-*' | Get-IotProperty)
            $rows | Should -HaveCount 4
            @($rows.ThingId | Sort-Object -Unique) | Should -Be @($seed.first, $seed.last | Sort-Object)
            ($rows | Where-Object Name -eq 'temperature').Value | Should -Be 20, 20
            $paths = @(Get-ApiLog | Where-Object path -like '*/properties').path
            $paths | Should -Be "/spaces/test/things/$($seed.first)/properties", "/spaces/test/things/$($seed.last)/properties"
        }

        It 'sets a property on every Thing of a Category for Get-IotThing -Category Sensors | Set-IotProperty' {
            $sensors = Add-EmulatorThing -Count 3 -Category Sensors -TitlePrefix S
            $null = Add-EmulatorThing -Count 2 -TitlePrefix Other
            $inSensors = @(Get-IotThing -Category Sensors).Uid
            $inSensors | Should -HaveCount 3
            Clear-EmulatorLog
            Get-IotThing -Category Sensors | Set-IotProperty -Name setpoint -Value 21
            $puts = @(Get-ApiLog | Where-Object method -eq 'PUT')
            $puts | Should -HaveCount 3
            @($puts.path | Sort-Object) | Should -Be @($inSensors | Sort-Object | ForEach-Object { "/spaces/test/things/$_/properties/setpoint" })
            foreach ($p in $puts) {
                $body = $p.body | ConvertFrom-Json -AsHashtable
                @($body.Keys) | Should -Be 'setpoint'
                $body.setpoint | Should -Be 21
            }
            (Get-IotThing -PropertyFilter @{ setpoint = 21 }).Uid | Sort-Object | Should -Be @($inSensors | Sort-Object)
            $sensors.first | Should -BeIn $inSensors
        }

        It 'takes ThingId, Name and Value by property name; values piped for one Thing go out in one PUT .../properties' {
            $rows = @(
                [pscustomobject]@{ ThingId = $Id; Name = 'a'; Value = 1 }
                [pscustomobject]@{ ThingId = $Id; Name = 'b'; Value = 'two' }
            )
            $rows | Set-IotProperty
            $log = Get-ApiLog
            $log.path | Should -Be "/spaces/test/things/$Id/properties"
            ($log[0].body | ConvertFrom-Json -AsHashtable).Keys | Should -Be 'a', 'b'
            $h = Get-IotProperty $Id -AsHashtable
            $h['a'] | Should -Be 1
            $h['b'] | Should -Be 'two'
            # -ThrottleLimit 1 is the sequential pipeline: one request per item.
            Clear-EmulatorLog
            $rows | Set-IotProperty -ThrottleLimit 1
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$Id/properties/a", "/spaces/test/things/$Id/properties/b"
        }
    }

    Describe '-WhatIf sends nothing' {
        It 'Set-IotProperty <Name> -WhatIf sends no request and changes nothing' -ForEach @(
            @{ Name = '-Values'; Params = @{ Values = @{ setpoint = 99 } } }
            @{ Name = '-Name/-Value'; Params = @{ Name = 'setpoint'; Value = 99 } }
        ) {
            Set-IotProperty -ThingId $Id -Name setpoint -Value 1
            Clear-EmulatorLog
            $out = Set-IotProperty -ThingId $Id @Params -WhatIf
            $out | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            (Get-IotProperty $Id setpoint).Value | Should -Be 1
        }
    }
}
