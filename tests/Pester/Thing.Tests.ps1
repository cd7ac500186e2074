# Get-/New-/Set-/Remove-IotThing against the emulator: paging, filters, pipelines, per-item errors, error mapping, -WhatIf.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:Cmd = 'IotStudio.PowerShell.Commands'

    # Creates a Thing through the API (then clears the log, so tests only see their own requests).
    function New-TestThing([hashtable] $Params) {
        $t = New-IotThing @Params
        Clear-EmulatorLog
        $t
    }
}

Describe 'Thing cmdlets' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        Clear-EmulatorLog
    }

    Describe 'Get-IotThing paging' {
        It 'sends exactly one list request for Select-Object -First 5 over 10,000 Things' {
            $null = Add-EmulatorThing -Count 10000
            $out = @(Get-IotThing | Select-Object -First 5)
            $out.Count | Should -Be 5
            $out.Title | Should -Be 'Thing-1', 'Thing-2', 'Thing-3', 'Thing-4', 'Thing-5'
            $log = Get-ApiLog
            $log.Count | Should -Be 1
            $log[0].method | Should -Be 'GET'
            $log[0].path | Should -Be '/spaces/test/things'
        }

        It 'asks for limit=100,100,50 with -First 250 -PageSize 100 and yields 250 distinct Things' {
            $null = Add-EmulatorThing -Count 400
            $out = @(Get-IotThing -First 250 -PageSize 100)
            $out.Count | Should -Be 250
            @($out.Uid | Sort-Object -Unique).Count | Should -Be 250
            $log = Get-ApiLog
            $log.Count | Should -Be 3
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '100', '100', '50'
            @(Get-QueryValue $log[0].query 'next_cursor').Count | Should -Be 0
            Get-QueryValue $log[1].query 'next_cursor' | Should -Not -BeNullOrEmpty
            Get-QueryValue $log[2].query 'next_cursor' | Should -Not -BeNullOrEmpty
        }

        It 'without -PageSize asks for 50, then twice the page before: 50, 100, 200, 400 for 600 Things' {
            $null = Add-EmulatorThing -Count 600
            $out = @(Get-IotThing)
            $out.Count | Should -Be 600
            @($out.Uid | Sort-Object -Unique).Count | Should -Be 600
            $log = Get-ApiLog
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '50', '100', '200', '400'
        }

        It 'without -PageSize asks for -First when it is smaller than the first page' {
            $null = Add-EmulatorThing -Count 100
            @(Get-IotThing -First 7).Count | Should -Be 7
            $log = Get-ApiLog
            $log.Count | Should -Be 1
            Get-QueryValue $log[0].query 'limit' | Should -Be '7'
        }

        It 'obeys an explicit -PageSize 50 on every page' {
            $null = Add-EmulatorThing -Count 160
            @(Get-IotThing -PageSize 50).Count | Should -Be 160
            Get-ApiLog | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '50', '50', '50', '50'
        }

        It 'yields items 11 to 15 for -Skip 10 -First 5 and asks for no more than 15' {
            $null = Add-EmulatorThing -Count 100
            $out = @(Get-IotThing -Skip 10 -First 5)
            $out.Title | Should -Be 'Thing-11', 'Thing-12', 'Thing-13', 'Thing-14', 'Thing-15'
            $log = Get-ApiLog
            $log.Count | Should -Be 1
            Get-QueryValue $log[0].query 'limit' | Should -Be '15'
        }

        It 'rejects -PageSize <size> before any request' -ForEach @(@{ Size = 0 }, @{ Size = 1001 }) {
            { Get-IotThing -PageSize $Size } | Should -Throw -ErrorId "ParameterArgumentValidationError,$Cmd.GetIotThingCommand"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'accepts -IncludeTotalCount' {
            $null = Add-EmulatorThing -Count 10
            $out = @(Get-IotThing -IncludeTotalCount -First 3 -ErrorVariable ev)
            $ev | Should -BeNullOrEmpty
            @($out | Where-Object { $_.GetType().FullName -eq 'IotStudio.Models.Thing' }).Count | Should -Be 3
            @($out | Where-Object { $_.GetType().FullName -ne 'IotStudio.Models.Thing' }).Count | Should -BeLessOrEqual 1
            (Get-ApiLog).Count | Should -Be 1
        }

        It 'writes the first item before it asks for the second page' {
            $null = Add-EmulatorThing -Count 30
            $script:atFirst = $null
            $count = 0
            Get-IotThing -PageSize 10 | ForEach-Object {
                if ($count -eq 0) { $script:atFirst = @(Get-EmulatorRequest -Kind Api).Count }
                $count++
            }
            $count | Should -Be 30
            $script:atFirst | Should -Be 1
            (Get-ApiLog).Count | Should -Be 3
        }
    }

    Describe 'Get-IotThing filters' {
        It 'sends -Title as title and returns only that Thing' {
            $null = Add-EmulatorThing -Count 3
            $out = @(Get-IotThing -Title 'Thing-2')
            $out.Title | Should -Be 'Thing-2'
            $log = Get-ApiLog
            $log.Count | Should -Be 1
            Get-QueryValue $log[0].query 'title' | Should -Be 'Thing-2'
        }

        It 'sends -Type as @type' {
            $null = New-TestThing @{ Title = 'sensor'; Type = 'Sensor' }
            $null = New-TestThing @{ Title = 'actuator'; Type = 'Actuator' }
            $out = @(Get-IotThing -Type 'Sensor')
            $out.Title | Should -Be 'sensor'
            $log = Get-ApiLog
            Get-QueryValue $log[0].query '@type' | Should -Be 'Sensor'
        }

        It 'sends -Model and -ModelVersion as model and version' {
            # The emulator, like the service, refuses a Thing bound to a Model the space does not have.
            Add-EmulatorModel Thermo, Other
            $null = New-TestThing @{ Title = 'v2'; Model = 'Thermo'; ModelVersion = 2 }
            $null = New-TestThing @{ Title = 'v1'; Model = 'Thermo'; ModelVersion = 1 }
            $null = New-TestThing @{ Title = 'other'; Model = 'Other'; ModelVersion = 2 }
            $out = @(Get-IotThing -Model 'Thermo' -ModelVersion 2)
            $out.Title | Should -Be 'v2'
            $out[0].Model.Name | Should -Be 'Thermo'
            $out[0].Model.Version | Should -Be 2
            $q = (Get-ApiLog)[0].query
            Get-QueryValue $q 'model' | Should -Be 'Thermo'
            Get-QueryValue $q 'version' | Should -Be '2'
        }

        It 'reads several ids with one request (-<Parameter>) and reports each missing one as ThingNotFound' -ForEach @(
            @{ Parameter = 'ThingId' }, @{ Parameter = 'Id' }
        ) {
            $seed = Add-EmulatorThing -Count 3
            $ids = @($seed.first, $seed.last, $MissingId)
            $params = @{ $Parameter = $ids }
            $out = @(Get-IotThing @params -ErrorVariable ev -ErrorAction SilentlyContinue)
            @($out.Uid | Sort-Object) | Should -Be @($seed.first, $seed.last | Sort-Object)
            $log = Get-ApiLog
            $log.Count | Should -Be 1
            $log[0].path | Should -Be '/spaces/test/things'
            @(Get-QueryValue $log[0].query 'thingID[]' | Sort-Object) | Should -Be @($ids | Sort-Object)
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.GetIotThingCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be $MissingId
        }

        It 'sends -InCategory as repeated category[] and returns Things in any of them' {
            $null = Add-EmulatorThing -Count 2 -Category A -TitlePrefix A
            $null = Add-EmulatorThing -Count 1 -Category B -TitlePrefix B
            $null = Add-EmulatorThing -Count 1 -Category C -TitlePrefix C
            Clear-EmulatorLog
            $out = @(Get-IotThing -InCategory A, B)
            @($out.Title | Sort-Object) | Should -Be 'A-1', 'A-2', 'B-1'
            # First the Category names (to refuse a name that does not exist), then the one filtered list.
            $log = Get-ApiLog
            $log.Count | Should -Be 2
            $log[0].path | Should -Be '/spaces/test/categories'
            Get-QueryValue $log[0].query 'limit' | Should -Be '1000'
            $log[1].path | Should -Be '/spaces/test/things'
            Get-QueryValue $log[1].query 'category[]' | Should -Be 'A', 'B'
        }

        It 'lists inside a Category with -Category, and outside it with -NotInCategory' {
            $null = Add-EmulatorThing -Count 2 -Category Sensors -TitlePrefix S
            $null = Add-EmulatorThing -Count 1 -TitlePrefix Other
            Clear-EmulatorLog
            $in = @(Get-IotThing -Category Sensors)
            $out = @(Get-IotThing -Category Sensors -NotInCategory)
            @($in.Title | Sort-Object) | Should -Be 'S-1', 'S-2'
            $out.Title | Should -Be 'Other-1'
            $log = Get-ApiLog
            $log.Count | Should -Be 2
            $log.path | Should -Be '/spaces/test/categories/Sensors/things', '/spaces/test/categories/Sensors/things'
            @(Get-QueryValue $log[0].query 'in_category').Count | Should -Be 0
            Get-QueryValue $log[1].query 'in_category' | Should -Be 'false'
        }

        It 'sends -Sort as one comma-joined sort value' {
            $null = Add-EmulatorThing -Count 3
            $out = @(Get-IotThing -Sort '+title', '-created')
            $out.Title | Should -Be 'Thing-1', 'Thing-2', 'Thing-3'
            $q = (Get-ApiLog)[0].query
            @(Get-QueryValue $q 'sort') | Should -Be @('+title,-created')
        }

        It 'returns Things in the order -Sort asks for' {
            $null = Add-EmulatorThing -Count 3
            (Get-IotThing -Sort '-title').Title | Should -Be 'Thing-3', 'Thing-2', 'Thing-1'
        }

        It 'sends -PropertyFilter as property:<name>=<op>:<value> and gets only matching Things' {
            $null = Add-EmulatorThing -Count 2 -TitlePrefix Hot -Status @{ temperature = 25 }
            $null = Add-EmulatorThing -Count 2 -TitlePrefix Cold -Status @{ temperature = 15 }
            Clear-EmulatorLog
            $out = @(Get-IotThing -PropertyFilter @{ temperature = 'gt:20' })
            @($out.Title | Sort-Object) | Should -Be 'Hot-1', 'Hot-2'
            $q = (Get-ApiLog)[0].query
            Get-QueryValue $q 'property:temperature' | Should -Be 'gt:20'
        }

        It 'sends several conditions on one property as one key each, and all must hold' {
            Add-EmulatorThing -Count 1 -TitlePrefix cold -Status @{ temperature = 10 } | Out-Null
            Add-EmulatorThing -Count 1 -TitlePrefix mild -Status @{ temperature = 25 } | Out-Null
            Add-EmulatorThing -Count 1 -TitlePrefix hot -Status @{ temperature = 40 } | Out-Null
            Clear-EmulatorLog
            $out = @(Get-IotThing -PropertyFilter @{ temperature = 'gt:20', 'lt:30' })
            $out.Title | Should -Be 'mild-1'
            Get-QueryValue (Get-ApiLog)[0].query 'property:temperature' | Should -Be 'gt:20', 'lt:30'
        }

        It 'sends -Query extras as given, repeating the key for arrays' {
            $null = Add-EmulatorThing -Count 1
            $null = @(Get-IotThing -Query @{ foo = 'bar'; multi = 'x', 'y' })
            $q = (Get-ApiLog)[0].query
            Get-QueryValue $q 'foo' | Should -Be 'bar'
            Get-QueryValue $q 'multi' | Should -Be 'x', 'y'
        }
    }

    Describe 'Thing pipelines' {
        It 'lists the Things of every Category for Get-IotCategory | Get-IotThing' {
            $null = Add-EmulatorThing -Count 2 -Category A -TitlePrefix A
            $null = Add-EmulatorThing -Count 1 -Category B -TitlePrefix B
            $null = Add-EmulatorThing -Count 1 -TitlePrefix None
            Clear-EmulatorLog
            $out = @(Get-IotCategory | Get-IotThing)
            $out | Should -HaveCount 3
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.Thing' }
            @($out.Title | Sort-Object) | Should -Be 'A-1', 'A-2', 'B-1'
            $paths = @(Get-ApiLog).path
            $paths | Should -Be '/spaces/test/categories', '/spaces/test/categories/A/things', '/spaces/test/categories/B/things'
        }

        It 'creates one Thing per row for Import-Csv | New-IotThing' {
            $null = New-IotCategory Sensors
            $null = New-IotCategory Actuators
            Clear-EmulatorLog
            $csv = Join-Path $TestDrive 'things.csv'
            @(
                [pscustomobject]@{ Title = 'Pump 1'; Description = 'First pump'; Category = 'Sensors' }
                [pscustomobject]@{ Title = 'Pump 2'; Description = 'Second pump'; Category = 'Sensors' }
                [pscustomobject]@{ Title = 'Valve'; Description = 'A valve'; Category = 'Actuators' }
            ) | Export-Csv -Path $csv -NoTypeInformation
            $out = @(Import-Csv $csv | New-IotThing)
            $out | Should -HaveCount 3
            $out.Title | Should -Be 'Pump 1', 'Pump 2', 'Valve'
            $out[2].Categories | Should -Be 'Actuators'
            $log = Get-ApiLog
            $log | Should -HaveCount 3
            $log.method | Should -Be 'POST', 'POST', 'POST'
            $log.path | Should -Be '/spaces/test/things', '/spaces/test/things', '/spaces/test/things'
            # Requests overlap (-ThrottleLimit), so they may arrive in any order: compare them in title order.
            $bodies = $log | ForEach-Object { $_.body | ConvertFrom-Json -AsHashtable } | Sort-Object { $_.title }
            $bodies.title | Should -Be 'Pump 1', 'Pump 2', 'Valve'
            $bodies.description | Should -Be 'First pump', 'Second pump', 'A valve'
            $bodies | ForEach-Object { , $_.categories } | ForEach-Object { $_.Count | Should -Be 1 }
            $bodies | ForEach-Object { $_.categories[0] } | Should -Be 'Sensors', 'Sensors', 'Actuators'
        }

        It 'reads each piped id with its own GET' {
            $seed = Add-EmulatorThing -Count 3
            $out = @($seed.first, $seed.last | Get-IotThing)
            $out.Uid | Should -Be $seed.first, $seed.last
            $log = Get-ApiLog
            $log.method | Should -Be 'GET', 'GET'
            $log.path | Should -Be "/spaces/test/things/$($seed.first)", "/spaces/test/things/$($seed.last)"
        }

        It 'applies -Skip and -First to Things read by id, and sends no request once -First is met' {
            $seed = Add-EmulatorThing -Count 5
            $ids = @(Get-IotThing -First 5).Uid
            Clear-EmulatorLog
            $out = @($ids | Get-IotThing -Skip 1 -First 2)
            $out.Uid | Should -Be $ids[1], $ids[2]
            @(Get-ApiLog) | Should -HaveCount 3 -Because 'the 4th and 5th ids are not needed'
        }

        It 'deletes each piped id with its own DELETE' {
            $seed = Add-EmulatorThing -Count 3
            $seed.first, $seed.last | Remove-IotThing -Confirm:$false
            $log = Get-ApiLog
            $log.method | Should -Be 'DELETE', 'DELETE'
            $log.path | Should -Be "/spaces/test/things/$($seed.first)", "/spaces/test/things/$($seed.last)"
            (Get-IotThing).Title | Should -Be 'Thing-2'
        }

        It 'writes the deleted ids with -PassThru' {
            $seed = Add-EmulatorThing -Count 2
            $seed.first | Remove-IotThing -Confirm:$false -PassThru | Should -Be $seed.first
        }
    }

    Describe 'Per-item errors' {
        It 'writes two Things and one non-terminating ThingNotFound for three piped ids, one missing' {
            $seed = Add-EmulatorThing -Count 2
            $out = @($seed.first, $MissingId, $seed.last | Get-IotThing -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Uid | Should -Be $seed.first, $seed.last
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.GetIotThingCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be $MissingId
            $ev[0].Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioApiException'
            $ev[0].Exception.Response.StatusCode | Should -Be 404
            $ev[0].ErrorDetails.Message | Should -BeLike "*thing '$MissingId' not found*"
            (Get-ApiLog).Count | Should -Be 3
        }

        It 'stops at the missing id with -ErrorAction Stop' {
            $seed = Add-EmulatorThing -Count 2
            $script:got = [System.Collections.Generic.List[object]]::new()
            { $seed.first, $MissingId, $seed.last | Get-IotThing -ErrorAction Stop | ForEach-Object { $script:got.Add($_) } } |
                Should -Throw -ErrorId "ThingNotFound,$Cmd.GetIotThingCommand"
            $script:got.Uid | Should -Be $seed.first
            (Get-ApiLog).Count | Should -Be 2
        }

        It 'reports a Thing outside the given Category as ThingNotFound' {
            $null = New-IotCategory Sensors
            $seed = Add-EmulatorThing -Count 1
            Clear-EmulatorLog
            $err = $null
            $null = Get-IotThing -Id $seed.first -Category Sensors -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.GetIotThingCommand"
            (Get-ApiLog)[0].path | Should -Be "/spaces/test/categories/Sensors/things/$($seed.first)"
        }
    }

    Describe 'Error mapping' {
        It 'maps <Status> to <ErrorId> / <Category>' -ForEach @(
            @{ Status = 400; ErrorId = 'ThingBadRequest'; Category = 'InvalidArgument'; Message = "invalid sort field 'bogus'"; Requests = 1
                Call = { Get-IotThing -Query @{ sort = 'bogus' } -ErrorVariable ev -ErrorAction SilentlyContinue } }
            @{ Status = 400; ErrorId = 'ThingBadRequest'; Category = 'InvalidArgument'; Message = 'in_category must be true or false'; Requests = 1
                Call = { Get-IotThing -Query @{ in_category = 'maybe' } -ErrorVariable ev -ErrorAction SilentlyContinue } }
            @{ Status = 401; ErrorId = 'ThingUnauthorized'; Category = 'AuthenticationError'; Message = 'invalid token'; Requests = 1
                Call = {
                    $c = New-IotStudioConnection -ApiUrl $env:IOTSTUDIO_EMULATOR_URL -AccessToken (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -Space test -RetryIntervalSec 0.01
                    Get-IotThing -Connection $c -ErrorVariable ev -ErrorAction SilentlyContinue
                } }
            @{ Status = 403; ErrorId = 'ThingForbidden'; Category = 'PermissionDenied'; Message = "lacks scope 'thing'"; Requests = 1
                Call = {
                    $cred = [pscredential]::new('scoped-client', (ConvertTo-SecureString 'scoped-secret' -AsPlainText -Force))
                    $c = New-IotStudioConnection -ApiUrl $env:IOTSTUDIO_EMULATOR_URL -ClientCredential $cred -Space test -RetryIntervalSec 0.01
                    Clear-EmulatorLog
                    Get-IotThing -Connection $c -ErrorVariable ev -ErrorAction SilentlyContinue
                } }
            @{ Status = 404; ErrorId = 'ThingNotFound'; Category = 'ObjectNotFound'; Message = 'not found'; Requests = 1
                Call = { Get-IotThing -Id '01ARZ3NDEKTSV4RRFFQ69G5FAV' -ErrorVariable ev -ErrorAction SilentlyContinue } }
            @{ Status = 429; ErrorId = 'ThingTooManyRequests'; Category = 'LimitsExceeded'; Message = 'too many requests'; Requests = 1
                Call = {
                    $c = New-IotStudioConnection -ApiUrl $env:IOTSTUDIO_EMULATOR_URL -ClientCredential (Get-TestCredential) -Space test -MaximumRetryCount 0 -RetryIntervalSec 0.01
                    Clear-EmulatorLog
                    Set-EmulatorFault @{ every429 = 1; retryAfter = '0' }
                    Get-IotThing -Connection $c -ErrorVariable ev -ErrorAction SilentlyContinue
                } }
            @{ Status = 503; ErrorId = 'ThingServiceUnavailable'; Category = 'ConnectionError'; Message = 'Service Unavailable'; Requests = 5
                Call = {
                    Set-EmulatorFault @{ fail = @{ status = 503; count = 10 } }
                    Get-IotThing -ErrorVariable ev -ErrorAction SilentlyContinue
                } }
            @{ Status = 500; ErrorId = 'ThingServerError'; Category = 'InvalidResult'; Message = 'Internal Server Error'; Requests = 5
                Call = {
                    Set-EmulatorFault @{ fail = @{ status = 500; count = 10 } }
                    Get-IotThing -ErrorVariable ev -ErrorAction SilentlyContinue
                } }
        ) {
            $ev = $null
            # Dot-sourced so that -ErrorVariable ev lands in this scope.
            $out = @(. $Call)
            Clear-EmulatorFault
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $e = $ev[0]
            $e.FullyQualifiedErrorId | Should -Be "$ErrorId,$Cmd.GetIotThingCommand"
            $e.CategoryInfo.Category | Should -Be $Category
            $e.ErrorDetails.Message | Should -BeLike "*$Message*"
            $e.Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioApiException'
            $e.Exception.Response.StatusCode | Should -Be $Status
            $e.Exception.StatusCode | Should -Be $Status
            $e.TargetObject | Should -Not -BeNullOrEmpty
            @(Get-ApiLog).Count | Should -Be $Requests
        }

        It 'targets the space for a failed list' {
            $null = Get-IotThing -Query @{ sort = 'bogus' } -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].TargetObject | Should -Be 'test'
        }

        It 'makes the error terminating with -ErrorAction Stop' {
            { Get-IotThing -Query @{ sort = 'bogus' } -ErrorAction Stop } | Should -Throw -ErrorId "ThingBadRequest,$Cmd.GetIotThingCommand"
        }
    }

    Describe 'New-IotThing' {
        It 'posts the fields it is given' {
            $null = New-IotCategory Sensors
            Clear-EmulatorLog
            $t = New-IotThing -Title 'Boiler' -Description 'In the basement' -Type 'Sensor' -Category Sensors -Status @{ temperature = 20 } -AdditionalProperties @{ format = 'x' }
            $t.GetType().FullName | Should -Be 'IotStudio.Models.Thing'
            $t.Uid | Should -Match '^[0-9A-HJKMNP-TV-Z]{26}$'
            $t.Title | Should -Be 'Boiler'
            $t.AdditionalProperties['format'] | Should -Be 'x'
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be '/spaces/test/things'
            $body = $log[0].body | ConvertFrom-Json -AsHashtable
            $body.title | Should -Be 'Boiler'
            $body.description | Should -Be 'In the basement'
            $body['@type'] | Should -Be 'Sensor'
            $body.categories | Should -Be 'Sensors'
            $body.status.temperature | Should -Be 20
            $body.format | Should -Be 'x'
        }
    }

    Describe 'Copying Things' {
        It 'sends a piped Thing to New-IotThing -InputObject in API field names, without its identity' {
            $null = New-IotCategory Sensors
            $src = New-IotThing -Title 'Boiler' -Type 'Sensor' -Category Sensors -Status @{ temperature = 20 } -AdditionalProperties @{ format = 'x' }
            Clear-EmulatorLog
            $copy = New-IotThing -InputObject $src -Space other -Category @()
            $body = (Get-ApiLog)[0].body | ConvertFrom-Json -AsHashtable
            $body.title | Should -Be 'Boiler'
            $body['@type'] | Should -Be 'Sensor'
            $body.format | Should -Be 'x'
            $body.status.temperature | Should -Be 20
            $body.Keys | Should -Not -Contain 'uid'
            $body.Keys | Should -Not -Contain 'Uid'
            $body.Keys | Should -Not -Contain 'Space'
            $copy.Uid | Should -Not -Be $src.Uid
            $copy.Space | Should -Be 'other'
        }

        It 'refuses -NotInCategory without -Category before any request' {
            { Get-IotThing -NotInCategory -ErrorAction Stop } | Should -Throw -ErrorId 'NotInCategoryNeedsCategory,IotStudio.PowerShell.Commands.GetIotThingCommand'
            Get-ApiLog | Should -BeNullOrEmpty
        }
    }

    Describe 'Set-IotThing' {
        It 'changes only the title and keeps every other field, unknown ones included' {
            $t = New-TestThing @{ Title = 'old'; Description = 'desc'; Status = @{ temperature = 20 }; AdditionalProperties = @{ format = 'x'; writeOnly = $true } }
            Set-IotThing -Id $t.Uid -Title 'new'
            $log = Get-ApiLog
            $log.method | Should -Be 'GET', 'PUT'
            $log[1].path | Should -Be "/spaces/test/things/$($t.Uid)"
            $body = $log[1].body | ConvertFrom-Json -AsHashtable
            $body.title | Should -Be 'new'
            $body.description | Should -Be 'desc'
            $body.format | Should -Be 'x'
            $body.writeOnly | Should -BeTrue
            $body.status.temperature | Should -Be 20
            $after = Get-IotThing -Id $t.Uid
            $after.Title | Should -Be 'new'
            $after.AdditionalProperties['format'] | Should -Be 'x'
            $after.AdditionalProperties['writeOnly'] | Should -BeTrue
        }

        It 'sends back a Thing changed in the pipeline (Get-IotThing | ForEach-Object | Set-IotThing)' {
            $t = New-TestThing @{ Title = 'x'; Description = 'desc'; AdditionalProperties = @{ format = 'x'; writeOnly = $true } }
            $null = Get-IotThing $t.Uid | ForEach-Object { $_.Title = 'y'; $_ } | Set-IotThing
            $put = @(Get-ApiLog | Where-Object method -ne 'GET')
            $put | Should -HaveCount 1
            $put[0].method | Should -Be 'PUT'
            $put[0].path | Should -Be "/spaces/test/things/$($t.Uid)"
            $body = $put[0].body | ConvertFrom-Json -AsHashtable
            $body.title | Should -Be 'y'
            $body.description | Should -Be 'desc'
            $body.format | Should -Be 'x'
            $body.writeOnly | Should -BeTrue
            (Get-IotThing $t.Uid).Title | Should -Be 'y'
        }

        It 'sends the piped Thing itself, so a change to a field without a parameter is kept' {
            $t = New-TestThing @{ Title = 'x'; AdditionalProperties = @{ format = 'x' } }
            $null = Get-IotThing $t.Uid | ForEach-Object { $_.AdditionalProperties['format'] = 'z'; $_ } | Set-IotThing
            $log = Get-ApiLog
            # The piped Thing binds to -InputObject: no second read of the Thing before the PUT.
            $log.method | Should -Be 'GET', 'PUT'
            $body = $log[-1].body | ConvertFrom-Json -AsHashtable
            $body.format | Should -Be 'z'
            (Get-IotThing $t.Uid).AdditionalProperties['format'] | Should -Be 'z'
        }

        It 'sends values edited in the pipeline even when PowerShell wrapped them (Get-Date, command output)' {
            $t = Add-EmulatorThing -Count 1
            $thing = Get-IotThing -Id $t.first
            $thing.AdditionalProperties['when'] = Get-Date -Date '2026-01-02T03:04:05Z' -AsUTC
            $thing.AdditionalProperties['who'] = Write-Output 'ops'
            Clear-EmulatorLog
            $thing | Set-IotThing -ErrorAction Stop
            $put = Get-ApiLog | Where-Object method -eq 'PUT'
            $body = $put.body | ConvertFrom-Json -AsHashtable -DateKind String
            $body.who | Should -Be 'ops'
            $body.when | Should -BeLike '2026-01-02T03:04:05*'
        }

        It 'moves a Thing between Categories when its Categories are edited in the pipeline' {
            $null = New-IotCategory Sensors
            $null = New-IotCategory Pumps
            $t = New-IotThing -Title 'Boiler' -Category Sensors
            Clear-EmulatorLog
            $t.Categories = @('Pumps')
            $t | Set-IotThing
            ((Get-ApiLog | Where-Object method -eq 'PUT').body | ConvertFrom-Json).categories | Should -Be 'Pumps'
            @(Get-IotThing -Category Pumps).Uid | Should -Be $t.Uid
            @(Get-IotThing -Category Sensors) | Should -HaveCount 0
        }

        It 'writes the updated Thing with -PassThru' {
            $t = New-TestThing @{ Title = 'x' }
            $u = Set-IotThing -Id $t.Uid -Description 'd' -PassThru
            $u.GetType().FullName | Should -Be 'IotStudio.Models.Thing'
            $u.Description | Should -Be 'd'
            $u.Title | Should -Be 'x'
        }
    }

    Describe 'Remove-IotThing by filter' {
        It 'deletes only the Things matching the filter' {
            $null = Add-EmulatorThing -Count 2 -TitlePrefix Hot -Status @{ temperature = 25 }
            $cold = Add-EmulatorThing -Count 1 -TitlePrefix Cold -Status @{ temperature = 15 }
            Clear-EmulatorLog
            $deleted = @(Remove-IotThing -PropertyFilter @{ temperature = 'gt:20' } -Confirm:$false -PassThru)
            $deleted | Should -HaveCount 2
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'DELETE'
            $log[0].path | Should -Be '/spaces/test/things'
            Get-QueryValue $log[0].query 'property:temperature' | Should -Be 'gt:20'
            (Get-IotThing).Uid | Should -Be $cold.first
        }

        It 'refuses -Query keys the bulk delete would ignore, before any request' {
            { Remove-IotThing -Type Sensor -Query @{ title = 'drop' } -Confirm:$false } |
                Should -Throw -ErrorId 'UnsupportedDeleteFilter,IotStudio.PowerShell.Commands.RemoveIotThingCommand'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'refuses an empty filter (<Name>) with FilterRequired before any request' -ForEach @(
            @{ Name = '-Query @{}'; Params = @{ Query = @{} } }
            @{ Name = '-PropertyFilter @{}'; Params = @{ PropertyFilter = @{} } }
        ) {
            $null = Add-EmulatorThing -Count 2
            Clear-EmulatorLog
            { Remove-IotThing @Params -Confirm:$false } | Should -Throw -ErrorId "FilterRequired,$Cmd.RemoveIotThingCommand"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'is ConfirmImpact High' {
            $attr = (Get-Command Remove-IotThing).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
            $attr.SupportsShouldProcess | Should -BeTrue
        }
    }

    Describe '-WhatIf sends nothing' {
        It '<Name> -WhatIf sends no request' -ForEach @(
            @{ Name = 'New-IotThing'; Call = { New-IotThing -Title 'x' -WhatIf } }
            @{ Name = 'Set-IotThing'; Call = { param($Id) Set-IotThing -Id $Id -Title 'changed' -WhatIf } }
            @{ Name = 'Set-IotThing (pipeline)'; Call = { param($Id, $Thing) $Thing | Set-IotThing -WhatIf } }
            @{ Name = 'Remove-IotThing (id)'; Call = { param($Id) Remove-IotThing -Id $Id -WhatIf } }
            @{ Name = 'Remove-IotThing (filter)'; Call = { Remove-IotThing -PropertyFilter @{ temperature = 'gt:0' } -WhatIf } }
        ) {
            $seed = Add-EmulatorThing -Count 1 -Status @{ temperature = 20 }
            $thing = Get-IotThing -Id $seed.first
            Clear-EmulatorLog
            $out = & $Call $seed.first $thing
            $out | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            $after = @(Get-IotThing)
            $after.Uid | Should -Be $seed.first
            $after.Title | Should -Be 'Thing-1'
        }
    }

    Describe 'Thing output' {
        It 'emits IotStudio.Models.Thing' {
            $null = Add-EmulatorThing -Count 2
            $out = @(Get-IotThing)
            $out | Should -HaveCount 2
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.Thing' }
            $out[0].Space | Should -Be 'test'
        }

        It 'holds no System.Text.Json types, nested values included' {
            $null = New-TestThing @{ Title = 'deep'; Status = @{ a = 1; b = @(1, @{ c = 'x' }); d = @{ e = 2.5 } }
                AdditionalProperties = @{ format = @{ nested = @(1, 2) } }; Links = @(@{ href = 'http://x'; rel = 'item' }) }
            $all = @(Get-IotThing) + @(Get-IotThing -Title 'deep')
            $all | Should -HaveCount 2
            Find-JsonElement $all | Should -BeNullOrEmpty
            $all[0].Status['d']['e'] | Should -BeOfType [decimal]
        }

        It 'has a default table view of at most 5 columns' {
            $view = (Get-FormatData IotStudio.Models.Thing).FormatViewDefinition[0]
            $view.Control | Should -BeOfType System.Management.Automation.TableControl
            $view.Control.Headers.Count | Should -BeLessOrEqual 5
        }
    }
}

Describe 'Progress of long lists' {
    BeforeAll {
        Reset-Emulator
        $null = Add-EmulatorThing -Count 55
    }

    It 'shows progress for a long pipelined write, not for a short one, and completes it' {
        $short = Invoke-WithProgress { Get-IotThing -First 20 | Set-IotProperty -Name mark -Value 1 }
        $short.Progress | Should -BeNullOrEmpty
        $long = Invoke-WithProgress { Get-IotThing | Set-IotProperty -Name mark -Value 2 -ThrottleLimit 1 }
        $long.Errors | Should -BeNullOrEmpty
        $processing = @($long.Progress | Where-Object RecordType -EQ 'Processing')
        $processing.Count | Should -BeGreaterThan 0
        $processing[0].Activity | Should -Be 'Set-IotProperty'
        $processing[0].StatusDescription | Should -Match '^Sent \d+ items'
        $long.Progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'shows no bar for a list of two pages' {
        $r = Invoke-WithProgress { Get-IotThing -PageSize 30 }
        $r.Output.Count | Should -Be 55
        $r.Progress | Should -BeNullOrEmpty
    }

    It 'writes items read and the rate from the third page on, under one activity id, then Completed' {
        $r = Invoke-WithProgress { Get-IotThing -PageSize 10 }

        $r.Output.Count | Should -Be 55
        $r.Errors | Should -BeNullOrEmpty
        $r.Progress.Count | Should -Be 5 -Because 'pages 3 to 6 each write a record, and the end one Completed record'
        @($r.Progress.ActivityId | Select-Object -Unique).Count | Should -Be 1
        $r.Progress[0].Activity | Should -Be 'Get-IotThing'
        $r.Progress[0].StatusDescription | Should -Match '^Read 30 items, [\d.,]+ per second$'
        $r.Progress[0].CurrentOperation | Should -Be 'Page 3'
        $r.Progress[3].StatusDescription | Should -Match '^Read 55 items'
        $r.Progress[0..3].RecordType | Should -Be 'Processing', 'Processing', 'Processing', 'Processing'
        $r.Progress[0..3].PercentComplete | Should -Be -1, -1, -1, -1 -Because 'a Thing list has no known total'
        $r.Progress[4].RecordType | Should -Be 'Completed'
    }

    It 'keeps the activity id of a cmdlet from one run to the next, and gives another cmdlet another' {
        $a = Invoke-WithProgress { Get-IotThing -PageSize 10 }
        $b = Invoke-WithProgress { Get-IotThing -PageSize 5 }
        $q = Invoke-WithProgress { Invoke-IotQuery 'FOR t IN things RETURN t.uid' -BatchSize 10 }

        $b.Progress[0].ActivityId | Should -Be $a.Progress[0].ActivityId
        $q.Progress[0].Activity | Should -Be 'Invoke-IotQuery'
        $q.Progress[0].ActivityId | Should -Not -Be $a.Progress[0].ActivityId
    }

    It 'completes the bar when the pipeline stops the list early' {
        $r = Invoke-WithProgress { Get-IotThing -PageSize 10 | Select-Object -First 35 }

        $r.Output.Count | Should -Be 35
        $r.Progress.RecordType | Should -Be 'Processing', 'Processing', 'Completed' -Because 'pages 3 and 4 were read, then the pipeline stopped'
    }

    It 'shows the percentage and the time left when the total is known (a query that counts)' {
        $r = Invoke-WithProgress { Invoke-IotQuery 'FOR t IN things RETURN t.uid' -BatchSize 10 -IncludeTotalCount }

        $r.Output.Count | Should -Be 56 -Because 'the total count object comes first'
        $processing = @($r.Progress | Where-Object RecordType -EQ 'Processing')
        $processing.PercentComplete | Should -Be 54, 72, 90, 100
        $processing[0].StatusDescription | Should -Match '^Read 30 of 55 items'
        $processing[0].SecondsRemaining | Should -BeGreaterOrEqual 0
        $r.Progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'writes nothing under $ProgressPreference <Preference>' -ForEach @(@{ Preference = 'SilentlyContinue' }, @{ Preference = 'Ignore' }) {
        $r = Invoke-WithProgress { Get-IotThing -PageSize 10 } -Preference $Preference
        $r.Output.Count | Should -Be 55
        $r.Progress | Should -BeNullOrEmpty
    }

    It 'writes nothing with -ProgressAction SilentlyContinue' {
        $r = Invoke-WithProgress { Get-IotThing -PageSize 10 -ProgressAction SilentlyContinue }
        $r.Output.Count | Should -Be 55
        $r.Progress | Should -BeNullOrEmpty
    }
}
