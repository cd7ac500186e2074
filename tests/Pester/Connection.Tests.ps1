# Connect/New/Use/Get/Disconnect-IotStudio against the emulator: credentials, scopes, the runspace default,
# revoke on disconnect, and that no parameter takes a secret as plain text.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Url = Get-EmulatorUrl
    $script:StaticToken = ConvertTo-SecureString 'static-test-token' -AsPlainText -Force

    function Get-TokenCount { Invoke-RestMethod -Uri "$script:Url/_emulator/tokens" }

    function Get-OAuthCall {
        param([ValidateSet('token', 'revoke')] [string] $Endpoint)
        @(Get-EmulatorRequest -Kind OAuth | Where-Object { $_.method -eq 'POST' -and $_.path -eq "/oauth2/$Endpoint" })
    }

    # Ends this runspace's default connection, so every test starts without one.
    function Clear-DefaultConnection {
        if (Get-IotStudioConnection) { Disconnect-IotStudio -ErrorAction SilentlyContinue }
    }
}

Describe 'Connect-IotStudio' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'connects with -ClientCredential: one token request, then authenticated API calls' {
        Add-EmulatorThing -Count 2 | Out-Null

        $c = Connect-IotStudio -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) -PassThru

        $c.AuthMethod | Should -Be 'ClientCredentials'
        $c.ClientId | Should -Be 'test-client'
        $c.IsConnected | Should -BeTrue
        $c.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::Now)
        $token = Get-OAuthCall token
        $token.Count | Should -Be 1
        $token[0].status | Should -Be 200
        (Get-TokenCount).issued | Should -Be 1

        @(Get-IotThing).Count | Should -Be 2
        $api = @(Get-EmulatorRequest -Kind Api)
        $api.Count | Should -Be 1
        $api[0].auth | Should -BeTrue
        $api[0].status | Should -Be 200
        (Get-OAuthCall token).Count | Should -Be 1 -Because 'the token is reused, not fetched per call'
    }

    It 'connects with -ClientId and -ClientSecret' {
        Add-EmulatorThing -Count 3 | Out-Null

        $c = Connect-IotStudio -ApiUrl $Url -Space test -ClientId 'test-client' -ClientSecret (Get-TestSecret) -PassThru

        $c.AuthMethod | Should -Be 'ClientCredentials'
        $c.ClientId | Should -Be 'test-client'
        (Get-OAuthCall token).Count | Should -Be 1
        @(Get-IotThing).Count | Should -Be 3
    }

    It 'connects with a static -AccessToken without any OAuth2 call' {
        Add-EmulatorThing -Count 2 | Out-Null

        $c = Connect-IotStudio -ApiUrl $Url -Space test -AccessToken $StaticToken -PassThru

        $c.AuthMethod | Should -Be 'AccessToken'
        $c.ClientId | Should -BeNullOrEmpty
        $c.TokenExpiresAt | Should -BeNullOrEmpty
        @(Get-IotThing).Count | Should -Be 2
        @(Get-EmulatorRequest -Kind OAuth).Count | Should -Be 0
        $api = @(Get-EmulatorRequest -Kind Api)
        $api.Count | Should -Be 1
        $api[0].auth | Should -BeTrue
        $api[0].status | Should -Be 200
    }

    It 'asks for -Scope as one space-separated scope and keeps what the service granted' {
        # The emulator refuses a repeated 'scope' field and any scope it does not know ('thing,category' included),
        # so a granted pair proves the module sent 'thing category'.
        $c = Connect-IotStudio -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) -Scope 'thing', 'category' -PassThru

        @($c.Scope | Sort-Object) | Should -Be @('category', 'thing')
        (Get-OAuthCall token).Count | Should -Be 1
    }

    It 'uses the granted scope: a category-only token is refused on Things' {
        $c = New-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) -Scope category
        @($c.Scope) | Should -Be @('category')

        @(Get-IotCategory -Connection $c -ErrorAction Stop).Count | Should -Be 0
        Get-IotThing -Connection $c -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ThingForbidden,*'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'fails with ConnectionOAuthInvalidScope for a scope the client may not have' {
        $scoped = [pscredential]::new('scoped-client', (ConvertTo-SecureString 'scoped-secret' -AsPlainText -Force))
        $e = { Connect-IotStudio -ApiUrl $Url -Space test -ClientCredential $scoped -Scope thing } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionOAuthInvalidScope,*'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'ends with ConnectionOAuthInvalidClient (AuthenticationError) for a bad secret, after one token request' {
        $bad = ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force

        $e = { Connect-IotStudio -ApiUrl $Url -Space test -ClientId 'test-client' -ClientSecret $bad } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionOAuthInvalidClient,*'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioOAuthException'
        "$($e.ErrorDetails.Message)" | Should -BeLike '*invalid_client*'
        $token = Get-OAuthCall token
        $token.Count | Should -Be 1 -Because 'a refused client is not retried'
        $token[0].status | Should -Be 401
        Get-IotStudioConnection | Should -BeNullOrEmpty
    }

    It 'writes the connection only with -PassThru, and makes it the default either way' {
        $quiet = Connect-IotStudio -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential)
        $quiet | Should -BeNullOrEmpty
        $first = Get-IotStudioConnection
        $first | Should -Not -BeNullOrEmpty

        $loud = Connect-IotStudio -ApiUrl $Url -Space test -AccessToken $StaticToken -PassThru

        $loud | Should -BeOfType ([IotStudio.PowerShell.IotStudioConnection])
        (Get-IotStudioConnection).Id | Should -Be $loud.Id
        $loud.Id | Should -Not -Be $first.Id
        $first.IsConnected | Should -BeTrue -Because 'a replaced default stays open'
        Disconnect-IotStudio $first
    }
}

Describe 'Get-IotStudioConnection' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'returns nothing before a connect and the default connection after it' {
        @(Get-IotStudioConnection).Count | Should -Be 0

        $c = Connect-TestEmulator

        $got = @(Get-IotStudioConnection)
        $got.Count | Should -Be 1
        $got[0].Id | Should -Be $c.Id
        $got[0].ApiUrl | Should -Be $Url
        $got[0].Space | Should -Be 'test'
    }
}

Describe 'New-IotStudioConnection and -Connection' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'creates a connection without touching the default' {
        $default = Connect-TestEmulator
        $other = New-IotStudioConnection -ApiUrl $Url -Space test -AccessToken $StaticToken

        $other | Should -BeOfType ([IotStudio.PowerShell.IotStudioConnection])
        $other.Id | Should -Not -Be $default.Id
        (Get-IotStudioConnection).Id | Should -Be $default.Id
    }

    It 'does not make itself the default when there is none' {
        $c = New-IotStudioConnection -ApiUrl $Url -Space test -AccessToken $StaticToken
        $c.IsConnected | Should -BeTrue
        Get-IotStudioConnection | Should -BeNullOrEmpty
        { Get-IotThing } | Should -Throw -ErrorId 'NotConnected,*'
    }

    It 'uses -Connection instead of the default' {
        # The default may only read Categories and works in space 'test'; the other reads Things in 'other'.
        Connect-TestEmulator -Extra @{ Scope = 'category' } | Out-Null
        $other = New-IotStudioConnection -ApiUrl $Url -Space other -AccessToken $StaticToken
        Add-EmulatorThing -Space other -Count 3 | Out-Null
        Clear-EmulatorLog

        @(Get-IotThing -Connection $other).Count | Should -Be 3

        $api = @(Get-EmulatorRequest -Kind Api)
        $api.Count | Should -Be 1
        $api[0].path | Should -Be '/spaces/other/things'
        $api[0].status | Should -Be 200

        Get-IotThing -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ThingForbidden,*' -Because 'without -Connection the category-only default is used'
        (Get-EmulatorRequest -Kind Api)[-1].path | Should -Be '/spaces/test/things'
    }
}

Describe 'Disconnect-IotStudio' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'revokes the token, clears the default, and later calls with it end in ConnectionClosed' {
        $c = Connect-TestEmulator
        $activeBefore = (Get-TokenCount).active

        Disconnect-IotStudio

        $revoke = Get-OAuthCall revoke
        $revoke.Count | Should -Be 1
        $revoke[0].status | Should -Be 200
        $tokens = Get-TokenCount
        $tokens.revoked | Should -Be 1
        $tokens.active | Should -Be ($activeBefore - 1)
        $c.IsConnected | Should -BeFalse
        Get-IotStudioConnection | Should -BeNullOrEmpty

        Clear-EmulatorLog
        $e = { Get-IotThing -Connection $c } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionClosed,*'
        $e.CategoryInfo.Category | Should -Be 'ConnectionError'
        @(Get-EmulatorRequest).Count | Should -Be 0 -Because 'a closed connection sends nothing'
    }

    It 'closes a connection given as input and leaves the default alone' {
        $default = Connect-TestEmulator
        $other = Connect-TestEmulator -NotDefault

        $other | Disconnect-IotStudio

        $other.IsConnected | Should -BeFalse
        $default.IsConnected | Should -BeTrue
        (Get-IotStudioConnection).Id | Should -Be $default.Id
        (Get-OAuthCall revoke).Count | Should -Be 1
    }

    It 'sends nothing with -WhatIf' {
        $c = Connect-TestEmulator
        Clear-EmulatorLog

        Disconnect-IotStudio -WhatIf

        @(Get-EmulatorRequest).Count | Should -Be 0
        (Get-TokenCount).revoked | Should -Be 0
        $c.IsConnected | Should -BeTrue
        (Get-IotStudioConnection).Id | Should -Be $c.Id
    }

    It 'sends no revoke for a static-token connection' {
        $c = Connect-IotStudio -ApiUrl $Url -Space test -AccessToken $StaticToken -PassThru

        Disconnect-IotStudio

        @(Get-EmulatorRequest -Kind OAuth).Count | Should -Be 0
        $c.IsConnected | Should -BeFalse
        Get-IotStudioConnection | Should -BeNullOrEmpty
    }

    It 'ends with NotConnected when there is nothing to close' {
        { Disconnect-IotStudio } | Should -Throw -ErrorId 'NotConnected,*'
    }
}

Describe 'Use-IotStudioConnection' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'returns the output of the block, which runs with the connection as default, and revokes at the end' {
        $outer = Connect-TestEmulator
        Add-EmulatorThing -Count 2 | Out-Null
        Clear-EmulatorLog

        $out = Use-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) {
            param($connection)
            [pscustomobject]@{ Given = $connection; DefaultId = (Get-IotStudioConnection).Id; Things = @(Get-IotThing).Count }
            'second item'
        }

        $out.Count | Should -Be 2
        $out[1] | Should -Be 'second item'
        $inner = $out[0].Given
        $out[0].DefaultId | Should -Be $inner.Id
        $inner.Id | Should -Not -Be $outer.Id
        $out[0].Things | Should -Be 2
        $inner.IsConnected | Should -BeFalse
        (Get-IotStudioConnection).Id | Should -Be $outer.Id
        $outer.IsConnected | Should -BeTrue
        (Get-OAuthCall token).Count | Should -Be 1
        (Get-OAuthCall revoke).Count | Should -Be 1
        (Get-TokenCount).revoked | Should -Be 1
    }

    It 'leaves no default behind when there was none' {
        $out = Use-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) { (Get-IotStudioConnection).Space }
        $out | Should -Be 'test'
        Get-IotStudioConnection | Should -BeNullOrEmpty
    }

    It 'lets an exception in the block surface, and still restores the default and revokes' {
        $outer = Connect-TestEmulator
        $script:seen = $null

        {
            Use-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) {
                param($connection)
                $script:seen = $connection
                throw 'boom from the block'
            }
        } | Should -Throw '*boom from the block*'

        $script:seen | Should -Not -BeNullOrEmpty
        $script:seen.IsConnected | Should -BeFalse
        (Get-OAuthCall revoke).Count | Should -Be 1
        (Get-TokenCount).revoked | Should -Be 1
        (Get-IotStudioConnection).Id | Should -Be $outer.Id
    }

    It 'uses and closes an existing connection given with -InputObject' {
        $c = Connect-TestEmulator -NotDefault

        $out = Use-IotStudioConnection -InputObject $c { (Get-IotStudioConnection).Id }

        $out | Should -Be $c.Id
        $c.IsConnected | Should -BeFalse
        (Get-OAuthCall revoke).Count | Should -Be 1
    }

    It 'streams the block output, so a downstream Select-Object -First 1 stops it, and still revokes' {
        Add-EmulatorThing -Count 6 | Out-Null
        Clear-EmulatorLog
        $local = 'from the caller'
        $out = Use-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) { $local; Get-IotThing -PageSize 1 } | Select-Object -First 2
        $out[0] | Should -Be 'from the caller'
        $out[1].GetType().FullName | Should -Be 'IotStudio.Models.Thing'
        @(Get-EmulatorRequest -Kind Api) | Should -HaveCount 1
        (Get-OAuthCall revoke).Count | Should -Be 1
    }

    It 'passes the block''s non-terminating errors to the caller''s error stream' {
        # As in an interactive session (Pester's own preference would make the inner error terminating).
        $ErrorActionPreference = 'Continue'
        $out = Use-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) {
            Get-IotThing -Id 01ARZ3NDEKTSV4RRFFQ69G5FAV
            'after'
        } -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -Be 'after'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ThingNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'still revokes the token when the script block is stopped (Ctrl+C)' {
        Add-EmulatorThing -Count 10 | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $Url, $Credential)
                    Import-Module $Module
                    Use-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential $Credential -MaximumRetryCount 0 { Get-IotThing -Verbose }
                }).AddParameter('Module', $env:IOTSTUDIO_TEST_MODULE).AddParameter('Url', $Url).AddParameter('Credential', (Get-TestCredential))
            # Every call hangs long enough for the list request to be stopped mid-flight.
            Set-EmulatorFault @{ latencyMs = 1500 }
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not @(Get-EmulatorRequest -Kind Api)) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'The list request never reached the emulator.' }
                Start-Sleep -Milliseconds 20
            }
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $handle.IsCompleted | Should -BeTrue
            # Stop() returns once the pipeline has ended, and the close runs inside it: the revoke has been sent.
            (Get-OAuthCall revoke).Count | Should -Be 1
        }
        finally {
            Clear-EmulatorFault
            $ps.Dispose()
        }
    }
}

Describe 'URL and argument checks' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }

    It 'refuses <Url> with InvalidApiUrl before any request' -ForEach @(
        @{ Url = 'http://iot.example.com' }
        @{ Url = 'ftp://iot.example.com' }
    ) {
        { Connect-IotStudio -ApiUrl $Url -ClientCredential (Get-TestCredential) } |
            Should -Throw -ErrorId 'InvalidApiUrl,IotStudio.PowerShell.Commands.ConnectIotStudioCommand'
        Get-EmulatorRequest | Should -BeNullOrEmpty
    }

    It 'refuses a plain-http -TokenUrl off this machine too' {
        { Connect-IotStudio -ApiUrl (Get-EmulatorUrl) -ClientCredential (Get-TestCredential) -TokenUrl 'http://login.example.com/token' } |
            Should -Throw -ErrorId 'InvalidApiUrl,IotStudio.PowerShell.Commands.ConnectIotStudioCommand'
    }

    It 'maps a token endpoint that is down (503) to ConnectionServiceUnavailable, not to a credentials error' {
        Set-EmulatorFault @{ fail = @{ status = 503; count = 1 } }
        try {
            $e = { Connect-IotStudio -ApiUrl (Get-EmulatorUrl) -ClientCredential (Get-TestCredential) -MaximumRetryCount 0 } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'ConnectionServiceUnavailable,IotStudio.PowerShell.Commands.ConnectIotStudioCommand'
            $e.CategoryInfo.Category | Should -Be 'ConnectionError'
            $e.Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioApiException'
        }
        finally { Clear-EmulatorFault }
    }

    It 'maps an empty secret to ConnectionInvalidArgument' {
        $empty = [securestring]::new()
        $e = { Connect-IotStudio -ApiUrl (Get-EmulatorUrl) -ClientId test-client -ClientSecret $empty } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'ConnectionInvalidArgument,IotStudio.PowerShell.Commands.ConnectIotStudioCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-EmulatorRequest | Should -BeNullOrEmpty
    }
}

Describe '-SkipCertificateCheck' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'writes a warning, and none without it' {
        $c = New-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) -SkipCertificateCheck -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -BeLike '*SkipCertificateCheck*'
        $c.IsConnected | Should -BeTrue

        $null = New-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) -WarningVariable quiet -WarningAction SilentlyContinue
        $quiet.Count | Should -Be 0
    }
}

Describe 'No parameter takes a secret as plain text' {
    It 'types every Secret/Token/Password/Credential parameter of every cmdlet as SecureString or PSCredential' {
        # Parameters that name a token or secret but hold no secret value, with the type they must keep.
        $notSecret = @{ TokenUrl = [uri]; TokenRefreshSeconds = [int] }
        $secretTypes = [System.Security.SecureString], [pscredential]
        $cmdlets = @(Get-Command -Module IotStudio -CommandType Cmdlet)
        $cmdlets.Count | Should -BeGreaterOrEqual 10

        $checked = [System.Collections.Generic.List[string]]::new()
        $offenders = foreach ($cmd in $cmdlets) {
            foreach ($p in $cmd.Parameters.Values) {
                $names = @($p.Name) + @($p.Aliases)
                if (-not ($names -match 'Secret|Token|Password|Credential')) { continue }
                if ($notSecret.ContainsKey($p.Name) -and $p.ParameterType -eq $notSecret[$p.Name]) { continue }
                $checked.Add("$($cmd.Name) -$($p.Name)")
                if ($p.ParameterType -notin $secretTypes) { "$($cmd.Name) -$($p.Name) [$($p.ParameterType.FullName)]" }
            }
        }

        $offenders | Should -BeNullOrEmpty
        $checked | Should -Contain 'Connect-IotStudio -AccessToken'
        $checked | Should -Contain 'Connect-IotStudio -ClientSecret'
        $checked | Should -Contain 'Connect-IotStudio -ClientCredential'
        $checked | Should -Contain 'New-IotStudioConnection -ClientSecret'
        $checked | Should -Contain 'Use-IotStudioConnection -ClientSecret'
    }
}

Describe 'The default connection belongs to one runspace' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'is not seen in another runspace, and a connect there does not change this one' {
        $mine = Connect-TestEmulator
        Add-EmulatorThing -Count 1 | Out-Null
        Clear-EmulatorLog

        $rs = [runspacefactory]::CreateRunspace()
        $rs.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $rs
        try {
            $null = $ps.AddScript({
                    param($Module, $Url, $Token)
                    Import-Module $Module
                    [pscustomobject]@{ Step = 'before'; Value = @(Get-IotStudioConnection).Count }
                    try { Get-IotThing -ErrorAction Stop | Out-Null; [pscustomobject]@{ Step = 'get'; Value = 'no error' } }
                    catch { [pscustomobject]@{ Step = 'get'; Value = $_.FullyQualifiedErrorId } }
                    $c = Connect-IotStudio -ApiUrl $Url -Space test -AccessToken $Token -PassThru
                    [pscustomobject]@{ Step = 'connected'; Value = (Get-IotStudioConnection).Id }
                    [pscustomobject]@{ Step = 'own'; Value = $c.Id }
                }).AddParameter('Module', $env:IOTSTUDIO_TEST_MODULE).AddParameter('Url', $Url).AddParameter('Token', $StaticToken)
            $result = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
        }
        finally {
            $ps.Dispose()
            $rs.Dispose()
        }

        $steps = @{}
        foreach ($r in $result) { $steps[$r.Step] = $r.Value }
        $steps['before'] | Should -Be 0
        $steps['get'] | Should -BeLike 'NotConnected,*'
        $steps['connected'] | Should -Be $steps['own']
        $steps['own'] | Should -Not -Be $mine.Id
        @(Get-EmulatorRequest -Kind Api).Count | Should -Be 0 -Because 'the unconnected Get-IotThing sent nothing'
        (Get-IotStudioConnection).Id | Should -Be $mine.Id
    }
}

Describe 'One connection shared by parallel runspaces' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'serves ForEach-Object -Parallel through -Connection with one token for all' {
        Add-EmulatorThing -Count 20 | Out-Null
        $shared = Connect-TestEmulator -NotDefault
        Clear-EmulatorLog
        $module = $env:IOTSTUDIO_TEST_MODULE

        $counts = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            @(Get-IotThing -Connection $using:shared -PageSize 5).Count
        }

        $counts | Should -Be 20, 20, 20, 20
        @(Get-EmulatorRequest -Kind Api).Count | Should -Be 16 -Because 'four lists of four pages each'
        @(Get-EmulatorRequest -Kind OAuth) | Should -HaveCount 0 -Because 'the token fetched at connect time serves every runspace'
        Disconnect-IotStudio $shared
    }
}

Describe 'Connect-IotStudio -EnvironmentVariable' {
    BeforeAll {
        $script:EnvNames = 'IOTSTUDIO_API_URL', 'IOTSTUDIO_SPACE', 'IOTSTUDIO_CLIENT_ID', 'IOTSTUDIO_CLIENT_SECRET', 'IOTSTUDIO_ACCESS_TOKEN',
        'IOTSTUDIO_SCOPE', 'IOTSTUDIO_TOKEN_URL', 'IOTSTUDIO_REVOKE_URL'
        function Clear-IotEnvironment { foreach ($n in $EnvNames) { Remove-Item "Env:$n" -ErrorAction SilentlyContinue } }
        function Set-IotEnvironment([hashtable] $Values) { foreach ($k in $Values.Keys) { Set-Item "Env:IOTSTUDIO_$k" $Values[$k] } }
        $script:ClientEnv = @{ API_URL = $Url; SPACE = 'envtest'; CLIENT_ID = 'test-client'; CLIENT_SECRET = 'test-secret-S3cr3t!' }
    }
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
        Clear-IotEnvironment
    }
    AfterAll {
        Clear-IotEnvironment
        Clear-DefaultConnection
    }

    It 'connects with IOTSTUDIO_CLIENT_ID and IOTSTUDIO_CLIENT_SECRET, taking the API URL, space and scopes from the environment' {
        Set-IotEnvironment ($ClientEnv + @{ SCOPE = 'thing category' })
        Add-EmulatorThing -Space envtest -Count 2 | Out-Null

        $c = Connect-IotStudio -EnvironmentVariable -PassThru

        $c.ApiUrl | Should -Be $Url
        $c.Space | Should -Be 'envtest'
        $c.AuthMethod | Should -Be 'ClientCredentials'
        $c.ClientId | Should -Be 'test-client'
        @($c.Scope | Sort-Object) | Should -Be @('category', 'thing') -Because 'the emulator grants exactly the scopes asked for'
        $c.IsDefault | Should -BeTrue
        (Get-OAuthCall token).Count | Should -Be 1
        @(Get-IotThing).Count | Should -Be 2
        (Get-EmulatorRequest -Kind Api).path | Should -Be '/spaces/envtest/things'
    }

    It 'connects with IOTSTUDIO_ACCESS_TOKEN without any OAuth2 call' {
        Set-IotEnvironment @{ API_URL = $Url; SPACE = 'envtest'; ACCESS_TOKEN = 'static-test-token' }
        Add-EmulatorThing -Space envtest -Count 1 | Out-Null

        $c = Connect-IotStudio -EnvironmentVariable -PassThru

        $c.AuthMethod | Should -Be 'AccessToken'
        @(Get-IotThing).Count | Should -Be 1
        @(Get-EmulatorRequest -Kind OAuth).Count | Should -Be 0
    }

    It 'lets a parameter given win over its variable' {
        Set-IotEnvironment ($ClientEnv + @{ SCOPE = 'thing category' })

        $c = New-IotStudioConnection -EnvironmentVariable -Space other -Scope category

        $c.Space | Should -Be 'other'
        @($c.Scope) | Should -Be @('category')
        $c.IsDefault | Should -BeFalse -Because 'New-IotStudioConnection leaves the default alone'
        Get-IotStudioConnection | Should -BeNullOrEmpty
        Disconnect-IotStudio $c
    }

    It 'runs a Use-IotStudioConnection block with the environment connection and revokes it at the end' {
        Set-IotEnvironment $ClientEnv

        $seen = Use-IotStudioConnection -EnvironmentVariable { (Get-IotStudioConnection).Space }

        $seen | Should -Be 'envtest'
        (Get-OAuthCall revoke).Count | Should -Be 1
        Get-IotStudioConnection | Should -BeNullOrEmpty
    }

    It 'fails with <Id> naming <Target> before any request when <Case>' -ForEach @(
        @{ Case = 'no credential variable is set'; Values = @{ API_URL = 'http://127.0.0.1:1' }; Id = 'EnvironmentVariableMissing'; Target = 'IOTSTUDIO_CLIENT_ID' }
        @{ Case = 'the client id has no secret'; Values = @{ CLIENT_ID = 'test-client' }; Id = 'EnvironmentVariableMissing'; Target = 'IOTSTUDIO_CLIENT_SECRET' }
        @{ Case = 'the API URL is not a URL'; Values = @{ API_URL = 'not a url'; ACCESS_TOKEN = 'x' }; Id = 'EnvironmentVariableInvalid'; Target = 'IOTSTUDIO_API_URL' }
    ) {
        Set-IotEnvironment $Values

        $e = { Connect-IotStudio -EnvironmentVariable } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be "$Id,IotStudio.PowerShell.Commands.ConnectIotStudioCommand"
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.TargetObject | Should -Be $Target
        $e.Exception.Message | Should -Match ([regex]::Escape($Target))
        $e.ErrorDetails.RecommendedAction | Should -Match 'IOTSTUDIO_CLIENT_SECRET'
        @(Get-EmulatorRequest).Count | Should -Be 0
        Get-IotStudioConnection | Should -BeNullOrEmpty
    }

    It 'never writes the secret, in verbose output or in the error of a refused secret' {
        Set-IotEnvironment $ClientEnv
        $text = (Connect-IotStudio -EnvironmentVariable -Verbose 4>&1 | Out-String)
        $text | Should -Match 'IOTSTUDIO_CLIENT_SECRET' -Because 'the verbose line names the variables read'
        $text | Should -Not -Match 'S3cr3t'

        $env:IOTSTUDIO_CLIENT_SECRET = 'wrong-S3cr3t!'
        $e = { New-IotStudioConnection -EnvironmentVariable -Verbose 4>&1 } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionOAuthInvalidClient,*'
        ($e | Format-List * -Force | Out-String) + $e.Exception.ToString() | Should -Not -Match 'S3cr3t'
    }
}

Describe 'Jobs: the environment connection, and connections that crossed a process boundary' {
    BeforeAll {
        $script:Saved = @{}
        foreach ($n in 'IOTSTUDIO_API_URL', 'IOTSTUDIO_SPACE', 'IOTSTUDIO_CLIENT_ID', 'IOTSTUDIO_CLIENT_SECRET') { $Saved[$n] = [Environment]::GetEnvironmentVariable($n) }
    }
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll {
        foreach ($n in $Saved.Keys) { [Environment]::SetEnvironmentVariable($n, $Saved[$n]) }
        Clear-DefaultConnection
    }

    It 'connects in a Start-Job from the inherited variables; the connection the job returns gets a clear error here' {
        Add-EmulatorThing -Space jobs -Count 3 -TitlePrefix job | Out-Null
        $env:IOTSTUDIO_API_URL = $Url
        $env:IOTSTUDIO_SPACE = 'jobs'
        $env:IOTSTUDIO_CLIENT_ID = 'test-client'
        $env:IOTSTUDIO_CLIENT_SECRET = 'test-secret-S3cr3t!'

        $out = Start-Job {
            Import-Module $env:IOTSTUDIO_TEST_MODULE
            Connect-IotStudio -EnvironmentVariable -PassThru
            Get-IotThing | ForEach-Object Title
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop

        @($out | Where-Object { $_ -is [string] } | Sort-Object) | Should -Be @('job-1', 'job-2', 'job-3')
        $copy = $out | Where-Object { $_ -isnot [string] }
        $copy.pstypenames[0] | Should -Be 'Deserialized.IotStudio.PowerShell.IotStudioConnection'
        $copy.Space | Should -Be 'jobs'

        # Through -Connection, through the pipeline into Disconnect-IotStudio, and after Export-/Import-Clixml: the same
        # clear error, and nothing sent.
        $file = Join-Path $TestDrive 'connection.xml'
        Connect-TestEmulator -NotDefault | Export-Clixml $file
        Clear-EmulatorLog
        foreach ($call in { Get-IotThing -Connection $copy }, { $copy | Disconnect-IotStudio }, { Get-IotCategory -Connection (Import-Clixml $file) }) {
            $e = $call | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
            $e.Exception.Message | Should -Match 'made in another process'
            $e.Exception.Message | Should -Match 'Connect-IotStudio -EnvironmentVariable'
        }
        $e.Exception.Message | Should -Match ([regex]::Escape("-ApiUrl $Url -Space test"))
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

Describe 'Get-IotStudioConnection -ListAvailable' {
    BeforeEach {
        Clear-DefaultConnection
        Reset-Emulator
    }
    AfterAll { Clear-DefaultConnection }

    It 'lists every open connection of this runspace with the default marked, and forgets closed ones' {
        foreach ($c in Get-IotStudioConnection -ListAvailable) { Disconnect-IotStudio $c }
        Get-IotStudioConnection -ListAvailable | Should -BeNullOrEmpty

        $default = Connect-TestEmulator
        $other = Connect-TestEmulator -NotDefault -Space other
        $list = @(Get-IotStudioConnection -ListAvailable)

        $list.Id | Should -Be @($default.Id, $other.Id)
        $list[0] | Should -BeOfType ([IotStudio.PowerShell.IotStudioConnection])
        @($list | Where-Object IsDefault).Id | Should -Be $default.Id
        (Get-IotStudioConnection).Id | Should -Be $default.Id -Because 'without -ListAvailable only the default is written'

        Disconnect-IotStudio $other
        (Get-IotStudioConnection -ListAvailable).Id | Should -Be $default.Id
    }

    It 'does not list the connections of another runspace' {
        $mine = Connect-TestEmulator
        $ps = [powershell]::Create()
        try {
            $theirs = $ps.AddScript({
                    param($Module, $Url)
                    Import-Module $Module
                    $c = Connect-IotStudio -ApiUrl $Url -Space test -AccessToken (ConvertTo-SecureString 'static-test-token' -AsPlainText -Force) -PassThru
                    @(Get-IotStudioConnection -ListAvailable).Count
                    $c.Id
                }).AddParameter('Module', $env:IOTSTUDIO_TEST_MODULE).AddParameter('Url', $Url).Invoke()
        }
        finally { $ps.Dispose() }

        $theirs[0] | Should -Be 1
        (Get-IotStudioConnection -ListAvailable).Id | Should -Not -Contain $theirs[1]
        (Get-IotStudioConnection -ListAvailable).Id | Should -Contain $mine.Id
    }
}
