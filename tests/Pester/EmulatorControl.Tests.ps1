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

        It 'refuses a malformed template expression with 400 naming the field, and seeds nothing' {
            $r = Invoke-WebRequest -Method POST -Uri "$script:Url/_emulator/seed" -ContentType 'application/json' -SkipHttpErrorCheck `
                -Body (@{ space = 'seed'; count = 5; thing = @{ title = 'x-{i %}' } } | ConvertTo-Json -Compress)
            $r.StatusCode | Should -Be 400
            ($r.Content | ConvertFrom-Json).error.message | Should -BeLike '*thing.title*'
            (Invoke-RestMethod -Uri "$script:Url/spaces/seed/things" -Headers $script:Auth).data | Should -BeNullOrEmpty
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
