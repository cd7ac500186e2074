# Errors that tell the truth, across cmdlets: the ErrorId names the object the error is about (not the cmdlet's noun),
# filters the service would answer with nothing are refused first with the valid values, every record says what to
# do next, a connection closed from another runspace says so, and the plain-http refusal names the credential given.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:Cmd = 'IotStudio.PowerShell.Commands'

    # Runs a call, dot-sourced so -ErrorVariable ev lands here, and returns its one error (terminating or not).
    function Get-OneError([scriptblock] $Call) {
        $ev = $null
        try { $null = . $Call } catch { return $_ }
        $ev | Should -HaveCount 1
        $ev[0]
    }
}

Describe 'Error ids name the missing object' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $null = New-IotCategory Boilers
        $script:Thing = New-IotThing -Title boiler-1 -Category Boilers
        $null = New-IotModel Thermo
    }
    BeforeEach { Clear-EmulatorLog }

    It '<Call> is <ErrorId> (<Category>), targeting <Target>' -ForEach @(
        @{ Call = 'Get-IotThing -Category Nope'; ErrorId = 'CategoryNotFound'; Category = 'ObjectNotFound'; Target = 'Nope'; Command = 'GetIotThingCommand' }
        @{ Call = 'Get-IotThing -ThingId <thing> -Category Nope'; ErrorId = 'CategoryNotFound'; Category = 'ObjectNotFound'; Target = '<thing>'; Command = 'GetIotThingCommand' }
        @{ Call = 'Get-IotThing -ThingId <missing> -Category Boilers'; ErrorId = 'ThingNotFound'; Category = 'ObjectNotFound'; Target = '<missing>'; Command = 'GetIotThingCommand' }
        @{ Call = 'Get-IotProperty -ThingId <thing> -Category Nope'; ErrorId = 'CategoryNotFound'; Category = 'ObjectNotFound'; Target = '<thing>'; Command = 'GetIotPropertyCommand' }
        @{ Call = 'Get-IotProperty -ThingId <missing>'; ErrorId = 'ThingNotFound'; Category = 'ObjectNotFound'; Target = '<missing>'; Command = 'GetIotPropertyCommand' }
        @{ Call = 'Get-IotProperty -ThingId <thing> -Name nothing'; ErrorId = 'PropertyNotFound'; Category = 'ObjectNotFound'; Target = '<thing>/nothing'; Command = 'GetIotPropertyCommand' }
        @{ Call = 'Get-IotAction -ThingId <missing>'; ErrorId = 'ThingNotFound'; Category = 'ObjectNotFound'; Target = '<missing>'; Command = 'GetIotActionCommand' }
        @{ Call = 'Get-IotAction -ThingId <thing> -Name reboot -Id <missing>'; ErrorId = 'ActionNotFound'; Category = 'ObjectNotFound'; Target = '<missing>'; Command = 'GetIotActionCommand' }
        @{ Call = 'Get-IotEvent -ThingId <thing> -Category Nope'; ErrorId = 'CategoryNotFound'; Category = 'ObjectNotFound'; Target = '<thing>'; Command = 'GetIotEventCommand' }
        @{ Call = 'Reset-IotThingSecret -ThingId <missing> -Confirm:$false'; ErrorId = 'ThingNotFound'; Category = 'ObjectNotFound'; Target = '<missing>'; Command = 'ResetIotThingSecretCommand' }
        @{ Call = 'Get-IotModelVersion Nope'; ErrorId = 'ModelNotFound'; Category = 'ObjectNotFound'; Target = 'Nope'; Command = 'GetIotModelVersionCommand' }
        @{ Call = 'Get-IotModelVersion Thermo -Version 7'; ErrorId = 'ModelVersionNotFound'; Category = 'ObjectNotFound'; Target = 'Thermo/7'; Command = 'GetIotModelVersionCommand' }
        @{ Call = 'Get-IotCategory Nope'; ErrorId = 'CategoryNotFound'; Category = 'ObjectNotFound'; Target = 'Nope'; Command = 'GetIotCategoryCommand' }
        @{ Call = 'Set-IotProperty -ThingId bad-id -Name a -Value 1'; ErrorId = 'ThingInvalidArgument'; Category = 'InvalidArgument'; Target = 'bad-id/a'; Command = 'SetIotPropertyCommand' }
        @{ Call = 'Get-IotModelVersion ''a b'''; ErrorId = 'ModelInvalidArgument'; Category = 'InvalidArgument'; Target = 'a b'; Command = 'GetIotModelVersionCommand' }
    ) {
        $text = $Call.Replace('<thing>', $Thing.Uid).Replace('<missing>', $MissingId)
        $err = Get-OneError ([scriptblock]::Create("$text -ErrorVariable ev -ErrorAction SilentlyContinue"))
        $err.FullyQualifiedErrorId | Should -Be "$ErrorId,$Cmd.$Command"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.TargetObject | Should -Be $Target.Replace('<thing>', $Thing.Uid).Replace('<missing>', $MissingId)
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'reads the missing object from the answer''s details, the same for a raw request' {
        $err = Get-OneError { Invoke-IotStudioRequest /spaces/test/categories/Nope/things -ErrorVariable ev -ErrorAction SilentlyContinue }
        $err.FullyQualifiedErrorId | Should -Be "CategoryNotFound,$Cmd.InvokeIotStudioRequestCommand"
        $err.Exception.Details['category'] | Should -Be 'Nope'
    }
}

Describe 'Filters the service would answer with nothing are refused first, with the valid values' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $null = New-IotCategory Boilers
        $null = New-IotCategory Pumps
        $script:Thing = New-IotThing -Title boiler-1 -Category Boilers -Status @{ temperature = 80 }
    }
    BeforeEach { Clear-EmulatorLog }

    It 'refuses an unknown -PropertyFilter operator before any request: <Call>' -ForEach @(
        @{ Call = { Get-IotThing -PropertyFilter @{ temperature = 'greater:3' } }; Command = 'GetIotThingCommand' }
        @{ Call = { Get-IotThing -PropertyFilter @{ temperature = 'gt:1', 'greater:3' } }; Command = 'GetIotThingCommand' }
        @{ Call = { Remove-IotThing -PropertyFilter @{ temperature = 'greater:3' } -Confirm:$false }; Command = 'RemoveIotThingCommand' }
    ) {
        $err = { & $Call } | Should -Throw -ErrorId "UnknownFilterOperator,$Cmd.$Command" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be 'greater:3'
        $err.Exception.Message | Should -BeLike "*'greater'*eq, neq, gt, gte, lt, lte, contains*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*'eq:greater:3'*"
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It 'still matches text with a colon as it is, and after eq:' {
        $null = Set-IotProperty -ThingId $Thing.Uid -Name start -Value '12:30'
        $null = Set-IotProperty -ThingId $Thing.Uid -Name note -Value 'greater:3'
        (Get-IotThing -PropertyFilter @{ start = '12:30' }).Uid | Should -Be $Thing.Uid
        (Get-IotThing -PropertyFilter @{ note = 'eq:greater:3' }).Uid | Should -Be $Thing.Uid
    }

    It 'refuses an unknown -Sort field before any request, listing the sort fields of the API description' {
        $err = { Get-IotThing -Sort title, '-status' } | Should -Throw -ErrorId "UnknownSortField,$Cmd.GetIotThingCommand" -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be '-status'
        $err.Exception.Message | Should -BeLike '*title, created, modified, uid, description*'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-ApiLog | Should -BeNullOrEmpty
        # The valid ones go through as before.
        @(Get-IotThing -Sort '-created', title).Count | Should -Be 1
    }

    It 'refuses an -InCategory name that does not exist after one request for the Category names, listing them' {
        $err = { Get-IotThing -InCategory Boilers, Nope } | Should -Throw -ErrorId "CategoryNotFound,$Cmd.GetIotThingCommand" -PassThru
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be 'Nope'
        $err.Exception.Message | Should -BeLike "*'Nope'*space 'test'*Boilers, Pumps*"
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $log = @(Get-ApiLog)
        $log | Should -HaveCount 1
        $log[0].method | Should -Be 'GET'
        $log[0].path | Should -Be '/spaces/test/categories'
    }

    It 'refuses a bulk delete -InCategory name that does not exist before the delete, and -WhatIf sends nothing' {
        Remove-IotThing -InCategory Nope -WhatIf
        Get-ApiLog | Should -BeNullOrEmpty
        { Remove-IotThing -InCategory Nope -Confirm:$false } | Should -Throw -ErrorId "CategoryNotFound,$Cmd.RemoveIotThingCommand"
        @(Get-ApiLog).method | Should -Be 'GET'
        (Get-IotThing -ThingId $Thing.Uid).Uid | Should -Be $Thing.Uid
    }

    It 'cannot check -InCategory with a token that lacks the category scope, and says so instead of failing' {
        $c = Connect-TestEmulator -NotDefault -Extra @{ Scope = 'thing' }
        Clear-EmulatorLog
        $out = @(Get-IotThing -Connection $c -InCategory Boilers -Verbose 4>&1)
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "The token lacks the category scope, so the Category names of space 'test' cannot be listed and -InCategory is not checked."
        ($out | Where-Object { $_.GetType().FullName -eq 'IotStudio.Models.Thing' }).Uid | Should -Be $Thing.Uid
        @(Get-ApiLog).path | Should -Be '/spaces/test/categories', '/spaces/test/things'
        Disconnect-IotStudio $c -Confirm:$false
    }
}

Describe 'Every error says what to do next' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Thing = New-IotThing -Title boiler-7
    }

    It 'points an id that looks like a title to -Title, and a mistyped id to its form' {
        $err = Get-OneError { Get-IotThing boiler-7 -ErrorVariable ev -ErrorAction SilentlyContinue }
        $err.FullyQualifiedErrorId | Should -Be "ThingInvalidArgument,$Cmd.GetIotThingCommand"
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*Get-IotThing -Title 'boiler-7'*"
        # -Name is the same parameter as -Title, so the advice works as written.
        (Get-IotThing -Name boiler-7).Uid | Should -Be $Thing.Uid

        $typo = $Thing.Uid.Substring(0, 25)
        $err = Get-OneError { Get-IotProperty -ThingId $typo -ErrorVariable ev -ErrorAction SilentlyContinue }
        $err.FullyQualifiedErrorId | Should -Be "ThingInvalidArgument,$Cmd.GetIotPropertyCommand"
        $err.ErrorDetails.RecommendedAction | Should -Not -BeLike '*-Title*'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty

        $err = Get-OneError { 'boiler-7' | Update-IotThing -Replace @{ description = 'x' } -ErrorVariable ev -ErrorAction SilentlyContinue }
        $err.FullyQualifiedErrorId | Should -Be "ThingInvalidArgument,$Cmd.UpdateIotThingCommand"
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*-Title 'boiler-7'*"
    }

    It 'gives a RecommendedAction to every error, whoever raised it: <What>' -ForEach @(
        @{ What = 'NotInCategoryNeedsCategory'; Call = { Get-IotThing -NotInCategory } }
        @{ What = 'FilterRequired'; Call = { Remove-IotThing -PropertyFilter @{} -Confirm:$false } }
        @{ What = 'UnsupportedDeleteFilter'; Call = { Remove-IotThing -Query @{ title = 'x' } -Confirm:$false } }
        @{ What = 'ThingInvalidPatch'; Call = { Update-IotThing -ThingId $MissingId -Patch @{ op = 'nope' } } }
        @{ What = 'QueryThenPaging'; Call = { Invoke-IotQuery 'FOR t IN things RETURN t' -Then Delete -First 1 -Confirm:$false } }
        @{ What = 'RequestForeignHost'; Call = { Invoke-IotStudioRequest https://elsewhere.example.com/x } }
        @{ What = 'NoSpace'; Call = { $c = New-IotStudioConnection -ApiUrl (Get-EmulatorUrl) -ClientCredential (Get-TestCredential); Get-IotThing -Connection $c } }
        @{ What = 'ThingBadRequest'; Call = { Get-IotThing -Query @{ in_category = 'maybe' } } }
        @{ What = 'CategoryConflict'; Call = { $null = New-IotCategory Twice; New-IotCategory Twice } }
        @{ What = 'ConnectionOAuthInvalidClient'; Call = { Connect-IotStudio -ApiUrl (Get-EmulatorUrl) -ClientId nobody -ClientSecret (ConvertTo-SecureString x -AsPlainText -Force) } }
        @{ What = 'NotConnected'; Call = { $null = Disconnect-IotStudio -Confirm:$false; Get-IotThing } }
    ) {
        $err = { & $Call -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "*$What*"
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because "$What must say what to do next"
        $null = Connect-TestEmulator
    }
}

Describe 'A connection disconnected by another runspace' {
    BeforeAll {
        Reset-Emulator
        $null = Add-EmulatorThing -Count 5
        # Another runspace, as a job, a ForEach-Object -Parallel block or a hosted PowerShell would be.
        function Invoke-InOtherRunspace([scriptblock] $Script, $Argument) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$env:IOTSTUDIO_TEST_MODULE'").AddStatement().AddScript($Script).AddArgument($Argument)
                $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty
            }
            finally { $ps.Dispose() }
        }
    }

    It 'says "This connection was disconnected" on the next call, not a disposed-object message' {
        $c = Connect-TestEmulator -NotDefault
        Invoke-InOtherRunspace { param($c) Disconnect-IotStudio -InputObject $c -Confirm:$false } $c
        Clear-EmulatorLog
        $err = { Get-IotThing -Connection $c } | Should -Throw -ErrorId "ConnectionClosed,$Cmd.GetIotThingCommand" -PassThru
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -BeLike 'This connection was disconnected*'
        $err.Exception.Message | Should -Not -BeLike '*dispose*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Connect-IotStudio*'
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It 'ends a list streaming through it with ConnectionClosed when another runspace disconnects it between pages' {
        $c = Connect-TestEmulator -NotDefault
        Clear-EmulatorLog
        $seen = [System.Collections.Generic.List[object]]::new()
        $err = {
            Get-IotThing -Connection $c -PageSize 2 -ErrorAction Stop | ForEach-Object {
                $seen.Add($_)
                if ($seen.Count -eq 1) { Invoke-InOtherRunspace { param($c) Disconnect-IotStudio -InputObject $c -Confirm:$false } $c }
            }
        } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "ConnectionClosed,$Cmd.GetIotThingCommand"
        $err.Exception.GetType().Name | Should -Be 'IotStudioConnectionClosedException'
        $err.Exception.Message | Should -BeLike 'This connection was disconnected*'
        $seen | Should -HaveCount 2
        @(Get-ApiLog | Where-Object path -EQ '/spaces/test/things') | Should -HaveCount 1
    }

    It 'ends a request in flight with ConnectionClosed when another runspace disconnects it meanwhile' {
        $c = New-IotStudioConnection -ApiUrl (Get-EmulatorUrl) -AccessToken (ConvertTo-SecureString 'static-test-token' -AsPlainText -Force) -Space test -RetryIntervalSec 0.01
        Set-EmulatorFault @{ latencyMs = 3000 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:IOTSTUDIO_TEST_MODULE'").AddStatement().AddScript({ param($c) Get-IotThing -Connection $c }).AddArgument($c)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not @(Get-EmulatorRequest | Where-Object path -EQ '/spaces/test/things') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Disconnect-IotStudio -InputObject $c -Confirm:$false
            $out = $ps.EndInvoke($async)
            $out | Should -BeNullOrEmpty
            $ps.Streams.Error | Should -HaveCount 1
            $e = $ps.Streams.Error[0]
            $e.FullyQualifiedErrorId | Should -Be "ConnectionClosed,$Cmd.GetIotThingCommand"
            $e.Exception.Message | Should -BeLike 'This connection was disconnected*'
            $e.Exception.Message | Should -Not -BeLike '*HttpClient*'
        }
        finally {
            $ps.Dispose()
            Clear-EmulatorFault
        }
        @(Get-EmulatorRequest | Where-Object path -EQ '/spaces/test/things') | Should -HaveCount 1 -Because 'a request cut off by a disconnect is not retried'
    }
}

Describe 'The plain-http refusal names the credential actually given' {
    BeforeAll { Reset-Emulator }
    BeforeEach { Clear-EmulatorLog }

    It '<Given> over http to another host: the message names <Names>' -ForEach @(
        @{ Given = '-AccessToken'; Names = 'the access token given with -AccessToken'; Not = 'client secret'
            Call = { Connect-IotStudio -ApiUrl http://iot.example.com -AccessToken (ConvertTo-SecureString 'tok' -AsPlainText -Force) } }
        @{ Given = '-ClientCredential'; Names = "the client secret given with -ClientCredential (client 'test-client')"; Not = 'access token given'
            Call = { Connect-IotStudio -ApiUrl http://iot.example.com -ClientCredential (Get-TestCredential) } }
        @{ Given = '-ClientId/-ClientSecret'; Names = "the client secret given with -ClientSecret (client 'me')"; Not = '-ClientCredential'
            Call = { New-IotStudioConnection -ApiUrl http://iot.example.com -ClientId me -ClientSecret (ConvertTo-SecureString 's' -AsPlainText -Force) } }
        @{ Given = '-TokenUrl'; Names = "-TokenUrl 'http://login.example.com/token' uses plain http, which would send the client secret given with -ClientCredential"; Not = 'access token given'
            Call = { Connect-IotStudio -ApiUrl (Get-EmulatorUrl) -ClientCredential (Get-TestCredential) -TokenUrl http://login.example.com/token } }
    ) {
        $err = { & $Call } | Should -Throw -ErrorId 'InvalidApiUrl,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Names))*"
        $err.Exception.Message | Should -Not -BeLike "*$Not*"
        $err.Exception.Message | Should -Not -BeLike '*test-secret*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-AllowUnencryptedAuthentication*'
        Get-EmulatorRequest | Should -BeNullOrEmpty
    }

    It 'names the variable the credential was read from with -EnvironmentVariable: <Names>' -ForEach @(
        @{ Variables = @{ IOTSTUDIO_CLIENT_ID = 'envclient'; IOTSTUDIO_CLIENT_SECRET = 'env-secret-value' }; Names = "the client secret read from IOTSTUDIO_CLIENT_SECRET (client 'envclient')" }
        @{ Variables = @{ IOTSTUDIO_ACCESS_TOKEN = 'env-token-value' }; Names = 'the access token read from IOTSTUDIO_ACCESS_TOKEN' }
    ) {
        $all = @('IOTSTUDIO_API_URL', 'IOTSTUDIO_SPACE', 'IOTSTUDIO_CLIENT_ID', 'IOTSTUDIO_CLIENT_SECRET', 'IOTSTUDIO_ACCESS_TOKEN', 'IOTSTUDIO_SCOPE', 'IOTSTUDIO_TOKEN_URL', 'IOTSTUDIO_REVOKE_URL')
        $saved = @{}
        foreach ($n in $all) { $saved[$n] = [Environment]::GetEnvironmentVariable($n); [Environment]::SetEnvironmentVariable($n, $null) }
        try {
            $env:IOTSTUDIO_API_URL = 'http://iot.example.com'
            foreach ($kv in $Variables.GetEnumerator()) { [Environment]::SetEnvironmentVariable($kv.Key, $kv.Value) }
            $err = { Connect-IotStudio -EnvironmentVariable } | Should -Throw -ErrorId 'InvalidApiUrl,*' -PassThru
            $err.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Names))*"
            $err.Exception.Message | Should -Not -BeLike '*-value*'
            Get-EmulatorRequest | Should -BeNullOrEmpty
        }
        finally {
            foreach ($n in $all) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
        }
    }
}
