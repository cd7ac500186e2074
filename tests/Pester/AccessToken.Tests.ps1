# Get-IotStudioAccessToken: the connection's current token as a SecureString with its expiry, usable by another tool,
# and never visible as plain text in any stream, view or error.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Url = Get-EmulatorUrl
    $script:Cmd = 'IotStudio.PowerShell.Commands.GetIotStudioAccessTokenCommand'
    # Kept out of command lines, so that InvocationInfo.Line cannot echo it.
    $script:StaticText = 'static-test-token'
    $script:StaticToken = ConvertTo-SecureString $StaticText -AsPlainText -Force

    # The token the emulator issued to a connection, read from its private state only to know what to look for.
    function Get-IssuedToken {
        param($Connection)
        $flags = [Reflection.BindingFlags]'NonPublic,Public,Instance'
        $client = $Connection.GetType().GetProperty('Client', $flags).GetValue($Connection)
        $provider = $client.GetType().GetField('_tokens', $flags).GetValue($client)
        $state = $provider.GetType().GetField('_current', $flags).GetValue($provider)
        $state.GetType().GetField('Token', $flags).GetValue($state)
    }

    function ConvertTo-VisibleText {
        param($Item)
        $parts = [System.Collections.Generic.List[string]]::new()
        $parts.Add(($Item | Out-String -Width 4096))
        $parts.Add(($Item | Format-List * -Force | Out-String -Width 4096))
        $parts.Add(($Item | Format-Table * | Out-String -Width 4096))
        $parts.Add("$Item")
        try { $parts.Add(($Item | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue)) } catch { }
        $record = if ($Item -is [System.Management.Automation.ErrorRecord]) { $Item } elseif ($Item -is [System.Management.Automation.IContainsErrorRecord]) { $Item.ErrorRecord }
        if ($record) {
            $parts.Add($record.ToString())
            $parts.Add("$($record.ErrorDetails.Message) $($record.ErrorDetails.RecommendedAction)")
            $parts.Add(($record.TargetObject | Format-List * -Force | Out-String -Width 4096))
            $parts.Add(($record.InvocationInfo | Format-List * -Force | Out-String -Width 4096))
            for ($ex = $record.Exception; $ex; $ex = $ex.InnerException) { $parts.Add($ex.ToString()) }
        }
        $parts -join "`n"
    }
}

Describe 'Get-IotStudioAccessToken' {
    BeforeEach {
        Reset-Emulator
        if (Get-IotStudioConnection) { Disconnect-IotStudio -ErrorAction SilentlyContinue }
        Clear-EmulatorLog
    }
    AfterAll {
        if (Get-IotStudioConnection) { Disconnect-IotStudio -ErrorAction SilentlyContinue }
    }

    It 'gives the client-credentials token the connection uses, as a SecureString with its expiry, scopes and API URL' {
        $before = [DateTimeOffset]::Now
        $c = Connect-TestEmulator
        Clear-EmulatorLog
        $t = Get-IotStudioAccessToken
        $t.GetType().FullName | Should -Be 'IotStudio.Models.AccessToken'
        $t.Token | Should -BeOfType [securestring]
        ConvertFrom-SecureString $t.Token -AsPlainText | Should -BeExactly (Get-IssuedToken $c)
        $t.ExpiresOn | Should -BeGreaterThan $before.AddMinutes(55)
        $t.ExpiresOn | Should -BeLessThan $before.AddMinutes(61)
        $t.Scope | Should -Be 'category', 'model', 'thing', 'query', 'offline'
        $t.ApiUrl | Should -Be $Url
        (Get-EmulatorRequest -Kind OAuth).Count | Should -Be 0 -Because 'the token from connect time is still fresh'
    }

    It 'works with another tool: Invoke-RestMethod -Authentication Bearer -Token' {
        $null = Connect-TestEmulator
        $seed = Add-EmulatorThing -Count 2
        $t = Get-IotStudioAccessToken
        $answer = Invoke-RestMethod -Uri "$($t.ApiUrl)/spaces/test/things" -Authentication Bearer -Token $t.Token -AllowUnencryptedAuthentication
        $answer.data.uid | Should -Be $seed.first, $seed.last
        (Get-ApiLog | Select-Object -Last 1).auth | Should -BeTrue
    }

    It 'gives a static token as it is, with no expiry and no scope' {
        $s = New-IotStudioConnection -ApiUrl $Url -Space test -AccessToken $StaticToken
        $t = Get-IotStudioAccessToken -Connection $s
        ConvertFrom-SecureString $t.Token -AsPlainText | Should -BeExactly $StaticText
        $t.ExpiresOn | Should -BeNullOrEmpty
        @($t.Scope).Count | Should -Be 0
        ($t | Out-String) | Should -BeLike '*unknown (static token)*'
        Get-EmulatorRequest | Should -BeNullOrEmpty
    }

    It 'gives the token of the -Connection given, not of the default one' {
        $default = Connect-TestEmulator
        $other = Connect-TestEmulator -NotDefault
        $t = Get-IotStudioAccessToken -Connection $other
        ConvertFrom-SecureString $t.Token -AsPlainText | Should -BeExactly (Get-IssuedToken $other)
        ConvertFrom-SecureString $t.Token -AsPlainText | Should -Not -Be (Get-IssuedToken $default)
        Disconnect-IotStudio -InputObject $other
    }

    It 'stops with ConnectionClosed for a disconnected connection, and NotConnected without one' {
        $c = Connect-TestEmulator
        Disconnect-IotStudio
        { Get-IotStudioAccessToken -Connection $c } | Should -Throw -ErrorId "ConnectionClosed,$Cmd"
        { Get-IotStudioAccessToken } | Should -Throw -ErrorId "NotConnected,$Cmd"
    }

    It 'never shows the plain token in any stream, view, string or error' {
        $script:captured = & {
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $InformationPreference = 'Continue'
            $c = Connect-TestEmulator
            $script:issued = Get-IssuedToken $c
            Get-IotStudioAccessToken -Verbose -Debug
            $s = New-IotStudioConnection -ApiUrl $Url -Space test -AccessToken $StaticToken
            Get-IotStudioAccessToken -Connection $s -Verbose -Debug
            Disconnect-IotStudio -InputObject $s
            try { Get-IotStudioAccessToken -Connection $s -Verbose -Debug } catch { $_ }
        } *>&1
        $tokens = @($captured | Where-Object { $_ -and $_.GetType().FullName -eq 'IotStudio.Models.AccessToken' })
        $tokens.Count | Should -Be 2
        @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        $text = ($captured | ForEach-Object { ConvertTo-VisibleText $_ }) -join "`n"
        $text | Should -BeLike '*SecureString*'
        $text.Contains($script:issued, [StringComparison]::Ordinal) | Should -BeFalse -Because 'the issued token must not be visible'
        $text.Contains($StaticText, [StringComparison]::Ordinal) | Should -BeFalse -Because 'the static token must not be visible'
        @($tokens[0].psobject.Properties | Where-Object { $_.Value -is [string] -and $_.Value -ceq $script:issued }) | Should -BeNullOrEmpty
    }
}
