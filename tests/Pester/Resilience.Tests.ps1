# Token expiry, throttling, server failures, dropped connections, non-JSON errors, verbose tracing and stopping:
# what the emulator received and what came out.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Url = Get-EmulatorUrl

    function Get-ApiCall {
        param([string] $Method = 'GET', [string] $Path = '/spaces/test/things')
        @(Get-EmulatorRequest -Kind Api | Where-Object { $_.method -eq $Method -and $_.path -eq $Path })
    }

    function Get-TokenCall { @(Get-EmulatorRequest -Kind OAuth | Where-Object { $_.path -eq '/oauth2/token' }) }
}

Describe 'Resilience' {
    BeforeEach {
        Reset-Emulator
        # A connection of its own per test: fast retries, and no state carried between tests.
        $script:Conn = Connect-TestEmulator -NotDefault
        Clear-EmulatorLog
    }
    AfterEach {
        Clear-EmulatorFault
        if ($script:Conn) { Disconnect-IotStudio $script:Conn -ErrorAction SilentlyContinue }
    }

    Context 'a token that expires while a list streams' {
        It 'gets one new token, repeats the refused page, and streams every item without error' {
            Add-EmulatorThing -Count 300 | Out-Null
            $script:expired = 0
            $first = $true

            $items = Get-IotThing -Connection $Conn -PageSize 50 -ErrorVariable err | ForEach-Object {
                if ($first) {
                    $first = $false
                    $script:expired = (Invoke-RestMethod -Method Post -Uri "$Url/_emulator/expire-tokens").expired
                }
                $_
            }

            $script:expired | Should -BeGreaterOrEqual 1
            $err | Should -BeNullOrEmpty
            $items.Count | Should -Be 300
            @($items.Uid | Select-Object -Unique).Count | Should -Be 300
            $token = Get-TokenCall
            $token.Count | Should -Be 1 -Because 'exactly one token request follows the 401'
            $token[0].status | Should -Be 200
            $gets = Get-ApiCall
            $gets.Count | Should -Be 7 -Because '6 pages and one repeat of the refused page'
            @($gets | Where-Object status -EQ 401).Count | Should -Be 1
            $refused = $gets | Where-Object status -EQ 401
            $gets[1].seq | Should -Be $refused.seq -Because 'the second page is the first request after the expiry'
            $gets[2].query | Should -Be $refused.query -Because 'the refused page is asked again'
            $gets[2].status | Should -Be 200
            $token[0].seq | Should -BeGreaterThan $refused.seq
            $token[0].seq | Should -BeLessThan $gets[2].seq
        }
    }

    Context 'throttling' {
        It 'waits out 429 Retry-After and sends an exact number of requests for a 3-page list' {
            Add-EmulatorThing -Count 120 | Out-Null
            Set-EmulatorFault @{ every429 = 2; retryAfter = '0' }

            $items = Get-IotThing -Connection $Conn -PageSize 50 -ErrorVariable err

            $err | Should -BeNullOrEmpty
            $items.Count | Should -Be 120
            $gets = Get-ApiCall
            # Every second request is throttled: page 1, page 2 (429), page 2, page 3 (429), page 3.
            $gets.Count | Should -Be 5
            ($gets.status -join ',') | Should -Be '200,429,200,429,200'
            $gets[2].query | Should -Be $gets[1].query
            $gets[4].query | Should -Be $gets[3].query
        }

        It 'repeats a POST that was throttled (nothing was created)' {
            Set-EmulatorFault @{ fail = @{ status = 429; count = 1; retryAfter = '0' } }

            $cat = New-IotCategory -Connection $Conn -Space test -Name 'throttled' -ErrorVariable err

            $err | Should -BeNullOrEmpty
            $cat.Name | Should -Be 'throttled'
            $posts = Get-ApiCall -Method POST -Path '/spaces/test/categories'
            $posts.Count | Should -Be 2
            ($posts.status -join ',') | Should -Be '429,201'
        }
    }

    Context 'server failures' {
        It 'repeats a GET after two 503s and succeeds on the third request' {
            Add-EmulatorThing -Count 3 | Out-Null
            Set-EmulatorFault @{ fail = @{ status = 503; count = 2 } }

            $items = Get-IotThing -Connection $Conn -ErrorVariable err

            $err | Should -BeNullOrEmpty
            $items.Count | Should -Be 3
            $gets = Get-ApiCall
            $gets.Count | Should -Be 3
            ($gets.status -join ',') | Should -Be '503,503,200'
        }

        It 'gives up after MaximumRetryCount retries with ServiceUnavailable (ConnectionError)' {
            $c = Connect-TestEmulator -NotDefault -Extra @{ MaximumRetryCount = 2 }
            try {
                Clear-EmulatorLog
                Set-EmulatorFault @{ fail = @{ status = 503; count = 10 } }

                $items = Get-IotThing -Connection $c -ErrorAction SilentlyContinue -ErrorVariable err

                $items | Should -BeNullOrEmpty
                $err.Count | Should -Be 1
                $err[0].FullyQualifiedErrorId | Should -BeLike 'ThingServiceUnavailable,*'
                $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
                $err[0].Exception.StatusCode | Should -Be 503
                $gets = Get-ApiCall
                $gets.Count | Should -Be 3 -Because 'MaximumRetryCount 2 allows 3 attempts'
                @($gets | Where-Object status -NE 503).Count | Should -Be 0
            }
            finally { Clear-EmulatorFault; Disconnect-IotStudio $c }
        }

        It 'does not repeat a POST that got 503 (it may have been applied)' {
            Set-EmulatorFault @{ fail = @{ status = 503; count = 1 } }

            $cat = New-IotCategory -Connection $Conn -Space test -Name 'once' -ErrorAction SilentlyContinue -ErrorVariable err

            $cat | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'CategoryServiceUnavailable,*'
            $err[0].TargetObject | Should -Be 'once'
            $posts = Get-ApiCall -Method POST -Path '/spaces/test/categories'
            $posts.Count | Should -Be 1
            $posts[0].status | Should -Be 503
            # The emulator decides a fault before any handler runs: the faulted POST created nothing.
            Get-IotCategory -Connection $Conn -Space test -Name 'once' -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
            $missing[0].FullyQualifiedErrorId | Should -BeLike 'CategoryNotFound,*'
        }

        It 'gives up an attempt after -TimeoutSec with ThingTimeout / OperationTimeout' {
            Add-EmulatorThing -Count 1 | Out-Null
            $slow = Connect-TestEmulator -NotDefault -Extra @{ TimeoutSec = 1; MaximumRetryCount = 0 }
            Set-EmulatorFault @{ latencyMs = 4000 }
            try {
                Get-IotThing -Connection $slow -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
                $err | Should -HaveCount 1
                $err[0].FullyQualifiedErrorId | Should -BeLike 'ThingTimeout,*'
                $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
                $err[0].Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioTransportException'
                $err[0].Exception.TimedOut | Should -BeTrue
            }
            finally {
                Clear-EmulatorFault
                Disconnect-IotStudio $slow -ErrorAction SilentlyContinue
            }
        }

        It 'repeats a GET whose connection dropped in the middle of the response' {
            Add-EmulatorThing -Count 3 | Out-Null
            Set-EmulatorFault @{ dropNext = 1 }

            $items = Get-IotThing -Connection $Conn -ErrorVariable err

            $err | Should -BeNullOrEmpty
            $items.Count | Should -Be 3
            $gets = Get-ApiCall
            $gets.Count | Should -Be 2
            ($gets.status -join ',') | Should -Be '0,200'
        }

        It 'repeats a GET that got an HTML 502 from a proxy' {
            Add-EmulatorThing -Count 3 | Out-Null
            Set-EmulatorFault @{ html502Next = 1 }

            $items = Get-IotThing -Connection $Conn -ErrorVariable err

            $err | Should -BeNullOrEmpty
            $items.Count | Should -Be 3
            ((Get-ApiCall).status -join ',') | Should -Be '502,200'
        }

        It 'reports a summary of the HTML body when it may not retry' {
            $c = Connect-TestEmulator -NotDefault -Extra @{ MaximumRetryCount = 0 }
            try {
                Clear-EmulatorLog
                Set-EmulatorFault @{ html502Next = 1 }

                Get-IotThing -Connection $c -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty

                $err.Count | Should -Be 1
                $err[0].FullyQualifiedErrorId | Should -BeLike 'ThingBadGateway,*'
                $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
                $details = $err[0].ErrorDetails.Message
                $details | Should -BeLike '*GET /spaces/test/things*'
                $details | Should -BeLike '*502*'
                $details | Should -BeLike '*text/html*'
                $details | Should -BeLike '*nginx*'
                $err[0].Exception.Response.Body | Should -BeLike '<html>*'
                (Get-ApiCall).Count | Should -Be 1
            }
            finally { Disconnect-IotStudio $c }
        }
    }

    Context '-Verbose' {
        It 'shows method, path, status and duration of each request, and each wait before a retry' {
            Add-EmulatorThing -Count 3 | Out-Null
            Set-EmulatorFault @{ fail = @{ status = 503; count = 1 } }

            $all = Get-IotThing -Connection $Conn -Verbose 4>&1
            $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

            @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 3
            @($verbose -match '^GET /spaces/test/things\?limit=50 -> 503 in \d+ ms$').Count | Should -Be 1
            @($verbose -match '^GET /spaces/test/things\?limit=50 -> 200 in \d+ ms$').Count | Should -Be 1
            $wait = @($verbose -match '^Waiting [\d.,]+ s before attempt 2 of 5 for GET /spaces/test/things\?limit=50')
            $wait.Count | Should -Be 1
            $wait[0] | Should -BeLike '*503*'
            # The order tells the story: the failed attempt, the wait, the successful attempt.
            $i503 = [array]::IndexOf($verbose, ($verbose -match '-> 503')[0])
            $iWait = [array]::IndexOf($verbose, $wait[0])
            $i200 = [array]::IndexOf($verbose, ($verbose -match '-> 200')[0])
            $i503 | Should -BeLessThan $iWait
            $iWait | Should -BeLessThan $i200
        }
    }

    Context 'stopping' {
        It 'cancels the request in flight when the pipeline is stopped' {
            Add-EmulatorThing -Count 120 | Out-Null
            $rs = [runspacefactory]::CreateRunspace()
            $rs.Open()
            $ps = [powershell]::Create()
            $ps.Runspace = $rs
            try {
                $null = $ps.AddScript({
                        param($Module, $Url, $Credential)
                        Import-Module $Module
                        Connect-IotStudio -ApiUrl $Url -Space test -ClientCredential $Credential -MaximumRetryCount 0
                    }).AddParameter('Module', $env:IOTSTUDIO_TEST_MODULE).AddParameter('Url', $Url).AddParameter('Credential', (Get-TestCredential))
                $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty
                $ps.Commands.Clear()
                Clear-EmulatorLog
                Set-EmulatorFault @{ latencyMs = 3000 }

                $null = $ps.AddScript('Get-IotThing -PageSize 50')
                $handle = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (@(Get-ApiCall).Count -eq 0) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'The request never reached the emulator.' }
                    Start-Sleep -Milliseconds 20
                }
                $ps.Stop()

                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $handle.IsCompleted | Should -BeTrue
                # The emulator records status 0 when the client went away before the (delayed) answer.
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($null -eq (Get-ApiCall)[0].status) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'The request was never completed on the emulator.' }
                    Start-Sleep -Milliseconds 20
                }
                $gets = Get-ApiCall
                $gets.Count | Should -Be 1 -Because 'nothing is sent after a stop'
                $gets[0].status | Should -Be 0 -Because 'the client abandoned the request instead of waiting for its answer'
            }
            finally {
                Clear-EmulatorFault
                $ps.Dispose()
                $rs.Dispose()
            }
        }

        It 'sends one request for Select-Object -First 1 over a 3-page list' {
            Add-EmulatorThing -Count 120 | Out-Null

            $first = Get-IotThing -Connection $Conn -PageSize 50 | Select-Object -First 1

            @($first).Count | Should -Be 1
            $gets = Get-ApiCall
            $gets.Count | Should -Be 1
            $gets[0].query | Should -Be 'limit=50'
        }
    }
}
