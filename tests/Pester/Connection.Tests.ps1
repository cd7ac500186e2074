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
