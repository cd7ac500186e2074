# Tab completion through TabExpansion2, as the console asks for it: what each completer offers, that it asks the
# emulator for one page at most and nothing the second time (cached per connection), that it follows -Connection and
# -Space as typed, and that against a dead or slow service it returns quickly, offers nothing and writes no error.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    # The completions TabExpansion2 offers at the end of $Line.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    function Get-ApiCall { @(Get-ApiLog | ForEach-Object { "$($_.method) $($_.path)?$($_.query)" }) }

    # Warm up: the first completion of a session loads the completion engine.
    $null = Get-Completion 'Get-IotThing -Sort '
}

Describe 'Tab completion' {
    BeforeAll {
        Reset-Emulator
        Add-EmulatorModel -Name boiler-model, sensor-model
        $script:Connection = Connect-TestEmulator
        $null = New-IotCategory -Name Boilers -Description 'hot water'
        $null = New-IotCategory -Name Sensors
        $script:Boiler = New-IotThing -Title 'boiler one' -Category Boilers -Model boiler-model `
            -PropertyAffordances @{ temperature = @{ type = 'number'; description = 'water temperature' } } `
            -ActionAffordances @{ reboot = @{ title = 'Reboot' }; flush = @{} } -EventAffordances @{ overheat = @{} } -Status @{ setpoint = 60 }
        $script:Sensor = New-IotThing -Title 'sensor-1' -Category Sensors
    }
    BeforeEach {
        # A new connection has an empty completion cache.
        $script:Connection = Connect-TestEmulator
        Clear-EmulatorLog
        $Error.Clear()
    }
    AfterAll { if (Get-IotStudioConnection) { Disconnect-IotStudio } }

    It 'offers Category names with their description, from one request, and nothing the second time' {
        $all = Get-Completion 'Get-IotThing -Category '
        $all.CompletionText | Should -Be 'Boilers', 'Sensors'
        $all[0].ToolTip | Should -Be 'Boilers: hot water'
        $all[0].ResultType | Should -Be 'ParameterValue'
        (Get-Completion 'Remove-IotThing -InCategory s').CompletionText | Should -Be 'Sensors'
        (Get-Completion 'Get-IotCategory -Name B').CompletionText | Should -Be 'Boilers'
        (Get-Completion 'New-IotThing -Title x -Category ').CompletionText | Should -Be 'Boilers', 'Sensors'

        Get-ApiCall | Should -Be 'GET /spaces/test/categories?limit=1000' -Because 'one page, then the cache for 30 s'
        $Error.Count | Should -Be 0
    }

    It 'offers Model names, for -Model and for -Name of the Model cmdlets' {
        (Get-Completion 'Get-IotThing -Model ').CompletionText | Should -Be 'boiler-model', 'sensor-model'
        (Get-Completion 'Remove-IotModel -Name s').CompletionText | Should -Be 'sensor-model'
        (Get-Completion 'Get-IotModelVersion -Model b').CompletionText | Should -Be 'boiler-model'
        Get-ApiCall | Should -Be 'GET /spaces/test/models?limit=1000'
    }

    It 'offers Thing ids with the title as tooltip; a typed title finds its id' {
        $ids = Get-Completion 'Get-IotProperty -ThingId '
        $ids.CompletionText | Sort-Object | Should -Be (@($Boiler.Uid, $Sensor.Uid) | Sort-Object)
        ($ids | Where-Object CompletionText -EQ $Boiler.Uid).ToolTip | Should -Be 'boiler one'
        (Get-Completion 'Remove-IotThing -Id sens').CompletionText | Should -Be $Sensor.Uid
        Get-ApiCall | Should -Be 'GET /spaces/test/things?limit=100'
    }

    It 'offers the Things of -Category when it is typed, through the Category''s path' {
        (Get-Completion 'Get-IotThing -Category Sensors -Id ').CompletionText | Should -Be $Sensor.Uid
        Get-ApiCall | Should -Be 'GET /spaces/test/categories/Sensors/things?limit=100'
    }

    It 'offers titles, quoted when they hold a space' {
        $titles = Get-Completion 'Get-IotThing -Title '
        $titles.CompletionText | Should -Be "'boiler one'", 'sensor-1'
        $titles[0].ListItemText | Should -Be 'boiler one'
    }

    It 'asks for one page at most, however many Things the space holds' {
        $null = Add-EmulatorThing -Space crowded -Count 150
        $offered = Get-Completion 'Get-IotThing -Space crowded -Id '
        $offered.Count | Should -Be 100
        Get-ApiCall | Should -Be 'GET /spaces/crowded/things?limit=100'
    }

    It 'offers the property, action and event names of the Thing named by -ThingId' {
        $props = Get-Completion "Get-IotProperty -ThingId $($Boiler.Uid) -Name "
        $props.CompletionText | Should -Be 'setpoint', 'temperature' -Because 'affordances and current values both name properties'
        ($props | Where-Object CompletionText -EQ 'temperature').ToolTip | Should -Be 'temperature (number): water temperature, property of boiler one'
        (Get-Completion "Invoke-IotAction -ThingId $($Boiler.Uid) -Name ").CompletionText | Should -Be 'flush', 'reboot'
        (Get-Completion "Remove-IotEvent -ThingId $($Boiler.Uid) -Name ").CompletionText | Should -Be 'overheat'
        Get-ApiCall | Should -Be "GET /spaces/test/things/$($Boiler.Uid)?" -Because 'the Thing is read once for all three'
    }

    It 'offers the names of a Thing piped from a variable without any request' {
        $global:CompletionTestThing = $Boiler
        try {
            (Get-Completion '$CompletionTestThing | Set-IotProperty -Name t').CompletionText | Should -Be 'temperature'
            (Get-Completion '$CompletionTestThing | Wait-IotAction -Name r').CompletionText | Should -Be 'reboot'
        }
        finally { Remove-Variable CompletionTestThing -Scope Global }
        Get-ApiCall | Should -BeNullOrEmpty
    }

    It 'offers the names of the first Thing a piped Get-IotThing with constant filters finds, from one request' {
        (Get-Completion "Get-IotThing -Title 'boiler one' | Get-IotEvent -Name ").CompletionText | Should -Be 'overheat'
        (Get-Completion "Get-IotThing -Title 'boiler one' | Set-IotProperty -Name s").CompletionText | Should -Be 'setpoint'
        Get-ApiCall | Should -Be 'GET /spaces/test/things?title=boiler%20one&limit=1'
    }

    It 'offers nothing, and sends nothing, when the piped Get-IotThing filters on something it cannot read safely' {
        Get-Completion 'Get-IotThing -Title (Get-Random) | Get-IotProperty -Name ' | Should -BeNullOrEmpty
        Get-ApiCall | Should -BeNullOrEmpty
    }

    It 'offers -Sort fields ascending and descending (quoted), and -Scope values, without any request' {
        $sort = Get-Completion 'Get-IotThing -Sort '
        $sort.CompletionText | Should -Contain 'title'
        $sort.CompletionText | Should -Contain "'-created'"
        (Get-Completion "Get-IotThing -Sort '-mo").CompletionText | Should -Be "'-modified'"
        (Get-Completion 'Connect-IotStudio -Scope ').CompletionText | Should -Be 'category', 'model', 'offline', 'query', 'thing'
        Get-ApiCall | Should -BeNullOrEmpty
    }

    It 'offers the spaces seen in this session' {
        $null = Get-IotCategory -Space seen-in-session
        (Get-Completion 'Get-IotThing -Space seen').CompletionText | Should -Be 'seen-in-session'
        (Get-Completion 'Connect-IotStudio -Space te').CompletionText | Should -Contain 'test'
    }

    It 'asks with -Connection and -Space as typed' {
        $global:CompletionTestConnection = Connect-TestEmulator -NotDefault -Space elsewhere
        try {
            Get-Completion 'Get-IotCategory -Connection $CompletionTestConnection -Name ' | Should -BeNullOrEmpty
            Get-Completion 'Get-IotThing -Space other -Category ' | Should -BeNullOrEmpty
        }
        finally { Remove-Variable CompletionTestConnection -Scope Global }
        Get-ApiCall | Should -Be 'GET /spaces/elsewhere/categories?limit=1000', 'GET /spaces/other/categories?limit=1000'
    }

    It 'offers nothing, sends nothing and writes no error when not connected' {
        Disconnect-IotStudio
        Get-Completion 'Get-IotThing -Category ' | Should -BeNullOrEmpty
        @(Get-EmulatorRequest | Where-Object path -NE '/oauth2/revoke') | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}

Describe 'Tab completion against a service that does not answer in time' {
    BeforeEach {
        Reset-Emulator
        $Error.Clear()
    }
    AfterEach { Clear-EmulatorFault }

    It 'returns within a second, offers nothing and writes no error when the service is down, then answers from the cache' {
        $global:CompletionTestDead = New-IotStudioConnection -ApiUrl 'http://127.0.0.1:9' -Space test -AccessToken (ConvertTo-SecureString 'x' -AsPlainText -Force)
        try {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $offered = Get-Completion 'Get-IotThing -Connection $CompletionTestDead -Category '
            $first = $clock.Elapsed.TotalMilliseconds
            $clock.Restart()
            $null = Get-Completion 'Get-IotThing -Connection $CompletionTestDead -Category '
            $second = $clock.Elapsed.TotalMilliseconds
        }
        finally { Remove-Variable CompletionTestDead -Scope Global }

        $offered | Should -BeNullOrEmpty
        $first | Should -BeLessThan 1500
        $second | Should -BeLessThan 300 -Because 'a failed read is remembered for a few seconds'
        $Error.Count | Should -Be 0
    }

    It 'gives up on a slow service after its timeout, offers nothing and writes no error' {
        $null = Connect-TestEmulator
        $null = New-IotCategory -Name Slow
        Set-EmulatorFault @{ latencyMs = 3000 }

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $offered = Get-Completion 'Get-IotThing -Category '
        $clock.Stop()

        $offered | Should -BeNullOrEmpty
        $clock.Elapsed.TotalMilliseconds | Should -BeLessThan 1500
        $Error.Count | Should -Be 0
    }
}
