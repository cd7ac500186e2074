# The emulator's control API (/_emulator/*) as its README documents it, and the strict mode the suite runs with.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    $script:Url = Get-EmulatorUrl
    $script:Auth = @{ Authorization = 'Bearer static-test-token' }
    function Get-Api([string] $Path) {
        Invoke-WebRequest -Uri "$script:Url$Path" -Headers $script:Auth -SkipHttpErrorCheck
    }
}

Describe 'The emulator control API' {
    BeforeEach { Reset-Emulator }

    Context 'GET /_emulator/health' {
        It 'answers {"status":"ok"}' {
            (Invoke-Emulator -Path '/_emulator/health').status | Should -Be 'ok'
        }
    }

    Context 'POST /_emulator/seed' {
        It 'seeds Things from a template with per-Thing values, into a Category it creates' {
            $r = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{
                space = 'seed'; count = 40; category = 'Boilers'
                thing = @{ title = 'boiler-{i}'; '@type' = 'Boiler'; status = @{ temperature = '{i % 10}'; label = 't{i * 2}'; literal = '{{i}}' } }
            }
            $r.count | Should -Be 40
            $r.first | Should -Match '^[0-9A-Z]{26}$'
            $all = (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things?limit=100" -Headers $script:Auth).data
            $all | Should -HaveCount 40
            $seventh = $all | Where-Object title -EQ 'boiler-7'
            $seventh.status.temperature | Should -Be 7
            $seventh.status.temperature | Should -BeOfType [long]
            $seventh.status.label | Should -Be 't14'
            $seventh.status.literal | Should -Be '{i}'
            $seventh.categories | Should -Be @('Boilers')
            $hot = (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things?limit=100&property:temperature=gte:8" -Headers $script:Auth).data
            $hot | Should -HaveCount 8
        }

        It 'seeds Categories, Models with versions, properties history and actions in the same call' {
            $r = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{
                space = 'seed'; count = 3
                categories = @(@{ name = 'Boilers'; description = 'hot' }, @{ name = 'Pumps' })
                models = @(@{ name = 'thermo'; description = 't'; versions = @(@{ title = 'v1'; template = @{ title = 'Thermostat' } }, @{ title = 'v2' }) })
                thing = @{ title = 'b-{i}'; categories = @('Boilers'); model = @{ name = 'thermo'; version = 2 } }
                history = @{ perThing = 4; from = '2024-01-01T00:00:00Z'; intervalSeconds = 3600; properties = @{ temperature = '{i * 10 + j}' } }
                actions = @{ name = 'reboot'; perThing = 2; input = @{ delay = '{j}' }; status = 'completed' }
            }
            $r.count | Should -Be 3
            $r.history | Should -Be 12
            $r.actions | Should -Be 6
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/categories" -Headers $script:Auth).data.name | Should -Be 'Boilers', 'Pumps'
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/models/thermo/versions" -Headers $script:Auth).data.version | Should -Be 1, 2
            $things = (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things" -Headers $script:Auth).data
            $things.categories | Sort-Object -Unique | Should -Be 'Boilers'
            $things[1].model.version | Should -Be 2
            $actions = (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things/$($things[1].uid)/actions/reboot" -Headers $script:Auth).data
            $actions | Should -HaveCount 2
            $actions.reboot.input.delay | Should -Be 1, 2
            $actions.reboot.status | Sort-Object -Unique | Should -Be 'completed'
        }

        It 'refuses a Thing template bound to a Model the seed does not create, and seeds nothing' {
            $r = Invoke-WebRequest -Method POST -Uri "$script:Url/_emulator/seed" -ContentType 'application/json' -SkipHttpErrorCheck `
                -Body (@{ space = 'seed'; count = 5; categories = @(@{ name = 'Early' }); thing = @{ title = 'x'; model = @{ name = 'nope' } } } | ConvertTo-Json -Compress -Depth 5)
            $r.StatusCode | Should -Be 400
            ($r.Content | ConvertFrom-Json).error.message | Should -BeLike "*model 'nope'*"
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things" -Headers $script:Auth).data | Should -BeNullOrEmpty
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/categories" -Headers $script:Auth).data | Should -BeNullOrEmpty
        }

        It 'checks the Categories of every templated Thing, not only the first, and seeds nothing when one is missing' {
            $r = Invoke-WebRequest -Method POST -Uri "$script:Url/_emulator/seed" -ContentType 'application/json' -SkipHttpErrorCheck `
                -Body (@{ space = 'seed'; count = 5; categories = @(@{ name = 'zone-0' }, @{ name = 'zone-1' }); thing = @{ title = 'x-{i}'; categories = @('zone-{i % 3}') } } | ConvertTo-Json -Compress -Depth 5)
            $r.StatusCode | Should -Be 404
            ($r.Content | ConvertFrom-Json).error.message | Should -BeLike "*category 'zone-2' not found*"
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things" -Headers $script:Auth).data | Should -BeNullOrEmpty
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/categories" -Headers $script:Auth).data | Should -BeNullOrEmpty
        }

        It 'refuses a malformed template expression with 400 naming the field, and seeds nothing' {
            $r = Invoke-WebRequest -Method POST -Uri "$script:Url/_emulator/seed" -ContentType 'application/json' -SkipHttpErrorCheck `
                -Body (@{ space = 'seed'; count = 5; thing = @{ title = 'x-{i %}' } } | ConvertTo-Json -Compress)
            $r.StatusCode | Should -Be 400
            ($r.Content | ConvertFrom-Json).error.message | Should -BeLike '*thing.title*'
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things" -Headers $script:Auth).data | Should -BeNullOrEmpty
        }
    }

    Context 'GET /_emulator/stats' {
        It 'counts what each space holds, and reports memory' {
            $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{ space = 'stats'; count = 5; actions = @{ name = 'ping'; perThing = 2 } }
            $stats = Invoke-Emulator -Path '/_emulator/stats?gc=true'
            $stats.things | Should -Be 5
            $stats.spaces.stats.things | Should -Be 5
            $stats.spaces.stats.actions | Should -Be 10
            $stats.managedBytes | Should -BeGreaterThan 0
            $stats.workingSetBytes | Should -BeGreaterThan $stats.managedBytes
        }
    }

    Context 'GET and DELETE /_emulator/requests' {
        It 'logs API requests in order without their token, from a sequence number on, and clears them' {
            $null = Get-Api '/spaces/log/categories'
            $null = Get-Api '/spaces/log/things?limit=3'
            $all = (Invoke-Emulator -Path '/_emulator/requests').data
            $all | Should -HaveCount 2
            $all[1].query | Should -Be 'limit=3'
            $all[1].auth | Should -BeTrue
            ($all | ConvertTo-Json -Depth 5) | Should -Not -BeLike '*static-test-token*'
            (Invoke-Emulator -Path "/_emulator/requests?since=$($all[0].seq)").data.path | Should -Be '/spaces/log/things'
            (Invoke-Emulator -Method DELETE -Path '/_emulator/requests').cleared | Should -Be 2
            (Invoke-Emulator -Path '/_emulator/requests').data | Should -BeNullOrEmpty
        }
    }

    Context 'GET, POST and DELETE /_emulator/faults' {
        It 'merges settings, reports them, applies them to API requests, and clears them' {
            $set = Invoke-Emulator -Method POST -Path '/_emulator/faults' -Body @{ fail = @{ status = 503; count = 1 }; latencyMs = 1 }
            $set.fail.status | Should -Be 503
            (Invoke-Emulator -Path '/_emulator/faults').latencyMs | Should -Be 1
            (Get-Api '/spaces/f/categories').StatusCode | Should -Be 503
            (Get-Api '/spaces/f/categories').StatusCode | Should -Be 200
            $cleared = Invoke-Emulator -Method DELETE -Path '/_emulator/faults'
            $cleared.latencyMs | Should -Be 0
            $cleared.fail | Should -BeNullOrEmpty
        }

        It 'refuses an unknown setting with 400 listing the known ones' {
            $r = Invoke-WebRequest -Method POST -Uri "$script:Url/_emulator/faults" -ContentType 'application/json' -Body '{"nope":1}' -SkipHttpErrorCheck
            $r.StatusCode | Should -Be 400
            ($r.Content | ConvertFrom-Json).error.details.known | Should -Contain 'offSpecNext'
        }
    }

    Context 'GET /_emulator/requests: endSeq' {
        It 'marks for each request the last one that had arrived when its answer left, so overlaps show' {
            $null = Get-Api '/spaces/o/categories'
            $null = Get-Api '/spaces/o/categories'
            Set-EmulatorFault @{ latencyMs = 300 }
            $http = [System.Net.Http.HttpClient]::new()
            try {
                $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', 'static-test-token')
                $both = @($http.GetAsync("$script:Url/spaces/o/categories"), $http.GetAsync("$script:Url/spaces/o/things"))
                [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $both)
            }
            finally { $http.Dispose() }
            $log = @((Invoke-Emulator -Path '/_emulator/requests').data)
            $log | Should -HaveCount 4
            # One after the other: each answer left before the next request arrived.
            $log[0].endSeq | Should -Be 1
            $log[1].endSeq | Should -Be 2
            # Sent together: each was answered after both had arrived.
            $log[2].endSeq | Should -Be 4
            $log[3].endSeq | Should -Be 4
        }
    }

    Context 'POST /_emulator/faults: rateLimit' {
        It 'lets N requests a second through per client and answers the rest 429 with Retry-After: 1, changing nothing' {
            $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{ space = 'rl'; count = 0 }
            (Invoke-Emulator -Method POST -Path '/_emulator/faults' -Body @{ rateLimit = 3 }).rateLimit | Should -Be 3
            $answers = foreach ($i in 1..5) {
                Invoke-WebRequest -Method POST -Uri "$script:Url/spaces/rl/categories" -Headers $script:Auth -ContentType 'application/json' `
                    -Body (@{ name = "C$i" } | ConvertTo-Json -Compress) -SkipHttpErrorCheck
            }
            @($answers.StatusCode) | Should -Be 201, 201, 201, 429, 429
            "$($answers[3].Headers['Retry-After'])" | Should -Be '1'
            ($answers[3].Content | ConvertFrom-Json).error.status | Should -Be 429
            # Another client has its own window.
            $token = (Invoke-RestMethod -Method POST -Uri "$script:Url/oauth2/token" -Body @{ grant_type = 'client_credentials'; client_id = 'test-client'; client_secret = 'test-secret-S3cr3t!' }).access_token
            (Invoke-WebRequest -Uri "$script:Url/spaces/rl/categories" -Headers @{ Authorization = "Bearer $token" } -SkipHttpErrorCheck).StatusCode | Should -Be 200
            # Refused requests changed nothing; a second later the client's window opens again.
            Start-Sleep -Milliseconds 1050
            $names = (Invoke-RestMethod -Uri "$script:Url/spaces/rl/categories" -Headers $script:Auth).data.name
            $names | Should -Be 'C1', 'C2', 'C3'
            (Invoke-Emulator -Method DELETE -Path '/_emulator/faults').rateLimit | Should -BeNullOrEmpty
        }
    }

    Context 'POST /_emulator/expire-tokens and GET /_emulator/tokens' {
        It 'expires issued tokens (not static ones) and counts them' {
            $token = (Invoke-RestMethod -Method POST -Uri "$script:Url/oauth2/token" -Body @{ grant_type = 'client_credentials'; client_id = 'test-client'; client_secret = 'test-secret-S3cr3t!' }).access_token
            $before = Invoke-Emulator -Path '/_emulator/tokens'
            $before.issued | Should -BeGreaterThan 0
            (Invoke-Emulator -Method POST -Path '/_emulator/expire-tokens').expired | Should -BeGreaterThan 0
            (Invoke-WebRequest -Uri "$script:Url/spaces/t/categories" -Headers @{ Authorization = "Bearer $token" } -SkipHttpErrorCheck).StatusCode | Should -Be 401
            (Get-Api '/spaces/t/categories').StatusCode | Should -Be 200
            (Invoke-Emulator -Path '/_emulator/tokens').active | Should -Be 0
        }
    }

    Context 'POST /_emulator/reset' {
        It 'clears every space and the request log' {
            $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{ space = 'r'; count = 2 }
            $null = Get-Api '/spaces/r/things'
            (Invoke-Emulator -Method POST -Path '/_emulator/reset').reset | Should -BeTrue
            (Invoke-Emulator -Path '/_emulator/stats').things | Should -Be 0
            (Invoke-Emulator -Path '/_emulator/requests').data | Should -BeNullOrEmpty
        }
    }

    Context 'GET and PUT /_emulator/state' {
        It 'exports the whole state and imports it back into an emptied emulator, unchanged' {
            $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{
                space = 'state'; count = 3; categories = @(@{ name = 'Boilers' })
                models = @(@{ name = 'thermo'; versions = @(@{ title = 'v1' }) })
                thing = @{ title = 'b-{i}'; categories = @('Boilers'); model = @{ name = 'thermo'; version = 1 }; status = @{ t = '{i}' } }
                history = @{ perThing = 2; properties = @{ t = '{j}' } }
                actions = @{ name = 'reboot'; perThing = 1; status = 'completed' }
            }
            $things = (Invoke-RestMethod -Uri "$script:Url/spaces/state/things" -Headers $script:Auth).data
            $uid = $things[0].uid
            $mqtt = @{ enabled = $true; username = 'dev-1'; password = 'p4ss'; description = 'd' } | ConvertTo-Json
            $null = Invoke-RestMethod -Method POST -Uri "$script:Url/spaces/state/things/$uid/mqtt-credentials" -Headers $script:Auth -ContentType 'application/json' -Body $mqtt
            $null = Invoke-RestMethod -Method POST -Uri "$script:Url/spaces/state/communications/email" -Headers $script:Auth -ContentType 'application/json' -Body '{"to":["ops@example.com"],"subject":"s","body":{"text":"t"}}'
            $before = @{
                Things  = (Invoke-WebRequest -Uri "$script:Url/spaces/state/things" -Headers $script:Auth).Content
                History = (Invoke-WebRequest -Uri "$script:Url/spaces/state/things/$uid/properties-history" -Headers $script:Auth).Content
                Actions = (Invoke-WebRequest -Uri "$script:Url/spaces/state/things/$uid/actions" -Headers $script:Auth).Content
                Models  = (Invoke-WebRequest -Uri "$script:Url/spaces/state/models/thermo/versions" -Headers $script:Auth).Content
                Mqtt    = (Invoke-WebRequest -Uri "$script:Url/spaces/state/things/$uid/mqtt-credentials" -Headers $script:Auth).Content
            }
            $state = Invoke-WebRequest -Uri "$script:Url/_emulator/state"
            $state.StatusCode | Should -Be 200

            Reset-Emulator
            (Invoke-Emulator -Path '/_emulator/stats').things | Should -Be 0
            $imported = Invoke-RestMethod -Method PUT -Uri "$script:Url/_emulator/state" -ContentType 'application/json' -Body $state.Content
            $imported.things | Should -Be 3

            (Invoke-WebRequest -Uri "$script:Url/spaces/state/things" -Headers $script:Auth).Content | Should -Be $before.Things
            (Invoke-WebRequest -Uri "$script:Url/spaces/state/things/$uid/properties-history" -Headers $script:Auth).Content | Should -Be $before.History
            (Invoke-WebRequest -Uri "$script:Url/spaces/state/things/$uid/actions" -Headers $script:Auth).Content | Should -Be $before.Actions
            (Invoke-WebRequest -Uri "$script:Url/spaces/state/models/thermo/versions" -Headers $script:Auth).Content | Should -Be $before.Models
            (Invoke-WebRequest -Uri "$script:Url/spaces/state/things/$uid/mqtt-credentials" -Headers $script:Auth).Content | Should -Be $before.Mqtt
            (Invoke-Emulator -Path '/_emulator/outbox').data.subject | Should -Be 's'
        }

        It 'refuses a document that is not an exported state with 400, and keeps what it holds' {
            $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{ space = 'keep'; count = 2 }
            $r = Invoke-WebRequest -Method PUT -Uri "$script:Url/_emulator/state" -ContentType 'application/json' -Body '{"format":"iotstudio-emulator-state","version":1,"spaces":{"x":{"things":[{"uid":"nope"}]}}}' -SkipHttpErrorCheck
            $r.StatusCode | Should -Be 400
            ($r.Content | ConvertFrom-Json).error.message | Should -BeLike '*state.spaces.x*ULID*'
            (Invoke-Emulator -Path '/_emulator/stats').things | Should -Be 2
        }
    }

    Context '--state FILE' {
        It 'writes the state at a clean shutdown and loads it at the next start' -Skip:$IsWindows {
            $file = Join-Path $TestDrive 'state.json'
            $first = Start-TestEmulator -ExtraArguments @('--state', $file) -NoDefault
            try {
                $null = Invoke-RestMethod -Method POST -Uri "$($first.Url)/_emulator/seed" -ContentType 'application/json' -Body '{"space":"kept","count":4,"category":"C"}'
            }
            finally {
                # SIGTERM: a clean shutdown, as Ctrl+C or a service stop gives.
                & kill -TERM $first.Process.Id
                $first.Process.WaitForExit(15000) | Should -BeTrue
                Stop-TestEmulator $first -KeepDefault
            }
            $file | Should -Exist
            $second = Start-TestEmulator -ExtraArguments @('--state', $file) -NoDefault
            try {
                $things = (Invoke-RestMethod -Uri "$($second.Url)/spaces/kept/categories/C/things" -Headers $script:Auth).data
                $things | Should -HaveCount 4
                $things[0].id | Should -BeLike "$($second.Url)/spaces/kept/things/*"
            }
            finally { Stop-TestEmulator $second -KeepDefault }
        }
    }

    Context 'an unknown control endpoint' {
        It 'answers 404 in the API error shape' {
            $r = Invoke-WebRequest -Uri "$script:Url/_emulator/nope" -SkipHttpErrorCheck
            $r.StatusCode | Should -Be 404
            ($r.Content | ConvertFrom-Json).error.message | Should -BeLike '*no such control endpoint*'
        }
    }

    Context 'POST /_emulator/faults: offSpecNext' {
        It 'bends the next answer out of the API description, which the strict mode turns into a 500 naming the schema' {
            $null = Invoke-Emulator -Method POST -Path '/_emulator/seed' -Body @{ space = 'strict'; count = 0; category = 'Boilers' }
            (Invoke-Emulator -Method POST -Path '/_emulator/faults' -Body @{ offSpecNext = 1 }).offSpecNext | Should -Be 1
            $bad = Get-Api '/spaces/strict/categories/Boilers'
            $bad.StatusCode | Should -Be 500
            $message = ($bad.Content | ConvertFrom-Json).error.message
            $message | Should -BeLike '*strict mode*GetCategory 200 does not match anythingdb.openapi.yaml#/paths/*categories*'
            $message | Should -BeLike '*should be "string"*'
            # One answer only: the next one is right again.
            (Get-Api '/spaces/strict/categories/Boilers').StatusCode | Should -Be 200
            (Invoke-Emulator -Path '/_emulator/faults').offSpecNext | Should -Be 0
        }
    }
}
