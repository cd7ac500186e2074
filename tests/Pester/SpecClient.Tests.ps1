# The emulator from the other side: plain HTTP, the way a client generated from the OpenAPI file talks to the service
# (every unset optional field sent as null, every list followed to its end through next_cursor, both timestamp forms
# read, bulk PATCH 207 results read item by item). Nothing here uses the module or its Core.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force

    $script:Base = "$(Get-EmulatorUrl)/spaces/spec"

    # One call as a generated client makes it: JSON in, status and parsed JSON out, never an exception for a status.
    function Send-Api {
        param([string] $Method, [string] $Path, $Body, [string] $ContentType = 'application/json')
        $params = @{
            Method = $Method; Uri = "$script:Base$Path"; SkipHttpErrorCheck = $true
            Headers = @{ Authorization = 'Bearer static-test-token'; Accept = 'application/json' }
        }
        if ($null -ne $Body) {
            $params.Body = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Depth 20 -Compress }
            $params.ContentType = $ContentType
        }
        $r = Invoke-WebRequest @params
        $json = if ($r.Content) { $r.Content | ConvertFrom-Json -AsHashtable -Depth 50 -DateKind String } else { $null }
        [pscustomobject]@{ Status = [int]$r.StatusCode; Json = $json; Text = "$($r.Content)" }
    }

    # Follows paging.next_cursor to the end, as a generated client's paginator does; returns every item.
    function Read-All {
        param([string] $Path, [int] $Limit = 2)
        $items = [System.Collections.Generic.List[object]]::new()
        $cursor = $null
        $pages = 0
        do {
            $sep = if ($Path.Contains('?')) { '&' } else { '?' }
            $url = "$Path$($sep)limit=$Limit" + $(if ($cursor) { "&next_cursor=$([uri]::EscapeDataString($cursor))" } else { '' })
            $r = Send-Api GET $url
            $r.Status | Should -Be 200 -Because $r.Text
            foreach ($i in $r.Json.data) { $items.Add($i) }
            $cursor = $r.Json.paging.next_cursor
            $pages++
            $pages | Should -BeLessThan 1000
        } while ($cursor)
        , $items
    }

    # Both timestamp forms the service uses: RFC 3339 and '2022-06-02 15:37:46+0000'.
    function ConvertFrom-ApiTime([string] $Text) {
        $formats = [string[]]@("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", 'yyyy-MM-dd HH:mm:ss.FFFFFFFzzz', 'yyyy-MM-dd HH:mm:sszz00')
        $t = $Text -replace '([+-]\d\d)(\d\d)$', '$1:$2'
        [DateTimeOffset]::ParseExact($t, $formats, [cultureinfo]::InvariantCulture, 'AssumeUniversal')
    }
}

Describe 'A client generated from the spec' {
    BeforeEach { Reset-Emulator }

    It 'creates, reads, updates, lists and deletes Categories with null for every unset field' {
        $created = Send-Api POST /categories @{ name = 'Boilers'; description = $null; model = $null }
        $created.Status | Should -Be 201 -Because $created.Text
        $created.Json.name | Should -Be 'Boilers'
        (Send-Api POST /categories @{ name = 'Alarms'; description = 'a'; model = $null }).Status | Should -Be 201

        $put = Send-Api PUT /categories/Boilers @{ name = 'Boilers'; description = 'hot water'; model = $null }
        $put.Status | Should -Be 200 -Because $put.Text
        (Send-Api GET /categories/Boilers).Json.description | Should -Be 'hot water'

        # Listed in name order, followed to the end page by page.
        (Read-All /categories -Limit 1).name | Should -Be 'Alarms', 'Boilers'
        (Send-Api DELETE /categories/Alarms).Status | Should -Be 204
        (Send-Api GET /categories/Alarms).Status | Should -Be 404
    }

    It 'creates, reads, updates, lists and deletes Models and versions with null for every unset field' {
        (Send-Api POST /models @{ name = 'thermo'; description = $null }).Status | Should -Be 201
        (Send-Api POST /models @{ name = 'alarm'; description = $null }).Status | Should -Be 201
        $v = Send-Api POST /models/thermo/versions @{ title = $null; description = $null; template = @{ title = 'T'; description = $null; properties = $null; actions = $null; events = $null; links = $null } }
        $v.Status | Should -Be 201 -Because $v.Text
        (Send-Api PUT /models/thermo @{ name = 'thermo'; description = 'v2' }).Json.description | Should -Be 'v2'
        (Read-All /models -Limit 1).name | Should -Be 'alarm', 'thermo'
        (Read-All /models/thermo/versions -Limit 1) | Should -HaveCount 1
        (Send-Api DELETE /models/alarm).Status | Should -Be 204
    }

    It 'creates a Thing with null for every unset field, and replaces its description with JSON Patch' {
        (Send-Api POST /models @{ name = 'thermo' }).Status | Should -Be 201
        $body = [ordered]@{
            title = $null; description = $null; '@context' = $null; '@type' = $null; categories = $null
            model = $null; properties = $null; actions = $null; events = $null; links = $null; status = $null
        }
        $thing = Send-Api POST /things $body
        $thing.Status | Should -Be 201 -Because $thing.Text
        $thing.Json.description | Should -Be '' -Because 'a Thing always shows its description, so replace can target it'
        $uid = $thing.Json.uid

        $patch = '[{"op":"replace","path":"/description","value":"boiler room 2"}]'
        $patched = Send-Api PATCH "/things/$uid" $patch -ContentType 'application/json-patch+json'
        $patched.Status | Should -Be 200 -Because $patched.Text
        $patched.Json.description | Should -Be 'boiler room 2'

        $put = Send-Api PUT "/things/$uid" ([ordered]@{ title = 'b1'; description = $null; model = @{ name = 'thermo'; version = $null }; properties = $null })
        $put.Status | Should -Be 200 -Because $put.Text
        $put.Json.title | Should -Be 'b1'
        $put.Json.model.name | Should -Be 'thermo'
        (Send-Api DELETE "/things/$uid").Status | Should -Be 204
    }

    It 'reads bulk PATCH results item by item from a 207' {
        $a = (Send-Api POST /things @{ title = 'a' }).Json.uid
        $missing = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
        $ops = @(@{ op = 'replace'; path = '/title'; value = 'A' })
        $r = Send-Api PATCH /things @(@{ id = $a; patch = $ops }, @{ id = $missing; patch = $ops })
        $r.Status | Should -Be 207 -Because $r.Text
        $r.Json.has_errors | Should -Be @(1)
        $r.Json.results[0].status | Should -Be 200
        $r.Json.results[0].response.title | Should -Be 'A'
        $r.Json.results[1].status | Should -Be 404
        $r.Json.results[1].response.error.message | Should -BeLike "*$missing*"
    }

    It 'follows a Thing list to its end through next_cursor, and reads both timestamp forms' {
        $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{ space = 'spec'; count = 7; thing = @{ title = 'boiler-{i}'; status = @{ temperature = '{i % 3}' } } }
        $all = Read-All /things -Limit 3
        $all | Should -HaveCount 7
        ($all.title | Sort-Object) | Should -Be (1..7 | ForEach-Object { "boiler-$_" } | Sort-Object)
        (Read-All '/things?property:temperature=eq:2' -Limit 1).title | Should -Be 'boiler-2', 'boiler-5'

        # Things carry RFC 3339 times; action requests carry the '2022-06-02 15:37:46+0000' form the service also sends.
        $uid = $all[0].uid
        $created = ConvertFrom-ApiTime $all[0].created
        $action = Send-Api POST "/things/$uid/actions/reboot" @{ reboot = @{ input = $null } }
        $action.Status | Should -Be 201 -Because $action.Text
        $requested = ConvertFrom-ApiTime $action.Json.reboot.timeRequested
        $action.Json.reboot.timeRequested | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+0000$'
        ($requested - $created).TotalMinutes | Should -BeLessThan 5
        ($requested - $created).TotalMinutes | Should -BeGreaterOrEqual -1
    }

    It 'is refused, not merged, when a category-scoped create or update names categories' {
        (Send-Api POST /categories @{ name = 'Boilers' }).Status | Should -Be 201
        (Send-Api POST /categories @{ name = 'Other' }).Status | Should -Be 201
        $r = Send-Api POST /categories/Boilers/things @{ title = 'x'; categories = @('Other') }
        $r.Status | Should -Be 400
        $r.Json.error.message | Should -BeLike "*categories*"
        $ok = Send-Api POST /categories/Boilers/things @{ title = 'x'; categories = $null }
        $ok.Status | Should -Be 201 -Because 'null is not given'
        $uid = $ok.Json.uid
        (Send-Api PUT "/categories/Boilers/things/$uid" @{ title = 'y'; categories = @('Other') }).Status | Should -Be 400
        (Send-Api GET "/things/$uid").Json.categories | Should -Be @('Boilers')
    }
}
