# CSV and flat data both ways: ConvertTo-IotFlatThing | Export-Csv, then Import-Csv | New-IotThing recreates the same
# Things; cells read from CSV are JSON text for Set-IotProperty and New-IotThing (-AsString keeps text); New-IotThing
# warns about columns that fill no parameter, or sets them as property values with -PropertyColumn.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    # A value and its JSON type, so that 21 (long) and '21' (string) differ.
    function Get-Typed($Value) {
        if ($null -eq $Value) { return 'null' }
        "$($Value.GetType().Name):$(ConvertTo-Json -InputObject $Value -Compress -Depth 10)"
    }

    # The status of a Thing as sorted 'name=type:json' lines.
    function Get-StatusText($Thing) {
        if ($null -eq $Thing.Status) { return @() }
        @($Thing.Status.Keys | Sort-Object | ForEach-Object { "$_=$(Get-Typed $Thing.Status[$_])" })
    }

    # Writes CSV text to a file and returns its path.
    function New-Csv([string] $Name, [string[]] $Lines) {
        $path = Join-Path $TestDrive $Name
        Set-Content -Path $path -Value $Lines
        $path
    }
}

Describe 'ConvertTo-IotFlatThing and Import-Csv | New-IotThing' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        foreach ($space in 'test', 'copy') {
            Add-EmulatorModel -Name Boiler -Space $space
            $null = New-IotCategory Boilers -Space $space
            $null = New-IotCategory Roof -Space $space
        }
        $script:Originals = @(
            New-IotThing -Title 'boiler-1' -Description 'Hall' -Type Boiler -Category Boilers -Model Boiler -Status ([ordered]@{
                    temperature = 21.5; count = 3; on = $true; mode = 'eco'; code = '42'; nothing = $null; label = 'null'
                    schedule = [ordered]@{ on = '07:00'; days = @(1, 2) }; tags = @('a', 'b'); blank = ''; time = '12:30'
                })
            New-IotThing -Title 'boiler-2' -Type Boiler, 'saref:Meter' -Category Boilers, Roof -Status @{ temperature = 19; note = 'é, "quoted"' }
            New-IotThing -Title 'bare' -Category Roof
        )
        $script:Csv = Join-Path $TestDrive 'things.csv'
    }

    It 'writes one row per Thing with the same columns: fields, joined lists, Model, and a Status.<property> column per value' {
        $rows = @($Originals | ConvertTo-IotFlatThing)
        $rows | Should -HaveCount 3
        $rows[0].psobject.TypeNames[0] | Should -Be 'IotStudio.FlatThing'
        $columns = @($rows[0].psobject.Properties.Name)
        $columns[0..6] | Should -Be 'Uid', 'Title', 'Description', 'Type', 'Categories', 'Model', 'ModelVersion'
        $columns | Should -Contain 'Status.temperature'
        $columns | Should -Contain 'Status.note'
        foreach ($r in $rows) { @($r.psobject.Properties.Name) | Should -Be $columns }
        $rows[1].Type | Should -Be 'Boiler, saref:Meter'
        $rows[1].Categories | Should -Be 'Boilers, Roof'
        $rows[0].Model | Should -Be 'Boiler'
        $rows[0].'Status.temperature' | Should -Be '21.5'
        $rows[0].'Status.mode' | Should -Be 'eco'
        $rows[0].'Status.code' | Should -Be '"42"'
        $rows[0].'Status.nothing' | Should -Be 'null'
        $rows[0].'Status.label' | Should -Be '"null"'
        $rows[0].'Status.schedule' | Should -Be '{"on":"07:00","days":[1,2]}'
        $rows[0].'Status.time' | Should -Be '12:30'
        $rows[2].'Status.temperature' | Should -BeNullOrEmpty
    }

    It 'writes each row as its Thing arrives with -PropertyName, with those columns only' {
        $rows = @($Originals | ConvertTo-IotFlatThing -PropertyName temperature, missing)
        @($rows[0].psobject.Properties.Name | Where-Object { $_ -like 'Status.*' }) | Should -Be 'Status.temperature', 'Status.missing'
        $rows[0].'Status.missing' | Should -BeNullOrEmpty
    }

    It 'round-trips through a CSV file into identical Things in another space, with no warning' {
        $Originals | ConvertTo-IotFlatThing | Export-Csv -Path $Csv
        Clear-EmulatorLog
        $copies = @(Import-Csv -Path $Csv | New-IotThing -Space copy -WarningVariable warnings)
        $warnings | Should -BeNullOrEmpty
        $copies | Should -HaveCount 3
        foreach ($original in $Originals) {
            $copy = Get-IotThing -Space copy -Title $original.Title
            $copy | Should -HaveCount 1
            $copy.Uid | Should -Not -Be $original.Uid
            $copy.Space | Should -Be 'copy'
            $copy.Description | Should -Be $original.Description
            $copy.Type | Should -Be $original.Type
            @($copy.Categories | Sort-Object) | Should -Be @($original.Categories | Sort-Object)
            "$($copy.Model)" | Should -Be "$($original.Model)"
            Get-StatusText $copy | Should -Be (Get-StatusText $original)
        }
        # What went to the service: typed JSON values, and no field for an empty cell.
        $posts = @(Get-ApiLog | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/spaces/copy/things' })
        $posts | Should -HaveCount 3
        # Requests overlap (-ThrottleLimit), so they may arrive in any order: each body is found by its title.
        $bodies = @($posts | ForEach-Object { $_.body | ConvertFrom-Json -AsHashtable })
        $first = $bodies | Where-Object { $_.title -eq $Originals[0].Title }
        $first.status.temperature | Should -Be 21.5
        $first.status.on | Should -BeTrue
        $first.status.code | Should -BeOfType [string]
        $first.status.ContainsKey('nothing') | Should -BeTrue
        $first.status.nothing | Should -BeNullOrEmpty
        $first.model.name | Should -Be 'Boiler'
        $bare = $bodies | Where-Object { $_.title -eq $Originals[2].Title }
        $bare.ContainsKey('description') | Should -BeFalse
        $bare.ContainsKey('model') | Should -BeFalse
        $bare.ContainsKey('status') | Should -BeFalse
        $bare.categories | Should -Be 'Roof'
    }

    It 'copies Things piped from Get-IotThing to New-IotThing with their Model version' {
        Add-EmulatorModel -Name Versioned
        $null = New-IotModelVersion Versioned -Title 'v1'
        $null = New-IotModelVersion Versioned -Title 'v2'
        $t = New-IotThing -Title versioned -Model Versioned -ModelVersion 2
        $copy = Get-IotThing -ThingId $t.Uid | New-IotThing
        $copy.Uid | Should -Not -Be $t.Uid
        "$($copy.Model)" | Should -Be 'Versioned v2'
    }
}

Describe 'Import-Csv | Set-IotProperty reads cells as JSON text' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Thing = New-IotThing -Title csv
    }
    BeforeEach { Clear-EmulatorLog }

    It 'sends "3.5", "true", "null" and JSON text as a number, a boolean, null, an object and an array; other text as text' {
        $id = $Thing.Uid
        $csv = New-Csv 'values.csv' @(
            'ThingId,Name,Value'
            "$id,temperature,3.5"
            "$id,count,12"
            "$id,on,true"
            "$id,gone,null"
            "$id,schedule,""{""""on"""":""""07:00""""}"""
            "$id,days,""[1,2]"""
            "$id,code,""""""42"""""""
            "$id,mode,eco"
            "$id,serial,007"
        )
        Import-Csv $csv | Set-IotProperty
        $stored = Get-IotProperty -ThingId $id -AsHashtable
        Get-Typed $stored.temperature | Should -Be 'Decimal:3.5'
        Get-Typed $stored.count | Should -Be 'Int64:12'
        Get-Typed $stored.on | Should -Be 'Boolean:true'
        $stored.Contains('gone') | Should -BeTrue
        $stored.gone | Should -BeNullOrEmpty
        Get-Typed $stored.schedule | Should -Be 'OrderedDictionary:{"on":"07:00"}'
        ConvertTo-Json -InputObject $stored.days -Compress | Should -Be '[1,2]'
        Get-Typed $stored.code | Should -Be 'String:"42"'
        Get-Typed $stored.mode | Should -Be 'String:"eco"'
        Get-Typed $stored.serial | Should -Be 'String:"007"'
        # The rows of one Thing go out together, in one PUT .../properties.
        $bodies = @(Get-ApiLog | Where-Object method -EQ 'PUT' | ForEach-Object body)
        $bodies | Should -HaveCount 1
        $bodies[0] | Should -Match '^\{"temperature":3\.5,'
        $bodies[0] | Should -Match ',"gone":null,'
    }

    It 'keeps every cell as text with -AsString' {
        $csv = New-Csv 'text.csv' @('ThingId,Name,Value', "$($Thing.Uid),version,3.5", "$($Thing.Uid),flag,true")
        Import-Csv $csv | Set-IotProperty -AsString
        $stored = Get-IotProperty -ThingId $Thing.Uid -Name version, flag -AsHashtable
        Get-Typed $stored.version | Should -Be 'String:"3.5"'
        Get-Typed $stored.flag | Should -Be 'String:"true"'
    }

    It 'sends a -Value given on the command line, or piped from Get-IotProperty, as it is' {
        Set-IotProperty -ThingId $Thing.Uid -Name word -Value 'true'
        Get-Typed (Get-IotProperty -ThingId $Thing.Uid -Name word).Value | Should -Be 'String:"true"'
        $other = New-IotThing -Title other
        Get-IotProperty -ThingId $Thing.Uid -Name word | Set-IotProperty -ThingId $other.Uid
        Get-Typed (Get-IotProperty -ThingId $other.Uid -Name word).Value | Should -Be 'String:"true"'
    }
}

Describe 'Import-Csv | New-IotThing columns' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $null = New-IotCategory Sensors
        $null = New-IotCategory Roof
    }
    BeforeEach { Clear-EmulatorLog }

    It 'warns once about the columns that fill no parameter, and ignores them' {
        $csv = New-Csv 'extra.csv' @('Name,Categories,temperature,Colour,Uid,Created', 'a,Sensors,21,red,X,2024', 'b,"Sensors, Roof",22,blue,Y,2024')
        $things = @(Import-Csv $csv | New-IotThing -WarningVariable warnings 3>$null)
        $things | Should -HaveCount 2
        $things.Title | Should -Be 'a', 'b'
        $things[1].Categories | Should -Be 'Sensors', 'Roof'
        $things | ForEach-Object { $_.Status.Count | Should -Be 0 }
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike '*temperature, Colour*-PropertyColumn*'
        "$($warnings[0])" | Should -Not -BeLike '*Uid*'
    }

    It 'sets those columns as property values with -PropertyColumn, read as JSON text (-AsString keeps text)' {
        $csv = New-Csv 'props.csv' @('Title,temperature,on,mode,empty', 'p,21.5,true,eco,')
        $t = Import-Csv $csv | New-IotThing -PropertyColumn -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        Get-Typed $t.Status.temperature | Should -Be 'Decimal:21.5'
        Get-Typed $t.Status.on | Should -Be 'Boolean:true'
        Get-Typed $t.Status.mode | Should -Be 'String:"eco"'
        $t.Status.Contains('empty') | Should -BeFalse
        $s = Import-Csv $csv | New-IotThing -PropertyColumn -AsString
        Get-Typed $s.Status.temperature | Should -Be 'String:"21.5"'
    }

    It 'treats an empty cell as a value not given' {
        $csv = New-Csv 'empty.csv' @('Title,Description,Type,Categories,Model,ModelVersion', 'e,,,,,')
        $t = Import-Csv $csv | New-IotThing
        $t.Title | Should -Be 'e'
        $body = (Get-ApiLog | Where-Object method -EQ 'POST').body | ConvertFrom-Json -AsHashtable
        @($body.Keys) | Should -Be 'title'
    }
}
