# Invoke-IotQuery against the emulator: the requests it sends, results streamed batch by batch and only when the
# pipeline asks, the total, -Then with -WhatIf and for real, expired cursors, and queries refused before or by the service.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands.InvokeIotQueryCommand'
    $script:CursorPath = '/spaces/test/query/cursor'
    $script:Titles = 'FOR t IN things SORT t.title RETURN t.title'

    function Expire-Cursors { $null = Invoke-Emulator -Method POST -Path '/_emulator/expire-cursors' }
    function Get-Body($Entry) { $Entry.body | ConvertFrom-Json -AsHashtable }
}

Describe 'Invoke-IotQuery' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        # boiler-1 .. boiler-5 at 10, 20, ... 50 degrees.
        $script:Seed = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{
            space = 'test'; count = 5; thing = @{ title = 'boiler-{i}'; status = @{ temperature = '{i * 10}' } }
        }
        Clear-EmulatorLog
    }

    Context 'reading results' {
        It 'posts the query with its bind variables and writes each object result as a PSCustomObject' {
            $r = @(Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature > @min AND t.title LIKE @like SORT t.title DESC RETURN { uid: t.uid, title: t.title, temperature: t.status.temperature }' -BindVariable @{ min = 25; like = 'boiler%' })

            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be $CursorPath
            $log[0].status | Should -Be 201
            $body = Get-Body $log[0]
            $body.query | Should -BeLike 'FOR t IN things FILTER t.status.temperature > @min AND *'
            # The YAML types bindVars as an array of objects: one object holds every variable.
            $body.bindVars | Should -HaveCount 1
            $body.bindVars[0].min | Should -Be 25
            $body.bindVars[0].like | Should -Be 'boiler%'
            $body.batchSize | Should -Be 50
            @($body.Keys | Sort-Object) | Should -Be 'batchSize', 'bindVars', 'query'

            $r | Should -HaveCount 3
            $r | ForEach-Object { $_ | Should -BeOfType [System.Management.Automation.PSCustomObject] }
            $r.title | Should -Be 'boiler-5', 'boiler-4', 'boiler-3'
            $r[0].temperature | Should -BeOfType [long]
            $r[0].temperature | Should -Be 50
            $r[0].uid | Should -Match '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'
            @($r[0].psobject.Properties.Name) | Should -Be 'uid', 'title', 'temperature'
        }

        It 'keeps an object result whose keys differ only in case as the dictionary it is, losing no member' {
            $r = @(Invoke-IotQuery 'FOR t IN things FILTER t.title == "boiler-2" RETURN { a: 1, A: 2 }')
            $r | Should -HaveCount 1
            $r[0] | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            $r[0].Count | Should -Be 2
            @($r[0].Values) | Should -Be 1, 2
        }

        It 'writes scalar, array and nested results as plain values, never JsonElement' {
            $titles = @(Invoke-IotQuery 'FOR t IN things FILTER t.title == "boiler-2" RETURN t.title')
            $pairs = @(Invoke-IotQuery 'FOR t IN things FILTER t.title == "boiler-2" RETURN [t.title, t.status, null, true, 1.5]')
            $whole = @(Invoke-IotQuery 'FOR t IN things FILTER t.title == "boiler-2" RETURN t')
            $none = @(Invoke-IotQuery 'FOR t IN things FILTER t.title == "none" RETURN t')

            $titles | Should -Be 'boiler-2'
            $titles[0] | Should -BeOfType [string]
            $pairs | Should -HaveCount 1
            $pair = $pairs[0]
            $pair[0] | Should -Be 'boiler-2'
            $pair[1] | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            $pair[1]['temperature'] | Should -Be 20
            $null -eq $pair[2] | Should -BeTrue
            $pair[3] | Should -BeTrue
            $pair[4] | Should -BeOfType [decimal]
            $whole[0].title | Should -Be 'boiler-2'
            $whole[0].uid | Should -Be $whole[0].id.Split('/')[-1]
            $whole[0].status | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            @($whole[0].categories).Count | Should -Be 0
            $none | Should -HaveCount 0
            Find-JsonElement @($pairs + $whole) | Should -BeNullOrEmpty
        }

        It 'sends -BatchSize and -TtlSeconds, and -Space and -Connection choose where' {
            $other = Connect-TestEmulator -Space elsewhere -NotDefault
            $null = Invoke-IotQuery 'FOR c IN categories RETURN c' -BatchSize 7 -TtlSeconds 90
            $null = Invoke-IotQuery 'FOR c IN categories RETURN c' -Space third
            $null = Invoke-IotQuery 'FOR c IN categories RETURN c' -Connection $other

            $log = Get-ApiLog
            $log.path | Should -Be $CursorPath, '/spaces/third/query/cursor', '/spaces/elsewhere/query/cursor'
            $body = Get-Body $log[0]
            $body.batchSize | Should -Be 7
            $body.ttl | Should -Be 90
            (Get-Body $log[1]).Contains('ttl') | Should -BeFalse
        }

        It 'Select-Object -First 3 sends one request when the first batch holds 3' {
            $r = Invoke-IotQuery $Titles | Select-Object -First 3

            $r | Should -Be 'boiler-1', 'boiler-2', 'boiler-3'
            Get-ApiLog | Should -HaveCount 1
        }

        It 'asks for the next batch only when the pipeline reads past the one it has' {
            $seen = Invoke-IotQuery $Titles -BatchSize 2 | ForEach-Object { [pscustomobject]@{ Title = $_; Requests = @(Get-ApiLog).Count } }

            $seen.Title | Should -Be 'boiler-1', 'boiler-2', 'boiler-3', 'boiler-4', 'boiler-5'
            $seen.Requests | Should -Be 1, 1, 2, 2, 3
            $log = Get-ApiLog
            $log | Should -HaveCount 3
            $log[1].path | Should -Match "^$CursorPath/[0-9A-Z]{26}$"
            $log[2].path | Should -Be $log[1].path
            $log[1].status | Should -Be 200
            $log[1].body | Should -BeNullOrEmpty
        }

        It 'stops after the first batch when the pipeline needs no more: two batches, two requests, only past the first' {
            Invoke-IotQuery $Titles -BatchSize 2 | Select-Object -First 2 | Should -Be 'boiler-1', 'boiler-2'
            Get-ApiLog | Should -HaveCount 1
            Clear-EmulatorLog

            Invoke-IotQuery $Titles -BatchSize 2 | Select-Object -First 3 | Should -Be 'boiler-1', 'boiler-2', 'boiler-3'
            Get-ApiLog | Should -HaveCount 2
        }

        It '-First asks the first batch for no more, and -Skip skips results' {
            Invoke-IotQuery $Titles -First 2 | Should -Be 'boiler-1', 'boiler-2'
            Invoke-IotQuery $Titles -Skip 1 -First 2 | Should -Be 'boiler-2', 'boiler-3'

            $log = Get-ApiLog
            $log | Should -HaveCount 2
            (Get-Body $log[0]).batchSize | Should -Be 2
            (Get-Body $log[1]).batchSize | Should -Be 3
        }

        It '-IncludeTotalCount asks the service to count and writes the total first' {
            $out = @(Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature > 15 RETURN t.title' -IncludeTotalCount -BatchSize 2 -First 1)

            $out | Should -HaveCount 2
            $out[0] | Should -BeOfType [uint64]
            $out[0] | Should -Be 4
            $out[0].ToString() | Should -Be 'Total count: 4'
            $out[1] | Should -Be 'boiler-2'
            (Get-Body (Get-ApiLog)[0]).count | Should -BeTrue
            Get-ApiLog | Should -HaveCount 1
        }

        It 'pipes object results into other cmdlets by property name' {
            $hot = @(Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature >= 40 SORT t.title RETURN t.uid')
            Clear-EmulatorLog
            Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature >= 40 SORT t.title RETURN { uid: t.uid }' | Set-IotProperty -Name mode -Value eco

            $puts = @(Get-ApiLog | Where-Object method -EQ 'PUT')
            $puts | Should -HaveCount 2
            # Two different Things: their PUTs may overlap (-ThrottleLimit), so compare them in a fixed order.
            ($puts.path | Sort-Object) | Should -Be ($hot | ForEach-Object { "/spaces/test/things/$_/properties/mode" } | Sort-Object)
            Invoke-IotQuery 'FOR t IN things FILTER t.status.mode == "eco" RETURN t.title' | Should -Be 'boiler-4', 'boiler-5'
        }
    }

    Context 'errors' {
        It 'an expired cursor mid-stream is the error QueryCursorExpired, not a silent stop' {
            $query = $Titles
            $out = @(Invoke-IotQuery $query -BatchSize 2 -ErrorVariable err -ErrorAction SilentlyContinue | ForEach-Object {
                    if ($_ -eq 'boiler-2') { Expire-Cursors }
                    $_
                })

            $out | Should -Be 'boiler-1', 'boiler-2'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "QueryCursorExpired,$Cmd"
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be $query
            $err[0].Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioCursorExpiredException'
            $err[0].Exception.StatusCode | Should -Be 404
            $err[0].ErrorDetails.Message | Should -BeLike "POST $CursorPath/* failed with 404: Query cursor '*' is gone: *"
            $err[0].ErrorDetails.RecommendedAction | Should -BeLike '*-TtlSeconds*'
            $log = Get-ApiLog
            $log | Should -HaveCount 2
            $log[1].status | Should -Be 404
        }

        It 'an empty query is refused before any request' {
            { Invoke-IotQuery '' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$Cmd"
            $err = { Invoke-IotQuery '   ' } | Should -Throw -ErrorId "QueryInvalidArgument,$Cmd" -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike 'The query is empty*'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'a bind variable name AQL cannot write is refused before any request' {
            $err = { Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature > @min RETURN t' -BindVariable @{ '@min' = 1 } } |
                Should -Throw -ErrorId "QueryInvalidArgument,$Cmd" -PassThru
            $err.Exception.Message | Should -BeLike "'@min' is not a valid bind variable name*"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'a query that writes is refused by the service with 400, reported as QueryBadRequest, and changes nothing' {
            $query = 'FOR t IN things REMOVE t IN things'
            $out = Invoke-IotQuery $query -ErrorVariable err -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "QueryBadRequest,$Cmd"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].TargetObject | Should -Be $query
            $err[0].ErrorDetails.Message | Should -Be "POST $CursorPath failed with 400: the query service is read-only: REMOVE is not allowed at position 1:17"
            $err[0].Exception.Response.StatusCode | Should -Be 400
            (Get-ApiLog)[0].status | Should -Be 400
            Invoke-IotQuery 'FOR t IN things RETURN t.uid' | Should -HaveCount 5
        }

        It 'AQL outside the emulator subset is a 400 naming what is not supported; an unknown collection is QueryNotFound' {
            Invoke-IotQuery 'FOR t IN things LET x = t.title RETURN x' -ErrorVariable unsupported -ErrorAction SilentlyContinue
            Invoke-IotQuery 'FOR g IN gadgets RETURN g' -ErrorVariable missing -ErrorAction SilentlyContinue

            $unsupported[0].FullyQualifiedErrorId | Should -Be "QueryBadRequest,$Cmd"
            $unsupported[0].ErrorDetails.Message | Should -BeLike "*LET is not supported by the emulator's AQL subset at position 1:17"
            $missing[0].FullyQualifiedErrorId | Should -Be "QueryNotFound,$Cmd"
            $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
    }

    Context '-Then' {
        It '-WhatIf sends nothing, with -Then and without' {
            Invoke-IotQuery 'FOR t IN things RETURN t' -Then Delete -WhatIf | Should -BeNullOrEmpty
            Invoke-IotQuery 'FOR t IN things RETURN t' -Then Update -ThenData @{ description = 'x' } -WhatIf | Should -BeNullOrEmpty
            Invoke-IotQuery 'FOR t IN things RETURN t' -WhatIf | Should -BeNullOrEmpty

            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'asks first when it changes data (ConfirmImpact High), and only then' {
            $attribute = (Get-Command Invoke-IotQuery).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.SupportsShouldProcess | Should -BeTrue
            $attribute.ConfirmImpact | Should -Be 'High'
            # A read needs no confirmation, whatever $ConfirmPreference says.
            $ConfirmPreference = 'Low'
            Invoke-IotQuery $Titles | Should -HaveCount 5
        }

        It '-Then Update -ThenResource Properties sets the values of every result and writes the counts' {
            $r = Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature > @min RETURN t' -BindVariable @{ min = 25 } -Then Update -ThenResource Properties -ThenData @{ setpoint = 21 } -Confirm:$false

            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $body = Get-Body $log[0]
            $body.then.op | Should -Be 'update'
            $body.then.resource | Should -Be 'properties'
            $body.then.data.setpoint | Should -Be 21
            $body.bindVars[0].min | Should -Be 25

            $r | Should -HaveCount 1
            $r.GetType().FullName | Should -Be 'IotStudio.Models.QueryThenResult'
            $r.SuccessCount | Should -Be 3
            $r.ErrorCount | Should -Be 0
            $r.Operation | Should -Be 'update'
            $r.Resource | Should -Be 'properties'
            $r.Space | Should -Be 'test'
            Invoke-IotQuery 'FOR t IN things FILTER t.status.setpoint == 21 RETURN t.title' | Should -Be 'boiler-3', 'boiler-4', 'boiler-5'
        }

        It '-Then Update of the Things writes their fields' {
            $r = Invoke-IotQuery 'FOR t IN things FILTER t.title IN ["boiler-1", "boiler-2"] RETURN { uid: t.uid }' -Then Update -ThenData @{ description = 'retired' } -Confirm:$false

            (Get-Body (Get-ApiLog)[0]).then | Should -BeOfType [System.Collections.IDictionary]
            (Get-Body (Get-ApiLog)[0]).then.resource | Should -Be 'things'
            $r.SuccessCount | Should -Be 2
            (Get-IotThing | Where-Object Description -EQ 'retired').Title | Sort-Object | Should -Be 'boiler-1', 'boiler-2'
        }

        It '-Then Delete deletes every Thing the query returns, and results that name no Thing are counted as errors' {
            $deleted = Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature >= 40 RETURN t' -Then Delete -Confirm:$false
            $failed = Invoke-IotQuery 'FOR t IN things RETURN t.title' -Then Delete -Confirm:$false

            $body = Get-Body (Get-ApiLog)[0]
            $body.then.op | Should -Be 'delete'
            $body.then.Contains('data') | Should -BeFalse
            $deleted.SuccessCount | Should -Be 2
            $deleted.ErrorCount | Should -Be 0
            $failed.SuccessCount | Should -Be 0
            $failed.ErrorCount | Should -Be 3
            (Get-IotThing).Title | Should -Be 'boiler-1', 'boiler-2', 'boiler-3'
        }

        It '-Then Delete -ThenResource Properties removes the named values' {
            $r = Invoke-IotQuery 'FOR t IN things FILTER t.title == "boiler-1" RETURN t' -Then Delete -ThenResource Properties -ThenData temperature -Confirm:$false

            (Get-Body (Get-ApiLog)[0]).then.data | Should -Be 'temperature'
            $r.SuccessCount | Should -Be 1
            Invoke-IotQuery 'FOR t IN things FILTER t.status.temperature == null RETURN t.title' | Should -Be 'boiler-1'
        }

        It 'refuses paging parameters and an update without data before any request' {
            { Invoke-IotQuery 'FOR t IN things RETURN t' -Then Delete -First 1 -Confirm:$false } | Should -Throw -ErrorId "QueryThenPaging,$Cmd"
            $err = { Invoke-IotQuery 'FOR t IN things RETURN t' -Then Update -ThenResource Properties -Confirm:$false } | Should -Throw -ErrorId "QueryInvalidArgument,$Cmd" -PassThru
            $err.Exception.Message | Should -BeLike '*@{ setpoint = 21 }*'
            Get-ApiLog | Should -BeNullOrEmpty
        }
    }
}
