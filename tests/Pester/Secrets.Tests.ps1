# No secret reaches any output: the client secret, the static token, a rejected token, and the access token the
# service issued must not appear in any stream, error record, formatted view or property of the connection.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Url = Get-EmulatorUrl
    # Known values, kept out of every command line below so that InvocationInfo.Line cannot echo them.
    $script:SecretText = 'test-secret-S3cr3t!'
    $script:StaticText = 'static-test-token'
    $script:WrongText = 'wrong-token-Qv7Zr2Lx9'
    $script:StaticToken = ConvertTo-SecureString $StaticText -AsPlainText -Force
    $script:WrongToken = ConvertTo-SecureString $WrongText -AsPlainText -Force
    $script:BadSecret = ConvertTo-SecureString 'bad-secret-Hq4Wm8' -AsPlainText -Force

    # The access token the emulator issued to a connection. The emulator never shows it, so read it from the
    # connection's private state; only to know what to look for.
    function Get-IssuedToken {
        param($Connection)
        $flags = [Reflection.BindingFlags]'NonPublic,Public,Instance'
        $client = $Connection.GetType().GetProperty('Client', $flags).GetValue($Connection)
        $provider = $client.GetType().GetField('_tokens', $flags).GetValue($client)
        $state = $provider.GetType().GetField('_current', $flags).GetValue($provider)
        $token = $state.GetType().GetField('Token', $flags).GetValue($state)
        if ([string]::IsNullOrEmpty($token)) { throw 'Could not read the issued token from the connection.' }
        $token
    }

    # Everything a user could see of one captured item.
    function ConvertTo-VisibleText {
        param($Item)
        $parts = [System.Collections.Generic.List[string]]::new()
        $parts.Add(($Item | Out-String -Width 4096))
        $parts.Add(($Item | Format-List * -Force | Out-String -Width 4096))
        $record = $null
        if ($Item -is [System.Management.Automation.ErrorRecord]) { $record = $Item }
        elseif ($Item -is [System.Management.Automation.IContainsErrorRecord]) { $record = $Item.ErrorRecord }
        if ($record) {
            $parts.Add($record.ToString())
            $parts.Add("$($record.FullyQualifiedErrorId)")
            $parts.Add("$($record.ErrorDetails.Message) $($record.ErrorDetails.RecommendedAction)")
            $parts.Add(($record.TargetObject | Out-String -Width 4096))
            $parts.Add(($record.TargetObject | Format-List * -Force | Out-String -Width 4096))
            $parts.Add(($record.InvocationInfo | Format-List * -Force | Out-String -Width 4096))
            $parts.Add("$($record.InvocationInfo.PositionMessage)")
            $parts.Add(($record.CategoryInfo | Out-String -Width 4096))
            $parts.Add("$($record.ScriptStackTrace)")
            for ($ex = $record.Exception; $ex; $ex = $ex.InnerException) {
                $parts.Add($ex.ToString())
                $parts.Add(($ex | Format-List * -Force | Out-String -Width 4096))
                foreach ($name in 'Response', 'ApiMessage', 'Details', 'Error', 'ErrorDescription') {
                    $p = $ex.psobject.Properties[$name]
                    if ($p -and $null -ne $p.Value) { $parts.Add(($p.Value | Format-List * -Force | Out-String -Width 4096)) }
                }
                $response = $ex.psobject.Properties['Response']
                if ($response -and $response.Value) {
                    $parts.Add("$($response.Value.Body)")
                    $parts.Add((($response.Value.Headers.GetEnumerator() | ForEach-Object { "$($_.Key): $($_.Value)" }) -join "`n"))
                }
            }
        }
        $parts -join "`n"
    }

    function Get-Leak {
        param([string] $Text, [hashtable] $Secrets)
        foreach ($name in $Secrets.Keys) {
            $value = $Secrets[$name]
            # Name the leak without printing the value.
            if ($Text.Contains($value, [StringComparison]::Ordinal)) { "$name (as is)" }
            $escaped = [uri]::EscapeDataString($value)
            if ($escaped -cne $value -and $Text.Contains($escaped, [StringComparison]::Ordinal)) { "$name (percent-encoded)" }
        }
    }
}

Describe 'Secrets stay secret' {
    BeforeEach {
        if (Get-IotStudioConnection) { Disconnect-IotStudio -ErrorAction SilentlyContinue }
        Reset-Emulator
    }
    AfterAll {
        if (Get-IotStudioConnection) { Disconnect-IotStudio -ErrorAction SilentlyContinue }
    }

    It 'shows none of the secret, the static token, a rejected token or the issued token in any stream, error or view' {
        Add-EmulatorThing -Count 2 | Out-Null
        $missingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
        $Error.Clear()
        $script:issued = $null
        $script:views = [System.Collections.Generic.List[object]]::new()

        $captured = & {
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $InformationPreference = 'Continue'
            $WarningPreference = 'Continue'
            $ErrorActionPreference = 'Continue'

            $cred = Get-TestCredential
            $c = Connect-IotStudio -ApiUrl $Url -Space test -ClientCredential $cred -PassThru -Verbose -Debug
            $script:issued = Get-IssuedToken $c
            $script:views.Add($c)
            $c
            Get-IotThing -Verbose -Debug
            Get-IotThing -Id $missingId -Verbose -Debug
            Get-IotCategory -Name 'no-such-category' -Verbose -Debug
            try { Connect-IotStudio -ApiUrl $Url -Space test -ClientId 'test-client' -ClientSecret $BadSecret -Verbose -Debug }
            catch { $_ }

            $t = New-IotStudioConnection -ApiUrl $Url -Space test -AccessToken $StaticToken -Verbose -Debug
            $script:views.Add($t)
            Get-IotThing -Connection $t -Verbose -Debug
            Get-IotThing -Connection $t -Id $missingId -Verbose -Debug

            $w = New-IotStudioConnection -ApiUrl $Url -Space test -AccessToken $WrongToken -MaximumRetryCount 0 -Verbose -Debug
            $script:views.Add($w)
            Get-IotThing -Connection $w -Verbose -Debug

            Disconnect-IotStudio -Verbose -Debug
            Disconnect-IotStudio -InputObject $t -Verbose -Debug
            Disconnect-IotStudio -InputObject $w -Verbose -Debug
            try { Get-IotThing -Connection $c -Verbose -Debug } catch { $_ }
            try { Use-IotStudioConnection -ApiUrl $Url -Space test -ClientCredential $cred { throw 'inside the block' } -Verbose -Debug }
            catch { $_ }
        } *>&1

        $script:issued | Should -Not -BeNullOrEmpty
        $text = [System.Text.StringBuilder]::new()
        foreach ($item in $captured) { $null = $text.AppendLine((ConvertTo-VisibleText $item)) }
        foreach ($item in $Error) { $null = $text.AppendLine((ConvertTo-VisibleText $item)) }
        foreach ($view in $script:views) {
            $null = $text.AppendLine(($view | Format-List * -Force | Out-String -Width 4096))
            $null = $text.AppendLine(($view | Format-Table * | Out-String -Width 4096))
            $null = $text.AppendLine(($view | ConvertTo-Json -Depth 4))
            $null = $text.AppendLine("$view")
        }
        $all = $text.ToString()
        $all | Should -BeLike '*GET /spaces/test/things*' -Because 'the capture holds the verbose trace'

        $leaks = Get-Leak -Text $all -Secrets @{ 'client secret' = $SecretText; 'static token' = $StaticText; 'rejected token' = $WrongText; 'issued token' = $script:issued }
        $leaks | Should -BeNullOrEmpty

        # The run did what it had to: the calls were made, the failures happened and were captured.
        $records = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $ids = $records.FullyQualifiedErrorId
        $ids | Should -Contain 'ThingNotFound,IotStudio.PowerShell.Commands.GetIotThingCommand'
        $ids | Should -Contain 'CategoryNotFound,IotStudio.PowerShell.Commands.GetIotCategoryCommand'
        $ids | Should -Contain 'ThingUnauthorized,IotStudio.PowerShell.Commands.GetIotThingCommand'
        $ids | Should -Contain 'ConnectionOAuthInvalidClient,IotStudio.PowerShell.Commands.ConnectIotStudioCommand'
        $ids | Should -Contain 'ConnectionClosed,IotStudio.PowerShell.Commands.GetIotThingCommand'
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 5
        $revokes = @(Get-EmulatorRequest -Kind OAuth | Where-Object path -EQ '/oauth2/revoke')
        $revokes.Count | Should -Be 2
        $unauthorized = @(Get-EmulatorRequest -Kind Api | Where-Object status -EQ 401)
        $unauthorized.Count | Should -Be 1
    }

    It 'exposes no property holding the secret or the token on the connection object' {
        $c = Connect-IotStudio -ApiUrl $Url -Space test -ClientCredential (Get-TestCredential) -PassThru
        $issued = Get-IssuedToken $c
        $t = New-IotStudioConnection -ApiUrl $Url -Space test -AccessToken $StaticToken

        $shown = foreach ($conn in $c, $t) {
            $conn | Format-List * -Force | Out-String -Width 4096
            foreach ($p in $conn.psobject.Properties) { "$($p.Name)=$(try { $p.Value | Out-String -Width 4096 } catch { '' })" }
        }
        $shown = $shown -join "`n"
        $shown | Should -BeLike '*test-client*' -Because 'the client id is shown; it is not a secret'

        Get-Leak -Text $shown -Secrets @{ 'client secret' = $SecretText; 'static token' = $StaticText; 'issued token' = $issued } |
            Should -BeNullOrEmpty
        @($c.psobject.Properties | Where-Object { $_.TypeNameOfValue -match 'SecureString|PSCredential|Credentials' }) |
            Should -BeNullOrEmpty
        Disconnect-IotStudio $t
    }
}
