# Get-/New-/Set-/Remove-IotMqttCredential against the emulator: the Category, Thing and Thing-through-Category
# variants, what is sent, what comes out, pipelines, per-item errors, -WhatIf, and a password that never shows.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'
    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:UlidPattern = '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'
    # Known values, kept out of every command line below so that InvocationInfo.Line cannot echo them.
    $script:PasswordText = 'mqtt-Pw-7Hq2&Zx9/'
    $script:NewPasswordText = 'mqtt-Next-4Lm8Rt'
    $script:Password = ConvertTo-SecureString $PasswordText -AsPlainText -Force
    $script:NewPassword = ConvertTo-SecureString $NewPasswordText -AsPlainText -Force

    function Get-Body($Entry) { $Entry.body | ConvertFrom-Json -AsHashtable }
}

Describe 'MQTT credential cmdlets' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Boilers = New-IotCategory Boilers
        $script:Thing = New-IotThing -Title boiler-7 -Category Boilers
        $script:Loose = New-IotThing -Title loose
        Clear-EmulatorLog
    }

    Describe 'New-IotMqttCredential' {
        It 'creates a Category''s own credentials with -Category alone: the fields given, the password only in the request body' {
            $c = New-IotMqttCredential -Category Boilers -Username boilers -Password $Password -Description 'all boilers' -CollectionName boilers-col -Enabled $false
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be '/spaces/test/categories/Boilers/mqtt-credentials'
            $body = Get-Body $log[0]
            $body.Keys | Sort-Object | Should -Be 'collection_name', 'description', 'enabled', 'password', 'username'
            $body.username | Should -Be 'boilers'
            $body.password | Should -BeExactly $PasswordText
            $body.enabled | Should -BeFalse
            $body.description | Should -Be 'all boilers'
            $body.collection_name | Should -Be 'boilers-col'

            $c.GetType().FullName | Should -Be 'IotStudio.Models.MqttCredential'
            $c.Space | Should -Be 'test'
            $c.Category | Should -Be 'Boilers'
            $c.ThingId | Should -BeNullOrEmpty
            $c.Id | Should -Match $UlidPattern
            $c.Username | Should -Be 'boilers'
            $c.Enabled | Should -BeFalse
            $c.Description | Should -Be 'all boilers'
            $c.CollectionName | Should -Be 'boilers-col'
            $c.Created | Should -BeOfType [DateTimeOffset]
            $c.psobject.Properties.Name | Should -Not -Contain 'Password'
        }

        It 'creates a Thing''s credentials with -ThingId, leaving out what was not given; they come with their topics' {
            $c = New-IotMqttCredential -ThingId $Thing.Uid -Username boiler-7 -Password $Password
            $log = Get-ApiLog
            $log.path | Should -Be "/spaces/test/things/$($Thing.Uid)/mqtt-credentials"
            (Get-Body $log[0]).Keys | Sort-Object | Should -Be 'password', 'username'
            $c.ThingId | Should -Be $Thing.Uid
            $c.Category | Should -BeNullOrEmpty
            $c.Enabled | Should -BeTrue -Because 'the service enables credentials by default'
            $c.PublishTopics | Should -Be "spaces/test/things/$($Thing.Uid)/#"
            $c.SubscribeTopics | Should -Be "spaces/test/things/$($Thing.Uid)/#"
        }

        It 'takes the username and password from -Credential' {
            $c = New-IotMqttCredential -Category Boilers -Credential ([pscredential]::new('from-cred', $Password))
            $body = Get-Body (Get-ApiLog)[0]
            $body.username | Should -Be 'from-cred'
            $body.password | Should -BeExactly $PasswordText
            $c.Username | Should -Be 'from-cred'
        }

        It 'creates credentials for every piped Thing, and through the Category''s path with -Category' {
            $seed = Add-EmulatorThing -Count 2 -Category Sensors -TitlePrefix S
            Clear-EmulatorLog
            $out = @(Get-IotThing -Category Sensors | New-IotMqttCredential -Username { "mqtt-$($_.Title)" } -Password $Password -Category Sensors)
            $out.ThingId | Should -Be $seed.first, $seed.last
            $out.Username | Should -Be 'mqtt-S-1', 'mqtt-S-2' -Because '-Username binds by property name, so a script block makes one per Thing'
            $out.Category | Should -Be 'Sensors', 'Sensors'
            @(Get-ApiLog | Where-Object method -EQ 'POST').path |
                Should -Be "/spaces/test/categories/Sensors/things/$($seed.first)/mqtt-credentials", "/spaces/test/categories/Sensors/things/$($seed.last)/mqtt-credentials"
        }

        It 'binds a piped Category by its Name' {
            $c = Get-IotCategory -Name Boilers | New-IotMqttCredential -Username boilers -Password $Password
            $c.Category | Should -Be 'Boilers'
            $c.ThingId | Should -BeNullOrEmpty
            (Get-ApiLog | Where-Object method -EQ 'POST').path | Should -Be '/spaces/test/categories/Boilers/mqtt-credentials'
        }

        It 'reports credentials that exist already as MqttCredentialConflict (ResourceExists)' {
            $null = New-IotMqttCredential $Thing.Uid -Username boiler-7 -Password $Password
            $null = New-IotMqttCredential $Thing.Uid -Username other -Password $Password -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "MqttCredentialConflict,$Cmd.NewIotMqttCredentialCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $ev[0].TargetObject | Should -Be $Thing.Uid
            $ev[0].Exception.Response.StatusCode | Should -Be 409
        }

        It 'reports a username the space already uses as MqttCredentialConflict' {
            $null = New-IotMqttCredential -Category Boilers -Username shared -Password $Password
            $null = New-IotMqttCredential $Loose.Uid -Username shared -Password $Password -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "MqttCredentialConflict,$Cmd.NewIotMqttCredentialCommand"
            $ev[0].ErrorDetails.Message | Should -BeLike "*'shared' is already used*"
        }

        It 'reports a Thing outside the -Category as ThingNotFound, and a missing Category as CategoryNotFound' {
            $null = New-IotMqttCredential $Loose.Uid -Category Boilers -Username x -Password $Password -ErrorVariable ev -ErrorAction SilentlyContinue
            $null = New-IotMqttCredential -Category NoSuch -Username y -Password $Password -ErrorVariable +ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 2
            $ev.FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd.NewIotMqttCredentialCommand", "CategoryNotFound,$Cmd.NewIotMqttCredentialCommand"
            $ev.CategoryInfo.Category | Should -Be 'ObjectNotFound', 'ObjectNotFound'
            $ev.TargetObject | Should -Be $Loose.Uid, 'NoSuch'
        }

        It 'refuses <What> before any request, as <Subject>InvalidArgument' -ForEach @(
            @{ What = 'neither a Thing nor a Category'; Splat = @{ }; Target = $null; Subject = 'MqttCredential' }
            @{ What = 'a Thing id that is not a ULID'; Splat = @{ ThingId = '01ARZ3NDEKTSV4RRFFQ69G5FA' }; Target = '01ARZ3NDEKTSV4RRFFQ69G5FA'; Subject = 'Thing' }
            @{ What = 'a Category name the API refuses'; Splat = @{ Category = 'no/such' }; Target = 'no/such'; Subject = 'Category' }
            @{ What = 'a collection name on a Thing''s credentials'; Splat = @{ ThingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'; CollectionName = 'c' }; Target = '01ARZ3NDEKTSV4RRFFQ69G5FAV'; Subject = 'MqttCredential' }
        ) {
            $null = New-IotMqttCredential @Splat -Username u -Password $Password -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "$($Subject)InvalidArgument,$Cmd.NewIotMqttCredentialCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].TargetObject | Should -Be $Target
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'refuses an empty password from -Credential before any request' {
            $null = New-IotMqttCredential -Category Boilers -Credential ([pscredential]::new('u', [securestring]::new())) -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "MqttCredentialInvalidArgument,$Cmd.NewIotMqttCredentialCommand"
            $ev[0].Exception.Message | Should -BeLike '*password is empty*'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'sends nothing with -WhatIf' {
            New-IotMqttCredential -Category Boilers -Username u -Password $Password -WhatIf | Should -BeNullOrEmpty
            $Thing | New-IotMqttCredential -Username u -Password $Password -WhatIf | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'has the Password and Credential parameter sets, each making its secret mandatory' {
            $sets = (Get-Command New-IotMqttCredential).ParameterSets
            $sets.Name | Sort-Object | Should -Be 'Credential', 'Password'
            $password = $sets | Where-Object Name -EQ 'Password'
            ($password.Parameters | Where-Object IsMandatory).Name | Sort-Object | Should -Be 'Password', 'Username'
            (Get-Command New-IotMqttCredential).Parameters['Password'].ParameterType | Should -Be ([securestring])
            (Get-Command New-IotMqttCredential).Parameters['Credential'].ParameterType | Should -Be ([pscredential])
        }
    }

    Describe 'Get-IotMqttCredential' {
        BeforeEach {
            $null = New-IotMqttCredential -Category Boilers -Username boilers -Password $Password -Description cat
            $null = New-IotMqttCredential $Thing.Uid -Username boiler-7 -Password $Password -Description thing
            Clear-EmulatorLog
        }

        It 'reads a Category''s, a Thing''s, and a Thing''s through its Category, each with one GET' {
            $c = Get-IotMqttCredential -Category Boilers
            $t = Get-IotMqttCredential $Thing.Uid
            $s = Get-IotMqttCredential $Thing.Uid -Category Boilers
            (Get-ApiLog).path | Should -Be '/spaces/test/categories/Boilers/mqtt-credentials', "/spaces/test/things/$($Thing.Uid)/mqtt-credentials", "/spaces/test/categories/Boilers/things/$($Thing.Uid)/mqtt-credentials"
            (Get-ApiLog).method | Should -Be 'GET', 'GET', 'GET'
            $c.Username, $t.Username, $s.Username | Should -Be 'boilers', 'boiler-7', 'boiler-7'
            $c.Description, $t.Description | Should -Be 'cat', 'thing'
            $s.Category | Should -Be 'Boilers'
            $s.ThingId | Should -Be $Thing.Uid
            $t.Id | Should -Be $s.Id -Because 'both paths reach the same credentials'
        }

        It 'reads from piped Categories (Name) and piped Things (Uid), each in its own space' {
            $fromCategories = @(Get-IotCategory | Get-IotMqttCredential)
            $fromThings = @(Get-IotThing -Title boiler-7 | Get-IotMqttCredential)
            $fromCategories.Username | Should -Be 'boilers'
            $fromThings.Username | Should -Be 'boiler-7'
            $fromThings.Space | Should -Be 'test'
            @(Get-ApiLog | Where-Object path -Like '*mqtt-credentials').path | Should -Be '/spaces/test/categories/Boilers/mqtt-credentials', "/spaces/test/things/$($Thing.Uid)/mqtt-credentials"
        }

        It 'reports credentials that do not exist as MqttCredentialNotFound and goes on with the next item' {
            $rows = @([pscustomobject]@{ ThingId = $Loose.Uid }, [pscustomobject]@{ ThingId = $Thing.Uid })
            $out = @($rows | Get-IotMqttCredential -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Username | Should -Be 'boiler-7'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "MqttCredentialNotFound,$Cmd.GetIotMqttCredentialCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be $Loose.Uid
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }

        It 'shows no password: the service masks it on GET, and the object has nowhere to keep one' {
            $c = Get-IotMqttCredential -Category Boilers
            ($c | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($PasswordText))
            $c.AdditionalProperties.Keys | Should -Not -Contain 'password'
            $c.psobject.Properties.Name | Should -Not -Contain 'Password'
        }

        It 'holds no System.Text.Json type, and has a table view of at most 5 columns' {
            $all = @(Get-IotMqttCredential -Category Boilers; Get-IotMqttCredential $Thing.Uid)
            Find-JsonElement $all | Should -BeNullOrEmpty
            $view = (Get-FormatData IotStudio.Models.MqttCredential).FormatViewDefinition[0]
            $view.Control | Should -BeOfType System.Management.Automation.TableControl
            $view.Control.Headers.Count | Should -BeLessOrEqual 5
            ($all | Out-String) | Should -Match 'boilers\s+True\s+Boilers'
        }
    }

    Describe 'Set-IotMqttCredential' {
        BeforeEach {
            $null = New-IotMqttCredential -Category Boilers -Username boilers -Password $Password -Description cat -CollectionName col
            $null = New-IotMqttCredential $Thing.Uid -Username boiler-7 -Password $Password -Description thing
            Clear-EmulatorLog
        }

        It 'reads, changes what is given and PUTs the rest as it was, without the masked password' {
            $out = Set-IotMqttCredential -Category Boilers -Enabled $false -PassThru
            $log = Get-ApiLog
            $log.method | Should -Be 'GET', 'PUT'
            $log.path | Should -Be '/spaces/test/categories/Boilers/mqtt-credentials', '/spaces/test/categories/Boilers/mqtt-credentials'
            $body = Get-Body $log[1]
            $body.Keys | Sort-Object | Should -Be 'collection_name', 'description', 'enabled', 'username'
            $body.enabled | Should -BeFalse
            $body.username | Should -Be 'boilers'
            $body.description | Should -Be 'cat'
            $body.collection_name | Should -Be 'col'
            $out.Enabled | Should -BeFalse
            $out.Description | Should -Be 'cat'
        }

        It 'sends a new password only when one is given, from -Password or -Credential' {
            Set-IotMqttCredential $Thing.Uid -Password $NewPassword
            Set-IotMqttCredential $Thing.Uid -Credential ([pscredential]::new('renamed', $NewPassword))
            $puts = @(Get-ApiLog | Where-Object method -EQ 'PUT')
            $puts | Should -HaveCount 2
            (Get-Body $puts[0]).password | Should -BeExactly $NewPasswordText
            (Get-Body $puts[0]).username | Should -Be 'boiler-7'
            (Get-Body $puts[1]).password | Should -BeExactly $NewPasswordText
            (Get-Body $puts[1]).username | Should -Be 'renamed'
            (Get-Body $puts[1]).Keys | Should -Not -Contain 'collection_name'
            (Get-IotMqttCredential $Thing.Uid).Username | Should -Be 'renamed'
        }

        It 'writes nothing without -PassThru, and changes piped credentials through their own path' {
            Get-IotMqttCredential $Thing.Uid -Category Boilers | Set-IotMqttCredential -Description changed | Should -BeNullOrEmpty
            (Get-ApiLog | Where-Object method -EQ 'PUT').path | Should -Be "/spaces/test/categories/Boilers/things/$($Thing.Uid)/mqtt-credentials"
            (Get-IotMqttCredential $Thing.Uid).Description | Should -Be 'changed'
            (Get-IotMqttCredential -Category Boilers).Description | Should -Be 'cat'
        }

        It 'reports missing credentials as MqttCredentialNotFound after one GET, with no PUT' {
            Set-IotMqttCredential $Loose.Uid -Description x -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "MqttCredentialNotFound,$Cmd.SetIotMqttCredentialCommand"
            $ev[0].TargetObject | Should -Be $Loose.Uid
            (Get-ApiLog).method | Should -Be 'GET'
        }

        It 'sends nothing with -WhatIf' {
            Set-IotMqttCredential -Category Boilers -Password $NewPassword -WhatIf
            Get-ApiLog | Should -BeNullOrEmpty
        }
    }

    Describe 'Remove-IotMqttCredential' {
        BeforeEach {
            $null = New-IotMqttCredential -Category Boilers -Username boilers -Password $Password
            $null = New-IotMqttCredential $Thing.Uid -Username boiler-7 -Password $Password
            Clear-EmulatorLog
        }

        It 'is ConfirmImpact High, and -WhatIf sends nothing' {
            $attr = (Get-Command Remove-IotMqttCredential).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
            Remove-IotMqttCredential -Category Boilers -WhatIf
            Get-IotMqttCredential -Category Boilers | Remove-IotMqttCredential -WhatIf
            @(Get-ApiLog | Where-Object method -NE 'GET') | Should -BeNullOrEmpty
        }

        It 'deletes piped credentials, each through its own path, and goes on after one that is gone' {
            $both = @(Get-IotMqttCredential -Category Boilers; Get-IotMqttCredential $Thing.Uid -Category Boilers)
            Remove-IotMqttCredential -Category Boilers -Confirm:$false
            Clear-EmulatorLog
            $both | Remove-IotMqttCredential -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            (Get-ApiLog).method | Should -Be 'DELETE', 'DELETE'
            (Get-ApiLog).path | Should -Be '/spaces/test/categories/Boilers/mqtt-credentials', "/spaces/test/categories/Boilers/things/$($Thing.Uid)/mqtt-credentials"
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "MqttCredentialNotFound,$Cmd.RemoveIotMqttCredentialCommand"
            $ev[0].TargetObject | Should -Be 'Boilers'
            $null = Get-IotMqttCredential $Thing.Uid -ErrorVariable gone -ErrorAction SilentlyContinue
            $gone[0].FullyQualifiedErrorId | Should -BeLike 'MqttCredentialNotFound,*'
        }

        It 'goes with its owner: a deleted Thing or Category takes its credentials along' {
            Remove-IotThing -Id $Thing.Uid -Confirm:$false
            Remove-IotCategory Boilers -Confirm:$false
            $null = New-IotCategory Boilers
            $null = Get-IotMqttCredential -Category Boilers -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'MqttCredentialNotFound,*'
            # Their usernames are free again.
            (New-IotMqttCredential $Loose.Uid -Username boiler-7 -Password $Password).Username | Should -Be 'boiler-7'
            (New-IotMqttCredential -Category Boilers -Username boilers -Password $Password).Username | Should -Be 'boilers'
        }
    }

    Describe 'Scopes' {
        It 'needs the category scope for a Category''s credentials and the thing scope for a Thing''s' {
            $scoped = New-IotStudioConnection -ApiUrl (Get-EmulatorUrl) -Space test -ClientId scoped-client -ClientSecret (ConvertTo-SecureString 'scoped-secret' -AsPlainText -Force) -Scope category -MaximumRetryCount 0
            try {
                (New-IotMqttCredential -Connection $scoped -Category Boilers -Username boilers -Password $Password).Username | Should -Be 'boilers'
                $null = New-IotMqttCredential -Connection $scoped $Thing.Uid -Username t -Password $Password -ErrorVariable ev -ErrorAction SilentlyContinue
                $ev[0].FullyQualifiedErrorId | Should -Be "MqttCredentialForbidden,$Cmd.NewIotMqttCredentialCommand"
                $ev[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
                $null = Get-IotMqttCredential -Connection $scoped $Thing.Uid -Category Boilers -ErrorVariable ev2 -ErrorAction SilentlyContinue
                $ev2[0].FullyQualifiedErrorId | Should -BeLike 'MqttCredentialForbidden,*'
            }
            finally { Disconnect-IotStudio -InputObject $scoped }
        }
    }
}

Describe 'MQTT passwords stay secret' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Boilers = New-IotCategory Boilers
        $script:Thing = New-IotThing -Title boiler-7 -Category Boilers
    }

    It 'the service''s create answer carries the password in clear, so the module has one to drop' {
        $answer = Invoke-RestMethod -Method POST -Uri "$(Get-EmulatorUrl)/spaces/test/categories/Boilers/things/$($Thing.Uid)/mqtt-credentials" `
            -Headers @{ Authorization = 'Bearer static-test-token' } -ContentType 'application/json' `
            -Body (@{ username = 'probe'; password = $PasswordText } | ConvertTo-Json)
        $answer.password | Should -BeExactly $PasswordText
        (Invoke-RestMethod -Uri "$(Get-EmulatorUrl)/spaces/test/things/$($Thing.Uid)/mqtt-credentials" -Headers @{ Authorization = 'Bearer static-test-token' }).password |
            Should -Be '********'
        Remove-IotMqttCredential $Thing.Uid -Confirm:$false
    }

    It 'shows neither password in any of the six streams, any error, view, ToString or JSON of the objects' {
        $Error.Clear()
        $views = [System.Collections.Generic.List[object]]::new()
        $captured = & {
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $InformationPreference = 'Continue'
            $WarningPreference = 'Continue'
            $ErrorActionPreference = 'Continue'

            $cred = [pscredential]::new('thing-user', $Password)
            New-IotMqttCredential -Category Boilers -Username cat-user -Password $Password -Verbose -Debug
            $Thing | New-IotMqttCredential -Credential $cred -Verbose -Debug
            New-IotMqttCredential -Category Boilers -Username again -Password $Password -Verbose -Debug          # 409
            New-IotMqttCredential -Category NoSuch -Username nope -Password $Password -Verbose -Debug            # 404
            New-IotMqttCredential -ThingId 'not-a-ulid' -Username bad -Password $Password -Verbose -Debug        # refused
            Get-IotMqttCredential -Category Boilers -Verbose -Debug
            Get-IotMqttCredential $Thing.Uid -Category Boilers -Verbose -Debug
            Set-IotMqttCredential -Category Boilers -Password $NewPassword -PassThru -Verbose -Debug
            Set-IotMqttCredential $Thing.Uid -Credential ([pscredential]::new('thing-user-2', $NewPassword)) -PassThru -Verbose -Debug
            Set-IotMqttCredential $Thing.Uid -Username cat-user -Password $NewPassword -Verbose -Debug           # 409 on PUT
            Write-Information 'between'
            Get-IotMqttCredential $Thing.Uid | Remove-IotMqttCredential -Confirm:$false -Verbose -Debug
            Remove-IotMqttCredential $Thing.Uid -Confirm:$false -Verbose -Debug                                  # 404
            try { Get-IotMqttCredential -Category NoSuch -ErrorAction Stop } catch { $_ }
        } *>&1
        foreach ($item in $captured) { if ($null -ne $item -and $item.GetType().FullName -eq 'IotStudio.Models.MqttCredential') { $views.Add($item) } }

        $text = [System.Text.StringBuilder]::new()
        foreach ($item in @($captured) + @($Error)) {
            $null = $text.AppendLine(($item | Out-String -Width 4096))
            $null = $text.AppendLine(($item | Format-List * -Force | Out-String -Width 4096))
            $null = $text.AppendLine("$item")
            $record = if ($item -is [System.Management.Automation.ErrorRecord]) { $item } elseif ($item -is [System.Management.Automation.IContainsErrorRecord]) { $item.ErrorRecord }
            if ($record) {
                $null = $text.AppendLine("$($record.ErrorDetails.Message) $($record.ErrorDetails.RecommendedAction) $($record.TargetObject)")
                $null = $text.AppendLine(($record.InvocationInfo | Format-List * -Force | Out-String -Width 4096))
                for ($ex = $record.Exception; $ex; $ex = $ex.InnerException) {
                    $null = $text.AppendLine($ex.ToString())
                    $null = $text.AppendLine(($ex | Format-List * -Force | Out-String -Width 4096))
                    if ($ex.psobject.Properties['Response'] -and $ex.Response) { $null = $text.AppendLine($ex.Response.Body) }
                }
            }
        }
        foreach ($view in $views) {
            $null = $text.AppendLine(($view | Format-Table * | Out-String -Width 4096))
            $null = $text.AppendLine(($view | ConvertTo-Json -Depth 5))
            $null = $text.AppendLine(($view | ConvertTo-Csv | Out-String))
            foreach ($p in $view.psobject.Properties) { $null = $text.AppendLine("$($p.Name)=$($p.Value)") }
        }
        $all = $text.ToString()

        # The capture is the real thing: the calls happened, their traces and errors are in it.
        $all | Should -BeLike '*POST /spaces/test/categories/Boilers/mqtt-credentials*'
        $all | Should -BeLike '*PUT /spaces/test/things/*/mqtt-credentials*'
        $views.Count | Should -BeGreaterOrEqual 6
        $ids = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).FullyQualifiedErrorId
        $ids | Should -Contain "MqttCredentialConflict,$Cmd.NewIotMqttCredentialCommand"
        $ids | Should -Contain "CategoryNotFound,$Cmd.NewIotMqttCredentialCommand"
        $ids | Should -Contain "ThingInvalidArgument,$Cmd.NewIotMqttCredentialCommand"
        $ids | Should -Contain "MqttCredentialConflict,$Cmd.SetIotMqttCredentialCommand"
        $ids | Should -Contain "MqttCredentialNotFound,$Cmd.RemoveIotMqttCredentialCommand"
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 10
        @($captured | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }).Count | Should -Be 1
        # ... and the passwords did travel: the emulator received both.
        $sent = (Get-ApiLog | Where-Object body).body -join "`n"
        $sent.Contains($PasswordText) | Should -BeTrue
        $sent.Contains($NewPasswordText) | Should -BeTrue

        foreach ($secret in $PasswordText, $NewPasswordText) {
            $all.Contains($secret) | Should -BeFalse -Because 'a password must not be visible anywhere'
            $all.Contains([uri]::EscapeDataString($secret)) | Should -BeFalse
        }
    }
}
