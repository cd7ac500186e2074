# Get-/New-/Set-/Remove-IotModel and Get-/New-IotModelVersion against the emulator: requests sent, output, paging,
# errors, -WhatIf, pipelines; and the emulator refusing Categories and Things bound to a Model that does not exist.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'

    function Get-Body($Entry) { $Entry.body | ConvertFrom-Json -AsHashtable }

    function Get-ScopedConnection {
        # scoped-client may only be granted 'category' (see TestHelpers): every Model call is refused with 403.
        $cred = [pscredential]::new('scoped-client', (ConvertTo-SecureString 'scoped-secret' -AsPlainText -Force))
        New-IotStudioConnection -ApiUrl (Get-EmulatorUrl) -ClientCredential $cred -Space test -RetryIntervalSec 0.01
    }

    $script:TempProperty = @{ temperature = @{ type = 'number'; unit = 'C'; readOnly = $true } }
}

Describe 'Model cmdlets' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        Clear-EmulatorLog
    }

    Describe 'Get-IotModel' {
        It 'lists every Model as IotStudio.Models.ThingModel in name order, page by page' {
            Add-EmulatorModel 'Delta', 'Alpha', 'Echo', 'Charlie', 'Bravo'
            Clear-EmulatorLog
            $out = @(Get-IotModel -PageSize 2)
            $out.Name | Should -Be 'Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.ThingModel' }
            $out[0].Space | Should -Be 'test'
            $out[0].Id | Should -Not -BeNullOrEmpty
            $out[0].Created | Should -BeOfType [datetimeoffset]
            $log = Get-ApiLog
            $log | Should -HaveCount 3
            $log.method | Should -Be 'GET', 'GET', 'GET'
            $log.path | Should -Be '/spaces/test/models', '/spaces/test/models', '/spaces/test/models'
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '2', '2', '2'
            @(Get-QueryValue $log[0].query 'next_cursor').Count | Should -Be 0
            Get-QueryValue $log[1].query 'next_cursor' | Should -Not -BeNullOrEmpty
        }

        It 'asks for no more than -First needs, and Select-Object -First 1 sends one request' {
            Add-EmulatorModel 'A', 'B', 'C', 'D', 'E'
            Clear-EmulatorLog
            (Get-IotModel -First 2).Name | Should -Be 'A', 'B'
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            Get-QueryValue $log[0].query 'limit' | Should -Be '2'

            Clear-EmulatorLog
            (Get-IotModel -PageSize 1 | Select-Object -First 1).Name | Should -Be 'A'
            Get-ApiLog | Should -HaveCount 1
        }

        It 'reads a Model by name with GET .../models/{name}' {
            $null = New-IotModel Thermo -Description 'Thermostats'
            Clear-EmulatorLog
            $m = Get-IotModel Thermo
            $m.GetType().FullName | Should -Be 'IotStudio.Models.ThingModel'
            $m.Name | Should -Be 'Thermo'
            $m.Description | Should -Be 'Thermostats'
            $m.Modified | Should -Not -BeNullOrEmpty
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'GET'
            $log[0].path | Should -Be '/spaces/test/models/Thermo'
        }

        It 'reads each piped name with its own GET' {
            Add-EmulatorModel 'A', 'B', 'C'
            Clear-EmulatorLog
            ('A', 'C' | Get-IotModel).Name | Should -Be 'A', 'C'
            (Get-ApiLog).path | Should -Be '/spaces/test/models/A', '/spaces/test/models/C'
        }

        It 'filters the list with a wildcard, ignoring case' {
            Add-EmulatorModel 'Thermo', 'ThermoOld', 'Boiler'
            Clear-EmulatorLog
            (Get-IotModel 'therm*').Name | Should -Be 'Thermo', 'ThermoOld'
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].path | Should -Be '/spaces/test/models'
        }

        It 'reports a missing Model as ModelNotFound and goes on with the next name' {
            Add-EmulatorModel 'A'
            Clear-EmulatorLog
            $out = @('Nope', 'A' | Get-IotModel -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Name | Should -Be 'A'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelNotFound,$Cmd.GetIotModelCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be 'Nope'
            $ev[0].ErrorDetails.Message | Should -BeLike "*model 'Nope' not found*"
            $ev[0].Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioApiException'
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }

        It 'refuses an invalid name before its request and goes on with the next' {
            Add-EmulatorModel 'A'
            Clear-EmulatorLog
            $out = @('bad name', 'A' | Get-IotModel -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Name | Should -Be 'A'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelInvalidArgument,$Cmd.GetIotModelCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].TargetObject | Should -Be 'bad name'
            "$($ev[0].ErrorDetails.Message)" | Should -BeLike "*not a valid Model name*"
            (Get-ApiLog).path | Should -Be '/spaces/test/models/A'
        }

        It 'rejects -PageSize <Size> before any request' -ForEach @(@{ Size = 0 }, @{ Size = 1001 }) {
            { Get-IotModel -PageSize $Size } | Should -Throw -ErrorId 'ParameterArgumentValidationError,IotStudio.PowerShell.Commands.GetIotModelCommand'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'maps a token without the model scope (403) to ModelForbidden / PermissionDenied' {
            $scoped = Get-ScopedConnection
            Clear-EmulatorLog
            $out = Get-IotModel -Connection $scoped -ErrorVariable ev -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelForbidden,$Cmd.GetIotModelCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $ev[0].TargetObject | Should -Be 'test'
            $ev[0].ErrorDetails.Message | Should -BeLike "*lacks scope 'model'*"
            $ev[0].Exception.Response.StatusCode | Should -Be 403
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].status | Should -Be 403
            # The same token still reads Categories: only the model scope is missing.
            @(Get-IotCategory -Connection $scoped) | Should -HaveCount 0
        }

        It 'copies Models to another space through New-IotModel' {
            $null = New-IotModel Thermo -Description 'Thermostats'
            $null = New-IotModel Boiler -Description 'Boilers'
            Clear-EmulatorLog
            Get-IotModel | New-IotModel -Space other | Out-Null
            $posts = @(Get-ApiLog | Where-Object method -eq 'POST')
            $posts.path | Should -Be '/spaces/other/models', '/spaces/other/models'
            $copies = @(Get-IotModel -Space other)
            $copies.Name | Should -Be 'Boiler', 'Thermo'
            $copies.Description | Should -Be 'Boilers', 'Thermostats'
        }

        It 'holds no System.Text.Json types' {
            $null = New-IotModel Thermo -Description 'd'
            $null = New-IotModelVersion Thermo -Title v1 -PropertyAffordances $TempProperty -Links @(@{ href = 'https://x.test'; rel = 'doc' })
            $out = @(Get-IotModel) + @(Get-IotModel Thermo) + @(Get-IotModelVersion Thermo) + @(Get-IotModelVersion Thermo 1)
            $out | Should -HaveCount 4
            Find-JsonElement $out | Should -BeNullOrEmpty
        }

        It 'has a default table view of at most 5 columns for <Type>' -ForEach @(
            @{ Type = 'IotStudio.Models.ThingModel' }, @{ Type = 'IotStudio.Models.ThingModelVersion' }
        ) {
            $view = (Get-FormatData $Type).FormatViewDefinition[0]
            $view.Control | Should -BeOfType System.Management.Automation.TableControl
            $view.Control.Headers.Count | Should -BeLessOrEqual 5
        }
    }

    Describe 'New-IotModel' {
        It 'posts name and description and writes the new Model' {
            $m = New-IotModel -Name Thermo -Description 'Thermostats' -AdditionalProperties @{ owner = 'ops' }
            $m.GetType().FullName | Should -Be 'IotStudio.Models.ThingModel'
            $m.Name | Should -Be 'Thermo'
            $m.Description | Should -Be 'Thermostats'
            $m.Space | Should -Be 'test'
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be '/spaces/test/models'
            $body = Get-Body $log[0]
            $body.name | Should -Be 'Thermo'
            $body.description | Should -Be 'Thermostats'
            $body.owner | Should -Be 'ops'
        }

        It 'maps a duplicate name (409) to ModelConflict / ResourceExists' {
            $null = New-IotModel Thermo
            Clear-EmulatorLog
            $out = @(New-IotModel Thermo -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelConflict,$Cmd.NewIotModelCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $ev[0].TargetObject | Should -Be 'Thermo'
            $ev[0].ErrorDetails.Message | Should -BeLike "*model 'Thermo' already exists*"
            $ev[0].Exception.Response.StatusCode | Should -Be 409
            Get-ApiLog | Should -HaveCount 1
        }

        It 'refuses an invalid name before any request' {
            $null = New-IotModel -Name ('x' * 27) -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelInvalidArgument,$Cmd.NewIotModelCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'creates one Model per CSV row' {
            $rows = @([pscustomobject]@{ Name = 'Thermo'; Description = 'T' }, [pscustomobject]@{ Name = 'Boiler'; Description = 'B' })
            ($rows | New-IotModel).Name | Should -Be 'Thermo', 'Boiler'
            @(Get-ApiLog | ForEach-Object { (Get-Body $_).description } | Sort-Object) | Should -Be 'B', 'T'
        }
    }

    Describe 'Set-IotModel' {
        BeforeEach {
            $null = New-IotModel Thermo -Description 'old'
            Clear-EmulatorLog
        }

        It 'reads the Model, then PUTs it with the new description' {
            Set-IotModel Thermo -Description 'new'
            $log = Get-ApiLog
            $log.method | Should -Be 'GET', 'PUT'
            $log.path | Should -Be '/spaces/test/models/Thermo', '/spaces/test/models/Thermo'
            $body = Get-Body $log[1]
            $body.name | Should -Be 'Thermo'
            $body.description | Should -Be 'new'
            (Get-IotModel Thermo).Description | Should -Be 'new'
        }

        It 'keeps the description when -Description is not given' {
            $m = Set-IotModel Thermo -PassThru
            (Get-Body (Get-ApiLog)[-1]).description | Should -Be 'old'
            $m.Description | Should -Be 'old'
        }

        It 'changes a piped Model with one PUT and no second read' {
            $m = Get-IotModel Thermo | Set-IotModel -Description 'piped' -PassThru
            (Get-ApiLog).method | Should -Be 'GET', 'PUT'
            $m.GetType().FullName | Should -Be 'IotStudio.Models.ThingModel'
            $m.Description | Should -Be 'piped'
        }

        It 'sends back a Model edited in the pipeline, with the fields this module does not know' {
            $m = Get-IotModel Thermo
            $m.Description = 'edited'
            $m.AdditionalProperties['owner'] = @{ team = 'ops' }
            Clear-EmulatorLog
            $m | Set-IotModel
            $log = Get-ApiLog
            $log.method | Should -Be 'PUT'
            $body = Get-Body $log[0]
            $body.description | Should -Be 'edited'
            $body.owner.team | Should -Be 'ops'
        }

        It 'writes nothing without -PassThru' {
            Set-IotModel Thermo -Description 'x' | Should -BeNullOrEmpty
        }

        It 'reports a missing Model as ModelNotFound without a PUT' {
            $null = Set-IotModel Nope -Description 'x' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelNotFound,$Cmd.SetIotModelCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be 'Nope'
            (Get-ApiLog).method | Should -Be 'GET'
        }
    }

    Describe 'Remove-IotModel' {
        It 'deletes each name with its own DELETE and reports a missing one without stopping' {
            Add-EmulatorModel 'A', 'B', 'C'
            Clear-EmulatorLog
            Remove-IotModel -Name 'A', 'Nope', 'C' -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $log = Get-ApiLog
            $log.method | Should -Be 'DELETE', 'DELETE', 'DELETE'
            # Requests overlap (-ThrottleLimit), so they may arrive in any order.
            @($log.path | Sort-Object) | Should -Be '/spaces/test/models/A', '/spaces/test/models/C', '/spaces/test/models/Nope'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelNotFound,$Cmd.RemoveIotModelCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be 'Nope'
            (Get-IotModel).Name | Should -Be 'B'
        }

        It 'deletes every Model piped from Get-IotModel' {
            Add-EmulatorModel 'A', 'B'
            Clear-EmulatorLog
            Get-IotModel | Remove-IotModel -Confirm:$false
            (Get-ApiLog | Where-Object method -eq 'DELETE').path | Should -Be '/spaces/test/models/A', '/spaces/test/models/B'
            Get-IotModel | Should -BeNullOrEmpty
        }

        It 'deletes the versions with the Model: a Model made again starts at version 1' {
            $null = New-IotModel Thermo
            $null = New-IotModelVersion Thermo -Title one
            $null = New-IotModelVersion Thermo -Title two
            Remove-IotModel Thermo -Confirm:$false
            $null = New-IotModel Thermo
            Get-IotModelVersion Thermo | Should -BeNullOrEmpty
            (New-IotModelVersion Thermo -Title again).Version | Should -Be 1
        }

        It 'is ConfirmImpact High' {
            $attr = (Get-Command Remove-IotModel).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
            $attr.SupportsShouldProcess | Should -BeTrue
        }
    }

    Describe 'Get-IotModelVersion' {
        BeforeEach {
            $null = New-IotModel Thermo
            1..3 | ForEach-Object { $null = New-IotModelVersion Thermo -Title "v$_" -PropertyAffordances $TempProperty }
            Clear-EmulatorLog
        }

        It 'lists a Model''s versions oldest first as IotStudio.Models.ThingModelVersion, page by page' {
            $out = @(Get-IotModelVersion Thermo -PageSize 2)
            $out.Version | Should -Be 1, 2, 3
            $out.Title | Should -Be 'v1', 'v2', 'v3'
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.ThingModelVersion' }
            $out | ForEach-Object { $_.Model | Should -Be 'Thermo'; $_.Space | Should -Be 'test' }
            $out[0].Created | Should -BeOfType [datetimeoffset]
            $log = Get-ApiLog
            $log | Should -HaveCount 2
            $log.path | Should -Be '/spaces/test/models/Thermo/versions', '/spaces/test/models/Thermo/versions'
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '2', '2'
            Get-QueryValue $log[1].query 'next_cursor' | Should -Not -BeNullOrEmpty
        }

        It 'stops after one request for Select-Object -First 1' {
            (Get-IotModelVersion Thermo -PageSize 1 | Select-Object -First 1).Version | Should -Be 1
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            Get-QueryValue $log[0].query 'limit' | Should -Be '1'
        }

        It 'takes the Model name from a piped Model' {
            $null = New-IotModel Boiler
            $null = New-IotModelVersion Boiler -Title b1
            Clear-EmulatorLog
            $out = @(Get-IotModel | Get-IotModelVersion)
            $out | ForEach-Object { "$($_.Model)/$($_.Version)" } | Should -Be 'Boiler/1', 'Thermo/1', 'Thermo/2', 'Thermo/3'
            (Get-ApiLog).path | Should -Be '/spaces/test/models', '/spaces/test/models/Boiler/versions', '/spaces/test/models/Thermo/versions'
        }

        It 'takes the Model a piped <Kind> is bound to, never its name or id' -ForEach @(
            @{ Kind = 'Category'; Get = { $null = New-IotCategory Sensors -Model Thermo -ModelVersion 2; Get-IotCategory Sensors } }
            @{ Kind = 'Thing'; Get = { New-IotThing -Title 'probe' -Model Thermo -ModelVersion 1 } }
        ) {
            $item = & $Get
            Clear-EmulatorLog
            ($item | Get-IotModelVersion).Version | Should -Be 1, 2, 3
            (Get-ApiLog).path | Should -Be '/spaces/test/models/Thermo/versions'
        }

        It 'refuses a piped Category that has no Model before any request' {
            $null = New-IotCategory Bare
            $bare = Get-IotCategory Bare
            Clear-EmulatorLog
            $null = $bare | Get-IotModelVersion -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'reads one version by number, with its template as plain values' {
            $v = Get-IotModelVersion -Model Thermo -Version 2
            $v.Version | Should -Be 2
            $v.Title | Should -Be 'v2'
            $v.Template.GetType().FullName | Should -Be 'IotStudio.Models.ThingModelTemplate'
            $v.Template.Properties.temperature.unit | Should -Be 'C'
            $v.Template.Properties.temperature.readOnly | Should -BeTrue
            (Get-ApiLog).path | Should -Be '/spaces/test/models/Thermo/versions/2'
        }

        It 'reads a piped version again from its Model and number' {
            $v = Get-IotModelVersion Thermo 3
            Clear-EmulatorLog
            ($v | Get-IotModelVersion).Title | Should -Be 'v3'
            (Get-ApiLog).path | Should -Be '/spaces/test/models/Thermo/versions/3'
        }

        It 'reports a missing version as ModelVersionNotFound, targeting Model/number, and goes on' {
            $out = @(Get-IotModelVersion Thermo -Version 9, 1 -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Version | Should -Be 1
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelVersionNotFound,$Cmd.GetIotModelVersionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be 'Thermo/9'
            $ev[0].ErrorDetails.Message | Should -BeLike "*version 9 of model 'Thermo' not found*"
            (Get-ApiLog).path | Should -Be '/spaces/test/models/Thermo/versions/9', '/spaces/test/models/Thermo/versions/1'
        }

        It 'reports the versions of a missing Model as ModelNotFound (the missing object)' {
            $null = Get-IotModelVersion Nope -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelNotFound,$Cmd.GetIotModelVersionCommand"
            $ev[0].TargetObject | Should -Be 'Nope'
            $ev[0].ErrorDetails.Message | Should -BeLike "*model 'Nope' not found*"
        }

        It 'refuses version number <Number> before any request' -ForEach @(@{ Number = 0 }, @{ Number = -1 }) {
            { Get-IotModelVersion Thermo -Version $Number } | Should -Throw -ErrorId 'ParameterArgumentValidationError,IotStudio.PowerShell.Commands.GetIotModelVersionCommand'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'refuses an invalid Model name before any request' {
            $null = Get-IotModelVersion 'no/slash' -ErrorVariable ev -ErrorAction SilentlyContinue
            $null = Get-IotModelVersion 'no/slash' -Version 1 -ErrorVariable +ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 2
            $ev | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be "ModelInvalidArgument,$Cmd.GetIotModelVersionCommand" }
            $ev[1].TargetObject | Should -Be 'no/slash/1'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'maps a token without the model scope (403) to ModelVersionForbidden' {
            $scoped = Get-ScopedConnection
            $null = Get-IotModelVersion Thermo -Connection $scoped -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelVersionForbidden,$Cmd.GetIotModelVersionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        }
    }

    Describe 'New-IotModelVersion' {
        BeforeEach {
            $null = New-IotModel Thermo
            Clear-EmulatorLog
        }

        It 'posts title, description and the template, and the service numbers the versions 1, 2' {
            $links = @(@{ href = 'https://docs.test/thermo'; rel = 'doc' })
            $v = New-IotModelVersion Thermo -Title 'First' -Description 'initial' -TemplateTitle 'Thermostat' -TemplateDescription 'A room thermostat' `
                -PropertyAffordances $TempProperty -ActionAffordances @{ reboot = @{ safe = $false } } -EventAffordances @{ overheat = @{ data = @{ type = 'number' } } } `
                -Links $links -AdditionalProperties @{ note = 'x' }
            $v.GetType().FullName | Should -Be 'IotStudio.Models.ThingModelVersion'
            $v.Version | Should -Be 1
            $v.Model | Should -Be 'Thermo'
            $v.Title | Should -Be 'First'
            $v.Template.Title | Should -Be 'Thermostat'
            $v.Template.Actions.Keys | Should -Be 'reboot'
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be '/spaces/test/models/Thermo/versions'
            $body = Get-Body $log[0]
            $body.title | Should -Be 'First'
            $body.description | Should -Be 'initial'
            $body.note | Should -Be 'x'
            $body.template.title | Should -Be 'Thermostat'
            $body.template.description | Should -Be 'A room thermostat'
            $body.template.properties.temperature.type | Should -Be 'number'
            $body.template.actions.reboot.safe | Should -BeFalse
            $body.template.events.overheat.data.type | Should -Be 'number'
            $body.template.links[0].href | Should -Be 'https://docs.test/thermo'
            (New-IotModelVersion Thermo -Title 'Second').Version | Should -Be 2
        }

        It 'sends no template when none is given' {
            $null = New-IotModelVersion Thermo -Title 'bare'
            $body = Get-Body (Get-ApiLog)[0]
            $body.Keys | Should -Be 'title'
        }

        It 'takes the Model name from a piped Model' {
            $v = Get-IotModel Thermo | New-IotModelVersion -Title 'piped'
            $v.Model | Should -Be 'Thermo'
            (Get-ApiLog | Where-Object method -eq 'POST').path | Should -Be '/spaces/test/models/Thermo/versions'
        }

        It 'freezes a piped version again as the newest, with the changes given' {
            $null = New-IotModelVersion Thermo -Title 'good' -TemplateTitle 'T' -PropertyAffordances $TempProperty
            $null = New-IotModelVersion Thermo -Title 'bad'
            Clear-EmulatorLog
            $v = Get-IotModelVersion Thermo 1 | New-IotModelVersion -Description 'rolled back'
            $v.Version | Should -Be 3
            $v.Title | Should -Be 'good'
            $v.Description | Should -Be 'rolled back'
            $v.Template.Properties.temperature.unit | Should -Be 'C'
            $post = @(Get-ApiLog | Where-Object method -eq 'POST')
            $post | Should -HaveCount 1
            $body = Get-Body $post[0]
            $body.template.title | Should -Be 'T'
            $body.template.properties.temperature.unit | Should -Be 'C'
        }

        It 'copies a version to another Model, with a template property replaced' {
            $null = New-IotModel Boiler
            $null = New-IotModelVersion Thermo -Title 'src' -PropertyAffordances $TempProperty -ActionAffordances @{ reboot = @{} }
            Clear-EmulatorLog
            $v = Get-IotModelVersion Thermo 1 | New-IotModelVersion -Model Boiler -PropertyAffordances @{ pressure = @{ type = 'number' } }
            $v.Model | Should -Be 'Boiler'
            $v.Version | Should -Be 1
            $body = Get-Body @(Get-ApiLog | Where-Object method -eq 'POST')[0]
            $body.template.properties.Keys | Should -Be 'pressure'
            $body.template.actions.Keys | Should -Be 'reboot'
        }

        It 'reports a missing Model as ModelNotFound (the missing object)' {
            $null = New-IotModelVersion Nope -Title 'x' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelNotFound,$Cmd.NewIotModelVersionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be 'Nope'
            $ev[0].ErrorDetails.Message | Should -BeLike "*model 'Nope' not found*"
        }

        It 'maps a template the service refuses (400) to ModelVersionBadRequest' {
            $null = New-IotModelVersion Thermo -Links 'not-a-link' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelVersionBadRequest,$Cmd.NewIotModelVersionCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].ErrorDetails.Message | Should -BeLike "*template.links*"
            Get-IotModelVersion Thermo | Should -BeNullOrEmpty
        }

        It 'refuses an invalid Model name before any request' {
            $null = New-IotModelVersion 'a b' -Title 'x' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ModelInvalidArgument,$Cmd.NewIotModelVersionCommand"
            $ev[0].TargetObject | Should -Be 'a b'
            Get-ApiLog | Should -BeNullOrEmpty
        }
    }

    Describe '-WhatIf sends nothing' {
        It '<Name> -WhatIf sends no request and changes nothing' -ForEach @(
            @{ Name = 'New-IotModel'; Call = { New-IotModel Other -Description 'x' -WhatIf } }
            @{ Name = 'Set-IotModel'; Call = { Set-IotModel Thermo -Description 'changed' -WhatIf } }
            @{ Name = 'Set-IotModel (pipeline)'; Call = { param($m) $m | Set-IotModel -Description 'changed' -WhatIf } }
            @{ Name = 'Remove-IotModel'; Call = { Remove-IotModel Thermo -WhatIf } }
            @{ Name = 'Remove-IotModel (pipeline)'; Call = { param($m) $m | Remove-IotModel -WhatIf } }
            @{ Name = 'New-IotModelVersion'; Call = { New-IotModelVersion Thermo -Title 'v2' -WhatIf } }
            @{ Name = 'New-IotModelVersion (pipeline)'; Call = { param($m) $m | New-IotModelVersion -Title 'v2' -WhatIf } }
        ) {
            $null = New-IotModel Thermo -Description 'kept'
            $null = New-IotModelVersion Thermo -Title 'v1'
            $model = Get-IotModel Thermo
            Clear-EmulatorLog
            $out = & $Call $model
            $out | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            $after = @(Get-IotModel)
            $after.Name | Should -Be 'Thermo'
            $after.Description | Should -Be 'kept'
            (Get-IotModelVersion Thermo).Version | Should -Be 1
        }
    }

    Describe 'Categories and Things bound to a Model' {
        BeforeEach {
            $null = New-IotModel Thermo
            $null = New-IotCategory Sensors
            $script:thing = New-IotThing -Title 'probe' -Category Sensors
            Clear-EmulatorLog
        }

        It 'refuses <Name> bound to a Model the space does not have (400, naming the Model)' -ForEach @(
            @{ Name = 'New-IotCategory'; ErrorId = "CategoryBadRequest,IotStudio.PowerShell.Commands.NewIotCategoryCommand"; Call = { New-IotCategory Pumps -Model Nope -ErrorVariable ev -ErrorAction SilentlyContinue } }
            @{ Name = 'Set-IotCategory'; ErrorId = "CategoryBadRequest,IotStudio.PowerShell.Commands.SetIotCategoryCommand"; Call = { Set-IotCategory Sensors -Model Nope -ErrorVariable ev -ErrorAction SilentlyContinue } }
            @{ Name = 'New-IotThing'; ErrorId = "ThingBadRequest,IotStudio.PowerShell.Commands.NewIotThingCommand"; Call = { New-IotThing -Title 'x' -Model Nope -ErrorVariable ev -ErrorAction SilentlyContinue } }
            @{ Name = 'Set-IotThing'; ErrorId = "ThingBadRequest,IotStudio.PowerShell.Commands.SetIotThingCommand"; Call = { Set-IotThing -Id $thing.Uid -Model Nope -ErrorVariable ev -ErrorAction SilentlyContinue } }
            @{ Name = 'Set-IotThing -Category'; ErrorId = "ThingBadRequest,IotStudio.PowerShell.Commands.SetIotThingCommand"; Call = { Set-IotThing -Id $thing.Uid -Category Sensors -Model Nope -ErrorVariable ev -ErrorAction SilentlyContinue } }
        ) {
            $ev = $null
            $out = @(. $Call)
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be $ErrorId
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].ErrorDetails.Message | Should -BeLike "*model 'Nope' does not exist in space 'test'*"
            $ev[0].Exception.Response.StatusCode | Should -Be 400
            @(Get-ApiLog | Where-Object status -eq 400) | Should -HaveCount 1
            @(Get-IotCategory).Name | Should -Be 'Sensors'
            (Get-IotCategory Sensors).Model | Should -BeNullOrEmpty
            $t = @(Get-IotThing)
            $t.Title | Should -Be 'probe'
            $t[0].Model | Should -BeNullOrEmpty
        }

        It 'refuses a category-scoped create and a JSON Patch that bind to a missing Model' {
            $headers = @{ Authorization = 'Bearer static-test-token' }
            $url = Get-EmulatorUrl
            $post = { Invoke-RestMethod -Method POST -Uri "$url/spaces/test/categories/Sensors/things" -Headers $headers -ContentType 'application/json' -Body '{"title":"y","model":{"name":"Nope"}}' }
            $patch = { Invoke-RestMethod -Method PATCH -Uri "$url/spaces/test/things/$($thing.Uid)" -Headers $headers -ContentType 'application/json-patch+json' -Body '[{"op":"add","path":"/model","value":{"name":"Nope"}}]' }
            foreach ($call in $post, $patch) {
                $e = $call | Should -Throw -PassThru
                $e.Exception.Response.StatusCode.value__ | Should -Be 400
                ($e.ErrorDetails.Message | ConvertFrom-Json).error.details.model | Should -Be 'Nope'
            }
            @(Get-IotThing).Title | Should -Be 'probe'
        }

        It 'accepts the binding once the Model exists, in the category-scoped update too' {
            $t = Set-IotThing -Id $thing.Uid -Category Sensors -Model Thermo -ModelVersion 1 -PassThru
            $t.Model.Name | Should -Be 'Thermo'
            (Set-IotCategory Sensors -Model Thermo -PassThru).Model.Name | Should -Be 'Thermo'
        }

        It 'lets a Model be deleted while bound; the next update must re-bind or unbind' {
            Set-IotCategory Sensors -Model Thermo
            Remove-IotModel Thermo -Confirm:$false
            (Get-IotCategory Sensors).Model.Name | Should -Be 'Thermo'
            $null = Set-IotCategory Sensors -Description 'x' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -Be "CategoryBadRequest,$Cmd.SetIotCategoryCommand"
            Set-IotCategory Sensors -Description 'x' -ClearModel
            $after = Get-IotCategory Sensors
            $after.Model | Should -BeNullOrEmpty
            $after.Description | Should -Be 'x'
        }
    }
}
