# Get-/New-/Set-/Remove-IotCategory against the emulator: requests sent, output, errors, -WhatIf.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'

    # Creates Categories fast: seeding zero Things into a Category creates it.
    function Add-TestCategory([string[]] $Name) {
        foreach ($n in $Name) { $null = Add-EmulatorThing -Count 0 -Category $n }
    }
}

Describe 'Category cmdlets' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        # The emulator, like the service, refuses a Category bound to a Model the space does not have.
        Add-EmulatorModel Thermo, Other
        Clear-EmulatorLog
    }

    Describe 'Get-IotCategory' {
        It 'lists every Category as IotStudio.Models.Category, page by page' {
            Add-TestCategory 'A', 'B', 'C', 'D', 'E'
            $out = @(Get-IotCategory -PageSize 2)
            $out.Name | Should -Be 'A', 'B', 'C', 'D', 'E'
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'IotStudio.Models.Category' }
            $out[0].Space | Should -Be 'test'
            $log = Get-ApiLog
            $log | Should -HaveCount 3
            $log.path | Should -Be '/spaces/test/categories', '/spaces/test/categories', '/spaces/test/categories'
            $log | ForEach-Object { Get-QueryValue $_.query 'limit' } | Should -Be '2', '2', '2'
            Get-QueryValue $log[1].query 'next_cursor' | Should -Not -BeNullOrEmpty
        }

        It 'asks for no more than -First needs' {
            Add-TestCategory 'A', 'B', 'C', 'D', 'E'
            (Get-IotCategory -First 2).Name | Should -Be 'A', 'B'
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            Get-QueryValue $log[0].query 'limit' | Should -Be '2'
        }

        It 'reads a Category by name with GET .../categories/{name}' {
            $null = New-IotCategory Sensors -Description 'All sensors' -Model Thermo -ModelVersion 2
            Clear-EmulatorLog
            $c = Get-IotCategory Sensors
            $c.GetType().FullName | Should -Be 'IotStudio.Models.Category'
            $c.Name | Should -Be 'Sensors'
            $c.Description | Should -Be 'All sensors'
            $c.Model.Name | Should -Be 'Thermo'
            $c.Model.Version | Should -Be 2
            $c.Created | Should -Not -BeNullOrEmpty
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'GET'
            $log[0].path | Should -Be '/spaces/test/categories/Sensors'
        }

        It 'reads each piped name with its own GET' {
            Add-TestCategory 'A', 'B', 'C'
            ('A', 'C' | Get-IotCategory).Name | Should -Be 'A', 'C'
            (Get-ApiLog).path | Should -Be '/spaces/test/categories/A', '/spaces/test/categories/C'
        }

        It 'filters the list with a wildcard' {
            Add-TestCategory 'Sensors', 'SensorsOld', 'Actuators'
            (Get-IotCategory 'Sens*').Name | Should -Be 'Sensors', 'SensorsOld'
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].path | Should -Be '/spaces/test/categories'
        }

        It 'reports a missing Category as CategoryNotFound and goes on with the next name' {
            Add-TestCategory 'A'
            $out = @('Nope', 'A' | Get-IotCategory -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Name | Should -Be 'A'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "CategoryNotFound,$Cmd.GetIotCategoryCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be 'Nope'
            $ev[0].ErrorDetails.Message | Should -BeLike "*category 'Nope' not found*"
            $ev[0].Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioApiException'
            $ev[0].Exception.Response.StatusCode | Should -Be 404
        }

        It 'applies -Skip and -First to the wildcard matches, not to every listed Category' {
            Add-TestCategory 'A1', 'B1', 'A2', 'B2', 'A3', 'A4'
            (Get-IotCategory -Name 'A*' -Skip 1 -First 2 -PageSize 2).Name | Should -Be 'A2', 'A3'
            # Matching is client-side, so pages are read until two matches past the first are written. Categories come
            # in name order (A1 A2 | A3 A4 | B1 B2), so that is two pages of 2.
            Get-ApiLog | Should -HaveCount 2
        }

        It 'maps a failed list to a non-terminating CategoryForbidden error' {
            $scoped = New-IotStudioConnection -ApiUrl (Get-EmulatorUrl) -Space test -ClientId scoped-client -ClientSecret (ConvertTo-SecureString 'scoped-secret' -AsPlainText -Force)
            # scoped-client only has 'category', so listing works; a static token that is wrong gives a 401 instead.
            $bad = New-IotStudioConnection -ApiUrl (Get-EmulatorUrl) -Space test -AccessToken (ConvertTo-SecureString 'wrong-token' -AsPlainText -Force) -MaximumRetryCount 0
            $out = Get-IotCategory -Connection $bad -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "CategoryUnauthorized,$Cmd.GetIotCategoryCommand"
            $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            @(Get-IotCategory -Connection $scoped) | Should -HaveCount 0
        }

        It 'copies Categories with their model through New-IotCategory' {
            $null = New-IotCategory Sensors -Description 'All sensors' -Model Thermo -ModelVersion 2
            Add-EmulatorModel Thermo -Space other
            Get-IotCategory Sensors | New-IotCategory -Space other | Out-Null
            $copy = Get-IotCategory Sensors -Space other
            $copy.Model.Name | Should -Be 'Thermo'
            $copy.Model.Version | Should -Be 2
            $copy.Description | Should -Be 'All sensors'
        }

        It 'holds no System.Text.Json types' {
            $null = New-IotCategory Sensors -Description 'd' -Model Thermo -ModelVersion 3
            $out = @(Get-IotCategory) + @(Get-IotCategory Sensors)
            $out | Should -HaveCount 2
            Find-JsonElement $out | Should -BeNullOrEmpty
        }

        It 'has a default table view of at most 5 columns' {
            $view = (Get-FormatData IotStudio.Models.Category).FormatViewDefinition[0]
            $view.Control | Should -BeOfType System.Management.Automation.TableControl
            $view.Control.Headers.Count | Should -BeLessOrEqual 5
        }
    }

    Describe 'New-IotCategory' {
        It 'posts name, description and model' {
            $c = New-IotCategory -Name Sensors -Description 'All sensors' -Model Thermo -ModelVersion 2
            $c.GetType().FullName | Should -Be 'IotStudio.Models.Category'
            $c.Name | Should -Be 'Sensors'
            $c.Model.Version | Should -Be 2
            $log = Get-ApiLog
            $log | Should -HaveCount 1
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be '/spaces/test/categories'
            $body = $log[0].body | ConvertFrom-Json -AsHashtable
            $body.name | Should -Be 'Sensors'
            $body.description | Should -Be 'All sensors'
            $body.model.name | Should -Be 'Thermo'
            $body.model.version | Should -Be 2
        }

        It 'maps a duplicate name (409) to CategoryConflict / ResourceExists' {
            $null = New-IotCategory Sensors
            Clear-EmulatorLog
            $out = @(New-IotCategory Sensors -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "CategoryConflict,$Cmd.NewIotCategoryCommand"
            $ev[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $ev[0].TargetObject | Should -Be 'Sensors'
            $ev[0].ErrorDetails.Message | Should -BeLike "*category 'Sensors' already exists*"
            $ev[0].Exception.GetType().FullName | Should -Be 'IotStudio.Http.IotStudioApiException'
            $ev[0].Exception.Response.StatusCode | Should -Be 409
            (Get-ApiLog) | Should -HaveCount 1
        }

        It 'makes the conflict terminating with -ErrorAction Stop' {
            $null = New-IotCategory Sensors
            { New-IotCategory Sensors -ErrorAction Stop } | Should -Throw -ErrorId "CategoryConflict,$Cmd.NewIotCategoryCommand"
        }
    }

    Describe 'Set-IotCategory' {
        BeforeEach {
            $null = New-IotCategory Sensors -Description 'old' -Model Thermo -ModelVersion 2
            Clear-EmulatorLog
        }

        It 'keeps the model when only -Description changes' {
            Set-IotCategory Sensors -Description 'new'
            $log = Get-ApiLog
            $log.method | Should -Be 'GET', 'PUT'
            $log[1].path | Should -Be '/spaces/test/categories/Sensors'
            $body = $log[1].body | ConvertFrom-Json -AsHashtable
            $body.name | Should -Be 'Sensors'
            $body.description | Should -Be 'new'
            $body.model.name | Should -Be 'Thermo'
            $body.model.version | Should -Be 2
            $after = Get-IotCategory Sensors
            $after.Description | Should -Be 'new'
            $after.Model.Name | Should -Be 'Thermo'
            $after.Model.Version | Should -Be 2
        }

        It 'keeps the description when only -Model changes' {
            $c = Set-IotCategory Sensors -Model Other -PassThru
            $body = (Get-ApiLog)[-1].body | ConvertFrom-Json -AsHashtable
            $body.description | Should -Be 'old'
            $body.model.name | Should -Be 'Other'
            $c.GetType().FullName | Should -Be 'IotStudio.Models.Category'
            $c.Model.Name | Should -Be 'Other'
            $c.Description | Should -Be 'old'
        }

        It 'unbinds the model with -ClearModel' {
            Set-IotCategory Sensors -ClearModel
            $body = (Get-ApiLog)[-1].body | ConvertFrom-Json -AsHashtable
            $body.Keys | Should -Contain 'model'
            $body.model | Should -BeNullOrEmpty
            (Get-IotCategory Sensors).Model | Should -BeNullOrEmpty
        }

        It 'sends back a Category changed in the pipeline' {
            $null = Get-IotCategory Sensors | ForEach-Object { $_.Description = 'piped'; $_ } | Set-IotCategory
            $put = @(Get-ApiLog | Where-Object method -eq 'PUT')
            $put | Should -HaveCount 1
            $body = $put[0].body | ConvertFrom-Json -AsHashtable
            $body.description | Should -Be 'piped'
            $body.model.name | Should -Be 'Thermo'
            # The piped Category binds to -InputObject: no second read before the PUT.
            (Get-ApiLog).method | Should -Be 'GET', 'PUT'
            (Get-IotCategory Sensors).Description | Should -Be 'piped'
        }

        It 'reports a missing Category as CategoryNotFound without a PUT' {
            $null = Set-IotCategory Nope -Description 'x' -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "CategoryNotFound,$Cmd.SetIotCategoryCommand"
            $ev[0].TargetObject | Should -Be 'Nope'
            (Get-ApiLog).method | Should -Be 'GET'
        }
    }

    Describe 'Remove-IotCategory' {
        It 'deletes each name with its own DELETE and reports a missing one without stopping' {
            Add-TestCategory 'A', 'B', 'C'
            Remove-IotCategory -Name 'A', 'Nope', 'C' -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $log = Get-ApiLog
            $log.method | Should -Be 'DELETE', 'DELETE', 'DELETE'
            # Requests overlap (-ThrottleLimit), so they may arrive in any order.
            @($log.path | Sort-Object) | Should -Be '/spaces/test/categories/A', '/spaces/test/categories/C', '/spaces/test/categories/Nope'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -Be "CategoryNotFound,$Cmd.RemoveIotCategoryCommand"
            $ev[0].TargetObject | Should -Be 'Nope'
            (Get-IotCategory).Name | Should -Be 'B'
        }

        It 'takes names piped as strings' {
            Add-TestCategory 'A', 'B'
            'A', 'B' | Remove-IotCategory -Confirm:$false
            @((Get-ApiLog | Where-Object method -eq 'DELETE').path | Sort-Object) | Should -Be '/spaces/test/categories/A', '/spaces/test/categories/B'
        }

        It 'takes Categories from the pipeline' {
            Add-TestCategory 'A', 'B'
            Get-IotCategory A | Remove-IotCategory -Confirm:$false
            (Get-ApiLog | Where-Object method -eq 'DELETE').path | Should -Be '/spaces/test/categories/A'
            (Get-IotCategory).Name | Should -Be 'B'
        }

        It 'is ConfirmImpact High' {
            $attr = (Get-Command Remove-IotCategory).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attr.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
            $attr.SupportsShouldProcess | Should -BeTrue
        }
    }

    Describe '-WhatIf sends nothing' {
        It '<Name> -WhatIf sends no request and changes nothing' -ForEach @(
            @{ Name = 'New-IotCategory'; Call = { New-IotCategory Other -Description 'x' -WhatIf } }
            @{ Name = 'Set-IotCategory'; Call = { Set-IotCategory Sensors -Description 'changed' -WhatIf } }
            @{ Name = 'Set-IotCategory (pipeline)'; Call = { param($c) $c | Set-IotCategory -Description 'changed' -WhatIf } }
            @{ Name = 'Remove-IotCategory'; Call = { Remove-IotCategory Sensors -WhatIf } }
        ) {
            $null = New-IotCategory Sensors -Description 'kept'
            $category = Get-IotCategory Sensors
            Clear-EmulatorLog
            $out = & $Call $category
            $out | Should -BeNullOrEmpty
            Get-ApiLog | Should -BeNullOrEmpty
            $after = @(Get-IotCategory)
            $after.Name | Should -Be 'Sensors'
            $after.Description | Should -Be 'kept'
        }
    }
}
