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
