# Update-IotThing (RFC 6902 JSON Patch) against the emulator: one Thing is one PATCH, several are bulk PATCHes of at
# most 100, each failed Thing its own error; -Add/-Replace/-Remove/-Patch combine; bad input stops before any request.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:Cmd = 'IotStudio.PowerShell.Commands.UpdateIotThingCommand'
}

Describe 'Update-IotThing' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        Clear-EmulatorLog
    }

    Describe 'one Thing' {
        It 'sends one PATCH of the Thing with the operations and writes the patched Thing with -PassThru' {
            $t = New-IotThing -Title 'boiler' -Description 'old'
            Clear-EmulatorLog
            $out = Update-IotThing $t.Uid -Replace @{ description = 'new' } -PassThru
            $out.GetType().FullName | Should -Be 'IotStudio.Models.Thing'
            $out.Uid | Should -Be $t.Uid
            $out.Description | Should -Be 'new'
            $out.Space | Should -Be 'test'
            (Get-IotThing -Id $t.Uid).Description | Should -Be 'new'
            $log = Get-ApiLog | Where-Object method -EQ 'PATCH'
            $log.Count | Should -Be 1
            $log.path | Should -Be "/spaces/test/things/$($t.Uid)"
            $log.body | Should -Be '[{"op":"replace","path":"/description","value":"new"}]'
        }

        It 'writes nothing without -PassThru' {
            $t = New-IotThing -Title 'boiler'
            Update-IotThing $t.Uid -Add @{ description = 'x' } | Should -BeNullOrEmpty
            (Get-IotThing -Id $t.Uid).Description | Should -Be 'x'
        }

        It 'combines -Patch, -Add, -Replace and -Remove into one patch, in that order' {
            $t = New-IotThing -Title 'boiler' -Description 'd' -PropertyAffordances @{ old = @{ type = 'string' }; keep = @{ type = 'number' } }
            Clear-EmulatorLog
            $out = Update-IotThing $t.Uid -PassThru `
                -Patch @{ op = 'test'; path = '/title'; value = 'boiler' }, @{ op = 'copy'; from = '/title'; path = '/properties/keep/title' } `
                -Add ([ordered]@{ 'properties/temp' = @{ type = 'number' } }) `
                -Replace @{ description = 'changed' } `
                -Remove 'properties/old'
            $body = (Get-ApiLog | Where-Object method -EQ 'PATCH').body
            $body | Should -Be ('[{"op":"test","path":"/title","value":"boiler"},{"op":"copy","from":"/title","path":"/properties/keep/title"},' +
                '{"op":"add","path":"/properties/temp","value":{"type":"number"}},{"op":"replace","path":"/description","value":"changed"},' +
                '{"op":"remove","path":"/properties/old"}]')
            $out.Description | Should -Be 'changed'
            @($out.Properties.Keys) | Should -Be 'keep', 'temp'
            $out.Properties['keep']['title'] | Should -Be 'boiler'
        }

        It 'escapes a ~ in a field name as ~0, and keeps a key written as a JSON Pointer (~1 for a /) as it is' {
            $t = New-IotThing -Title 'boiler'
            Clear-EmulatorLog
            $out = Update-IotThing $t.Uid -Add ([ordered]@{ 'properties/a~b' = @{ type = 'number' }; '/properties/x~1y' = @{ type = 'string' } }) -PassThru
            (Get-ApiLog | Where-Object method -EQ 'PATCH').body | Should -Be '[{"op":"add","path":"/properties/a~0b","value":{"type":"number"}},{"op":"add","path":"/properties/x~1y","value":{"type":"string"}}]'
            $out.Properties['a~b']['type'] | Should -Be 'number'
            $out.Properties['x/y']['type'] | Should -Be 'string'
        }

        It 'uses the Category''s path with -Category, and a Thing outside it is ThingNotFound' {
            $null = New-IotCategory Sensors
            $in = New-IotThing -Title 'in' -Category Sensors
            $out = New-IotThing -Title 'out'
            Clear-EmulatorLog
            (Update-IotThing $in.Uid -Category Sensors -Add @{ description = 'x' } -PassThru).Description | Should -Be 'x'
            Update-IotThing $out.Uid -Category Sensors -Add @{ description = 'x' } -ErrorVariable ev -ErrorAction SilentlyContinue
            (Get-ApiLog).path | Should -Be "/spaces/test/categories/Sensors/things/$($in.Uid)", "/spaces/test/categories/Sensors/things/$($out.Uid)"
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd"
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -Be $out.Uid
            (Get-IotThing -Id $out.Uid).Description | Should -BeNullOrEmpty
        }

        It 'reports a failed operation as ThingBadRequest with the API message, and changes nothing' {
            $t = New-IotThing -Title 'boiler'
            Update-IotThing $t.Uid -Add @{ description = 'x' } -Replace @{ 'properties/none' = 1 } -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingBadRequest,$Cmd"
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].TargetObject | Should -Be $t.Uid
            $ev[0].ErrorDetails.Message | Should -BeLike '*operation 1 failed*'
            (Get-IotThing -Id $t.Uid).Description | Should -BeNullOrEmpty
        }
    }

    Describe 'several Things' {
        It 'patches Things piped from Get-IotThing with one bulk PATCH and writes them in order' {
            $seed = Add-EmulatorThing -Count 5
            Clear-EmulatorLog
            $out = @(Get-IotThing | Update-IotThing -Add @{ description = 'bulk' } -PassThru)
            $out.Count | Should -Be 5
            $out.Title | Should -Be 'Thing-1', 'Thing-2', 'Thing-3', 'Thing-4', 'Thing-5'
            $out.Description | Should -Be 'bulk', 'bulk', 'bulk', 'bulk', 'bulk'
            $patch = @(Get-ApiLog | Where-Object method -EQ 'PATCH')
            $patch.Count | Should -Be 1
            $patch[0].path | Should -Be '/spaces/test/things'
            $items = $patch[0].body | ConvertFrom-Json
            $items.id | Should -Be $out.Uid
            $items[0].patch[0].op | Should -Be 'add'
            $items[0].patch[0].path | Should -Be '/description'
            $patch[0].status | Should -Be 207
            @(Get-IotThing | Where-Object Description -EQ 'bulk').Count | Should -Be 5
        }

        It 'sends 250 Things as bulk PATCHes of 100, 100 and 50' {
            $null = Add-EmulatorThing -Count 250
            Clear-EmulatorLog
            Get-IotThing -PageSize 250 | Update-IotThing -Add @{ 'status/batch' = 1 }
            $patch = @(Get-ApiLog | Where-Object method -EQ 'PATCH')
            $patch.Count | Should -Be 3
            # The bulk requests overlap (-ThrottleLimit), so they may arrive in any order.
            $patch | ForEach-Object { @($_.body | ConvertFrom-Json).Count } | Sort-Object -Descending | Should -Be 100, 100, 50
            @(Get-IotThing -PropertyFilter @{ batch = 1 } -PageSize 1000).Count | Should -Be 250
        }

        It 'sends a last batch of one Thing as the single PATCH of that Thing' {
            $seed = Add-EmulatorThing -Count 101
            Clear-EmulatorLog
            Get-IotThing -PageSize 200 | Update-IotThing -Add @{ description = 'x' }
            $patch = @(Get-ApiLog | Where-Object method -EQ 'PATCH')
            @($patch.path | Sort-Object) | Should -Be '/spaces/test/things', "/spaces/test/things/$($seed.last)"
        }

        It 'writes one error per failed Thing, with the API message and the id as target, and patches the rest' {
            $seed = Add-EmulatorThing -Count 3
            $ids = @(Get-IotThing).Uid
            Clear-EmulatorLog
            $out = @($ids[0], $MissingId, $ids[1], $ids[2] | Update-IotThing -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue `
                    -Patch @{ op = 'test'; path = '/title'; value = 'Thing-2' }, @{ op = 'replace'; path = '/title'; value = 'second' })
            $out.Uid | Should -Be $ids[1]
            $out.Title | Should -Be 'second'
            @(Get-ApiLog | Where-Object method -EQ 'PATCH').Count | Should -Be 1
            $ev.Count | Should -Be 3
            $ev.TargetObject | Should -Be $ids[0], $MissingId, $ids[2]
            $ev.FullyQualifiedErrorId | Should -Be "ThingBadRequest,$Cmd", "ThingNotFound,$Cmd", "ThingBadRequest,$Cmd"
            $ev.CategoryInfo.Category | Should -Be 'InvalidArgument', 'ObjectNotFound', 'InvalidArgument'
            $ev[1].ErrorDetails.Message | Should -BeLike "*thing '$MissingId' not found*"
            $ev[0].ErrorDetails.Message | Should -BeLike '*test*'
            (Get-IotThing).Title | Should -Be 'Thing-1', 'second', 'Thing-3'
        }

        It 'gives every Thing of a bulk request that failed as a whole its own error' {
            $null = Add-EmulatorThing -Count 2
            $ids = @(Get-IotThing).Uid
            Set-EmulatorFault @{ fail = @{ status = 503; count = 1 } }
            try { $ids | Update-IotThing -Add @{ description = 'x' } -ErrorVariable ev -ErrorAction SilentlyContinue }
            finally { Clear-EmulatorFault }
            $ev.Count | Should -Be 2
            $ev.TargetObject | Should -Be $ids
            $ev.FullyQualifiedErrorId | Should -Be "ThingServiceUnavailable,$Cmd", "ThingServiceUnavailable,$Cmd"
            @(Get-ApiLog | Where-Object method -EQ 'PATCH').Count | Should -Be 1 -Because 'a PATCH is not repeated after a 503'
        }

        It 'keeps each piped Thing in its own space, one request per space' {
            $a = New-IotThing -Title 'a1' -Space alpha
            $b = New-IotThing -Title 'b1' -Space beta
            $a2 = New-IotThing -Title 'a2' -Space alpha
            Clear-EmulatorLog
            $out = @($a, $a2, $b | Update-IotThing -Add @{ description = 'x' } -PassThru)
            $out.Space | Should -Be 'alpha', 'alpha', 'beta'
            (Get-ApiLog | Where-Object method -EQ 'PATCH').path | Should -Be '/spaces/alpha/things', "/spaces/beta/things/$($b.Uid)"
        }

        It 'uses the Category''s bulk path with -Category' {
            $null = New-IotCategory Sensors
            $null = Add-EmulatorThing -Count 2 -Category Sensors
            Clear-EmulatorLog
            $out = @(Get-IotThing -Category Sensors | Update-IotThing -Category Sensors -Add @{ description = 'x' } -PassThru)
            $out.Count | Should -Be 2
            (Get-ApiLog | Where-Object method -EQ 'PATCH').path | Should -Be '/spaces/test/categories/Sensors/things'
        }
    }

    Describe 'safety' {
        It 'sends nothing with -WhatIf, for one Thing and for many' {
            $null = Add-EmulatorThing -Count 3
            Clear-EmulatorLog
            Get-IotThing | Update-IotThing -Add @{ description = 'x' } -WhatIf
            Update-IotThing (Get-IotThing -First 1).Uid -Add @{ description = 'x' } -WhatIf
            @(Get-ApiLog | Where-Object method -EQ 'PATCH').Count | Should -Be 0
            @(Get-IotThing | Where-Object Description).Count | Should -Be 0
        }

        It 'stops before any request for <Case>' -ForEach @(
            @{ Case = 'an empty -Add'; Params = @{ Add = @{} } }
            @{ Case = 'an unknown op'; Params = @{ Patch = @{ op = 'merge'; path = '/title'; value = 1 } } }
            @{ Case = 'a path without /'; Params = @{ Patch = @{ op = 'replace'; path = 'title'; value = 1 } } }
            @{ Case = 'a misspelt member'; Params = @{ Patch = @{ op = 'replace'; path = '/title'; valeu = 1 } } }
            @{ Case = 'add without value'; Params = @{ Patch = @{ op = 'add'; path = '/title' } } }
            @{ Case = 'move without from'; Params = @{ Patch = @{ op = 'move'; path = '/title' } } }
            @{ Case = 'an empty field name'; Params = @{ Remove = 'properties//x' } }
        ) {
            $seed = Add-EmulatorThing -Count 2
            Clear-EmulatorLog
            $err = { $seed.first, $seed.last | Update-IotThing @Params } | Should -Throw -ErrorId "ThingInvalidPatch,$Cmd" -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-ApiLog | Should -BeNullOrEmpty
        }

        It 'binds any mix of -Patch, -Add, -Replace and -Remove, also with Things piped in, and needs at least one' {
            $command = Get-Command Update-IotThing
            ($command.ParameterSets | Where-Object IsDefault).Name | Should -Be 'Remove'
            @(($command.ParameterSets | Where-Object IsDefault).Parameters | Where-Object IsMandatory).Name | Sort-Object | Should -Be 'Remove', 'ThingId'
            $t = New-IotThing -Title 't' -Description 'd'
            $out = Update-IotThing $t.Uid -Replace @{ title = 't2' } -Remove description -PassThru
            $out.Title | Should -Be 't2'
            $out.Description | Should -BeNullOrEmpty
            $out = Update-IotThing $t.Uid @{ op = 'add'; path = '/description'; value = 'p' } -Remove title -PassThru
            $out.Description | Should -Be 'p'
            $out.Title | Should -BeNullOrEmpty
            foreach ($params in @{ Add = @{ 'status/a' = 1 } }, @{ Replace = @{ 'status/a' = 2 } }, @{ Remove = 'status/a' }, @{ Patch = @{ op = 'add'; path = '/status/b'; value = 1 } }, @{ Add = @{ 'status/c' = 1 }; Remove = 'status/b' }) {
                $t | Update-IotThing @params
            }
            (Get-IotThing -Id $t.Uid).Status.Keys | Should -Be 'c'
        }

        It 'names the -Patch item that is wrong' {
            $err = { Update-IotThing $MissingId -Patch @{ op = 'remove'; path = '/a' }, @{ op = 'nope'; path = '/b' } } | Should -Throw -PassThru
            $err.Exception.Message | Should -BeLike '*-Patch item 1*nope*'
        }

        It 'refuses an id that is not a ULID as that item''s error and patches the others' {
            $t = New-IotThing -Title 't'
            Clear-EmulatorLog
            $out = @('bad-id', $t.Uid | Update-IotThing -Add @{ description = 'x' } -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Uid | Should -Be $t.Uid
            $ev.Count | Should -Be 1
            $ev[0].FullyQualifiedErrorId | Should -Be "ThingInvalidArgument,$Cmd"
            $ev[0].TargetObject | Should -Be 'bad-id'
            (Get-ApiLog).path | Should -Be "/spaces/test/things/$($t.Uid)"
        }
    }
}
