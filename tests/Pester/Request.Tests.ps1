# Invoke-IotStudioRequest against the emulator: any route with the connection's auth, the query encoding, JSON out as
# PowerShell objects, -Paginate with early stop, -Raw, -WhatIf, the refused foreign host, and error mapping.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Url = Get-EmulatorUrl
    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:Cmd = 'IotStudio.PowerShell.Commands.InvokeIotStudioRequestCommand'
}

Describe 'Invoke-IotStudioRequest' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        Clear-EmulatorLog
    }

    Describe 'plain calls' {
        It 'sends GET <Path> below the API URL with the token and writes the Thing as a PSCustomObject' -ForEach @(
            @{ Path = '/spaces/test/things/{0}' }, @{ Path = 'spaces/test/things/{0}' }, @{ Path = '{1}/spaces/test/things/{0}' }
        ) {
            $seed = Add-EmulatorThing -Count 1 -Status @{ temperature = 21.5; on = $true }
            $out = @(Invoke-IotStudioRequest ($Path -f $seed.first, $Url))
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType [pscustomobject]
            $out[0].uid | Should -Be $seed.first
            $out[0].title | Should -Be 'Thing-1'
            $out[0].status.temperature | Should -Be 21.5
            $out[0].status.temperature | Should -BeOfType [decimal]
            $out[0].status.on | Should -BeTrue
            $out[0].categories.GetType() | Should -Be ([object[]])
            Find-JsonElement $out[0] | Should -BeNullOrEmpty
            $log = Get-ApiLog
            $log.Count | Should -Be 1
            $log[0].method | Should -Be 'GET'
            $log[0].path | Should -Be "/spaces/test/things/$($seed.first)"
            $log[0].auth | Should -BeTrue
        }

        It 'writes ordered dictionaries with -AsHashtable, the values Get-IotProperty gives' {
            $seed = Add-EmulatorThing -Count 1 -Status @{ temperature = 21; mode = 'eco' }
            $out = Invoke-IotStudioRequest "/spaces/test/things/$($seed.first)/properties" -AsHashtable
            $out | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            $out['temperature'] | Should -BeOfType [long]
            $props = Get-IotProperty $seed.first -AsHashtable
            $out['temperature'] | Should -Be $props['temperature']
            $out['mode'] | Should -Be 'eco'
        }

        It 'encodes -Query: an array repeats its key, booleans are lowercase' {
            $null = New-IotCategory Sensors
            $seed = Add-EmulatorThing -Count 4 -Category Sensors
            $other = Add-EmulatorThing -Count 1
            Clear-EmulatorLog
            $ids = @($seed.first, $seed.last, $other.first)
            $out = @(Invoke-IotStudioRequest /spaces/test/things -Query @{ 'thingID[]' = $ids; 'category[]' = 'Sensors'; in_category = $false })
            $out.Count | Should -Be 1
            $out[0].data.uid | Should -Be $other.first
            $log = Get-ApiLog
            $log.Count | Should -Be 1
            Get-QueryValue $log[0].query 'thingID[]' | Should -Be $ids
            Get-QueryValue $log[0].query 'in_category' | Should -BeExactly 'false'
            Get-QueryValue $log[0].query 'category[]' | Should -Be 'Sensors'
        }

        It 'enumerates a JSON array answer, such as the uids a bulk DELETE returns' {
            $seed = Add-EmulatorThing -Count 3
            Clear-EmulatorLog
            $out = @(Invoke-IotStudioRequest -Method DELETE /spaces/test/things -Query @{ 'thingID[]' = $seed.first, $seed.last } -Confirm:$false)
            @($out | Sort-Object) | Should -Be @($seed.first, $seed.last | Sort-Object)
            $log = Get-ApiLog
            $log.method | Should -Be 'DELETE'
            Get-QueryValue $log[0].query 'thingID[]' | Should -Be $seed.first, $seed.last
            @(Get-IotThing).Count | Should -Be 1
        }

        It 'creates with POST and an object body sent as JSON' {
            $out = Invoke-IotStudioRequest -Method Post /spaces/test/things -Body ([ordered]@{ title = 'made raw'; properties = @{ t = @{ type = 'number' } } })
            $out.title | Should -Be 'made raw'
            (Get-IotThing -Id $out.uid).Title | Should -Be 'made raw'
            $log = Get-ApiLog | Where-Object method -EQ 'POST'
            $log.path | Should -Be '/spaces/test/things'
            $log.body | Should -Be '{"title":"made raw","properties":{"t":{"type":"number"}}}'
        }

        It 'calls PATCH with a json-patch body (a string, then objects) on a route the module has no raw parameters for' {
            $seed = Add-EmulatorThing -Count 1
            $id = $seed.first
            Clear-EmulatorLog
            $out = Invoke-IotStudioRequest -Method PATCH "/spaces/test/things/$id" -Body '[{"op":"add","path":"/description","value":"raw text"}]' -ContentType 'application/json-patch+json'
            $out.description | Should -Be 'raw text'
            $out2 = Invoke-IotStudioRequest -Method PATCH "/spaces/test/things/$id" -Body @([ordered]@{ op = 'replace'; path = '/title'; value = 'renamed' }) -ContentType 'application/json-patch+json'
            $out2.title | Should -Be 'renamed'
            $t = Get-IotThing -Id $id
            $t.Title | Should -Be 'renamed'
            $t.Description | Should -Be 'raw text'
            $log = Get-ApiLog | Where-Object method -EQ 'PATCH'
            $log.Count | Should -Be 2
            $log[0].body | Should -Be '[{"op":"add","path":"/description","value":"raw text"}]'
            $log[1].body | Should -Be '[{"op":"replace","path":"/title","value":"renamed"}]'
        }

        It 'shows the 415 of a PATCH sent as plain JSON as an error with the API message' {
            $seed = Add-EmulatorThing -Count 1
            Invoke-IotStudioRequest -Method PATCH "/spaces/test/things/$($seed.first)" -Body '[]' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be "RequestHttpError415,$Cmd"
            $ev[0].ErrorDetails.Message | Should -BeLike '*Content-Type must be application/json-patch+json*'
            $ev[0].Exception.Response.StatusCode | Should -Be 415
        }

        It 'writes the status, headers and body text with -Raw' {
            $out = Invoke-IotStudioRequest -Method POST /spaces/test/things -Body '{"title":"raw"}' -Raw
            $out.GetType().FullName | Should -Be 'IotStudio.Http.RawResponse'
            $out.StatusCode | Should -Be 201
            $out.ContentType | Should -BeLike 'application/json*'
            $out.Headers['Content-Type'] | Should -BeLike 'application/json*'
            ($out.Body | ConvertFrom-Json).title | Should -Be 'raw'
            ($out | Out-String) | Should -Match '201'
        }

        It 'still works after the service expired the token: one 401, a refresh, and the retry' {
            $seed = Add-EmulatorThing -Count 1
            Invoke-Emulator -Method POST -Path '/_emulator/expire-tokens' | Out-Null
            Clear-EmulatorLog
            (Invoke-IotStudioRequest "/spaces/test/things/$($seed.first)").uid | Should -Be $seed.first
            (Get-EmulatorRequest -Kind OAuth | Where-Object path -EQ '/oauth2/token').Count | Should -Be 1
            (Get-ApiLog).status | Should -Be 401, 200
        }

        It 'retries a GET after a 503, as every cmdlet does' {
            $seed = Add-EmulatorThing -Count 1
            Set-EmulatorFault @{ fail = @{ status = 503; count = 1 } }
            try {
                (Invoke-IotStudioRequest "/spaces/test/things/$($seed.first)").uid | Should -Be $seed.first
                (Get-ApiLog).status | Should -Be 503, 200
            }
            finally { Clear-EmulatorFault }
        }

        It 'pipes its objects into the typed cmdlets by property name (uid binds to -ThingId)' {
            $seed = Add-EmulatorThing -Count 3 -Status @{ temperature = 20 }
            Clear-EmulatorLog
            $values = @(Invoke-IotStudioRequest /spaces/test/things -Paginate -First 2 | Get-IotProperty)
            $values.Count | Should -Be 2
            $values[0].GetType().FullName | Should -Be 'IotStudio.Models.PropertyValue'
            $values.ThingId | Should -Be $seed.first, ((Get-IotThing -Skip 1 -First 1).Uid)
            $values.Value | Should -Be 20, 20
        }
    }

    Describe '-Paginate' {
        It 'sends one request for Select-Object -First 3 over 500 Things' {
            $null = Add-EmulatorThing -Count 500
            Clear-EmulatorLog
            $out = @(Invoke-IotStudioRequest /spaces/test/things -Paginate | Select-Object -First 3)
            $out.title | Should -Be 'Thing-1', 'Thing-2', 'Thing-3'
            (Get-ApiLog).Count | Should -Be 1
        }

        It 'follows paging.next_cursor: -First 25 -PageSize 10 asks for limit 10, 10, 5' {
            $null = Add-EmulatorThing -Count 40
            Clear-EmulatorLog
            $out = @(Invoke-IotStudioRequest /spaces/test/things -Paginate -PageSize 10 -First 25 -Query @{ sort = '+title' })
            $out.Count | Should -Be 25
            @($out.uid | Sort-Object -Unique).Count | Should -Be 25
            $log = Get-ApiLog
            $log.Count | Should -Be 3
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '10', '10', '5'
            $log | ForEach-Object { Get-QueryValue $_.query 'sort' } | Should -Be '+title', '+title', '+title'
            @(Get-QueryValue $log[0].query 'next_cursor').Count | Should -Be 0
            Get-QueryValue $log[1].query 'next_cursor' | Should -Not -BeNullOrEmpty
        }

        It 'reads every page to the end, and takes the page size from the query limit when -PageSize is not given' {
            $null = Add-EmulatorThing -Count 15
            Clear-EmulatorLog
            $out = @(Invoke-IotStudioRequest '/spaces/test/things?limit=7' -Paginate -AsHashtable)
            $out.Count | Should -Be 15
            $out[0] | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
            $log = Get-ApiLog
            $log.Count | Should -Be 3
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '7', '7', '7'
        }

        It 'without -PageSize or a query limit asks for 50, then doubles the page, as every list does' {
            $null = Add-EmulatorThing -Count 200
            Clear-EmulatorLog
            @(Invoke-IotStudioRequest /spaces/test/things -Paginate).Count | Should -Be 200
            Get-ApiLog | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '50', '100', '200'
        }

        It 'skips with -Skip and counts -First across pages' {
            $null = Add-EmulatorThing -Count 30
            Clear-EmulatorLog
            $out = @(Invoke-IotStudioRequest /spaces/test/things -Paginate -PageSize 10 -Skip 12 -First 3)
            $out.title | Should -Be 'Thing-13', 'Thing-14', 'Thing-15'
            (Get-ApiLog).Count | Should -Be 2
        }

        It 'reports an answer that is not a list as InvalidResult' {
            $seed = Add-EmulatorThing -Count 1
            Invoke-IotStudioRequest "/spaces/test/things/$($seed.first)" -Paginate -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be "RequestInvalidResponse,$Cmd"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        }
    }

    Describe 'safety' {
        It 'refuses <Target> before any request, so the token never leaves the API host' -ForEach @(
            @{ Target = 'https://evil.example.com/spaces/test/things' }
            @{ Target = '//evil.example.com/spaces/test/things' }
            @{ Target = 'http://127.0.0.2:1/spaces/test/things' }
        ) {
            Clear-EmulatorLog
            $err = { Invoke-IotStudioRequest $Target } | Should -Throw -ErrorId "RequestForeignHost,$Cmd" -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be $Target
            $err.Exception.Message | Should -BeLike "*$Url*"
            Get-EmulatorRequest | Should -BeNullOrEmpty
        }

        It 'sends nothing for POST -WhatIf' {
            Invoke-IotStudioRequest -Method POST /spaces/test/things -Body @{ title = 'no' } -WhatIf
            Get-ApiLog | Should -BeNullOrEmpty
            @(Get-IotThing).Count | Should -Be 0
        }

        It 'sends nothing for GET -WhatIf either' {
            $null = Add-EmulatorThing -Count 1
            Clear-EmulatorLog
            Invoke-IotStudioRequest /spaces/test/things -WhatIf | Should -BeNullOrEmpty
            Invoke-IotStudioRequest /spaces/test/things -Paginate -WhatIf | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            @(Invoke-IotStudioRequest /spaces/test/things -WhatIf:$false).Count | Should -Be 1
        }

        It 'never asks about a GET with -Confirm, and asks about a POST (in a host that cannot ask, that fails)' {
            $null = Add-EmulatorThing -Count 2
            Clear-EmulatorLog
            $lines = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($env:IOTSTUDIO_TEST_MODULE)'
Connect-IotStudio -ApiUrl '$Url' -Space test -AccessToken (ConvertTo-SecureString 'static-test-token' -AsPlainText -Force)
'get=' + @(Invoke-IotStudioRequest /spaces/test/things -Confirm).Count
try { Invoke-IotStudioRequest -Method POST /spaces/test/things -Body @{ title = 'x' } -Confirm; 'post=sent' } catch { 'post=' + `$_.FullyQualifiedErrorId }
"@
            $lines | Should -Contain 'get=1'
            ($lines | Where-Object { $_ -like 'post=*' }) | Should -Not -Be 'post=sent'
            $log = Get-ApiLog
            $log.method | Should -Be 'GET'
        }

        It 'fills in nothing: a {space} placeholder in the path is refused before any request' {
            $err = { Invoke-IotStudioRequest '/spaces/{space}/things' } | Should -Throw -ErrorId "RequestInvalidArgument,$Cmd" -PassThru
            $err.Exception.Message | Should -BeLike "*placeholder '{space}'*"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'refuses a body on GET before any request' {
            { Invoke-IotStudioRequest /spaces/test/things -Body @{ a = 1 } } | Should -Throw -ErrorId "RequestInvalidArgument,$Cmd"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'refuses a query value that is an object before any request' {
            { Invoke-IotStudioRequest /spaces/test/things -Query @{ a = @{ b = 1 } } } | Should -Throw -ErrorId "RequestInvalidArgument,$Cmd"
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'maps a 404 to the missing object''s NotFound (ThingNotFound here) with the request as target' {
            Invoke-IotStudioRequest "/spaces/test/things/$MissingId" -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be "GET /spaces/test/things/$MissingId"
            $ev[0].ErrorDetails.Message | Should -BeLike "*thing '$MissingId' not found*"
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }

        It 'maps a 403 (token without the thing scope) to RequestForbidden' {
            $scoped = New-IotStudioConnection -ApiUrl $Url -Space test -ClientId 'scoped-client' -ClientSecret (ConvertTo-SecureString 'scoped-secret' -AsPlainText -Force)
            try {
                Invoke-IotStudioRequest /spaces/test/things -Connection $scoped -ErrorVariable ev -ErrorAction SilentlyContinue
                $ev[0].FullyQualifiedErrorId | Should -Be "RequestForbidden,$Cmd"
                $ev[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
                @(Invoke-IotStudioRequest /spaces/test/categories -Connection $scoped).Count | Should -Be 1
            }
            finally { Disconnect-IotStudio -InputObject $scoped }
        }

        It 'stops with NotConnected when there is no connection' {
            Disconnect-IotStudio
            { Invoke-IotStudioRequest /spaces/test/things } | Should -Throw -ErrorId "NotConnected,$Cmd"
        }
    }
}
