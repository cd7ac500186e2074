# The contract every cmdlet of the module keeps, checked over (Get-Command -Module IotStudio), so that a new
# cmdlet is covered by adding nothing: it is exported, it supports -WhatIf/-Confirm when it changes data and its
# -WhatIf sends nothing, Remove-/Reset- ask first, and lists page. Its docs page is checked by Help.Tests.ps1.

BeforeDiscovery {
    Import-Module $env:IOTSTUDIO_TEST_MODULE
    # Verbs that change data. Connect/New/Use/Disconnect of a connection change nothing on the service.
    $changeVerbs = 'New', 'Set', 'Remove', 'Reset', 'Update', 'Add', 'Invoke', 'Send', 'Clear', 'Disconnect'
    $connectionNouns = 'IotStudio', 'IotStudioConnection'

    $script:Commands = foreach ($c in Get-Command -Module IotStudio -CommandType Cmdlet | Sort-Object Name) {
        $a = $c.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        @{
            Name          = $c.Name
            Verb          = $c.Verb
            ChangesData   = $c.Verb -in $changeVerbs -and $c.Noun -notin $connectionNouns
            ShouldProcess = $a.SupportsShouldProcess
            Lists         = $c.Verb -eq 'Get' -and $c.Parameters.ContainsKey('PageSize')
        }
    }
    $script:ChangeCommands = @($Commands | Where-Object ChangesData)
    $script:AskFirstCommands = @($Commands | Where-Object { $_.Verb -in 'Remove', 'Reset' })
    $script:ListCommands = @($Commands | Where-Object Lists)
    $script:ShouldProcessCommands = @($Commands | Where-Object ShouldProcess)
}

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force
    $script:Module = Get-Module IotStudio
    $script:Manifest = Import-PowerShellDataFile -Path $env:IOTSTUDIO_TEST_MODULE

    function Get-CmdletAttribute([string] $Name) {
        (Get-Command $Name -Module IotStudio).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
    }
}

Describe 'Exports' {
    It 'exports every [Cmdlet] class of IotStudio.PowerShell.dll' {
        $types = try { $Module.ImplementingAssembly.GetTypes() } catch [System.Reflection.ReflectionTypeLoadException] { $_.Exception.Types | Where-Object { $_ } }
        $declared = @($types | Where-Object { -not $_.IsAbstract } | ForEach-Object {
                $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)
                if ($a) { "$($a[0].VerbName)-$($a[0].NounName)" }
            })
        $declared.Count | Should -BeGreaterThan 10
        $declared | Where-Object { $_ -notin $Manifest.CmdletsToExport } | Should -BeNullOrEmpty -Because 'each cmdlet must be in CmdletsToExport of IotStudio.psd1'
    }

    It 'exports only cmdlets that exist, each once' {
        $Manifest.CmdletsToExport | Where-Object { -not (Get-Command $_ -Module IotStudio -CommandType Cmdlet -ErrorAction SilentlyContinue) } |
            Should -BeNullOrEmpty -Because 'every name in CmdletsToExport must be a cmdlet of the module'
        $Manifest.CmdletsToExport | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name | Should -BeNullOrEmpty
        @($Module.ExportedCmdlets.Keys).Count | Should -Be @($Manifest.CmdletsToExport).Count
    }
}

Describe 'Cmdlets that change data' {
    It '<Name> supports -WhatIf and -Confirm' -ForEach $ChangeCommands {
        (Get-CmdletAttribute $Name).SupportsShouldProcess | Should -BeTrue -Because "$Name changes data: [Cmdlet(..., SupportsShouldProcess = true)]"
        $params = (Get-Command $Name -Module IotStudio).Parameters
        $params.ContainsKey('WhatIf') | Should -BeTrue
        $params.ContainsKey('Confirm') | Should -BeTrue
    }

    It '<Name> asks first: ConfirmImpact High' -ForEach $AskFirstCommands {
        (Get-CmdletAttribute $Name).ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High) -Because "$Name removes or resets: ConfirmImpact = ConfirmImpact.High"
    }
}

Describe 'List cmdlets (a Get- cmdlet with -PageSize)' {
    It '<Name> supports paging: -First, -Skip, -IncludeTotalCount' -ForEach $ListCommands {
        (Get-CmdletAttribute $Name).SupportsPaging | Should -BeTrue -Because "$Name lists: [Cmdlet(..., SupportsPaging = true)]"
        $params = (Get-Command $Name -Module IotStudio).Parameters
        foreach ($p in 'First', 'Skip', 'IncludeTotalCount') { $params.ContainsKey($p) | Should -BeTrue -Because "$Name lists" }
    }

    It '<Name> -PageSize is 1 to 1000, 50 by default' -ForEach $ListCommands {
        $command = Get-Command $Name -Module IotStudio
        $range = $command.Parameters['PageSize'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        $range | Should -Not -BeNullOrEmpty
        $range.MinRange | Should -Be 1
        $range.MaxRange | Should -Be 1000
        $command.ImplementingType.GetProperty('PageSize').GetValue([Activator]::CreateInstance($command.ImplementingType)) | Should -Be 50
    }
}

Describe '-WhatIf sends nothing' {
    BeforeAll {
        Reset-Emulator
        $script:Connection = Connect-TestEmulator
        $suffix = (Get-Random -Maximum 99999).ToString('00000')
        $script:Fixtures = [ordered]@{ Connection = $Connection }
        $Fixtures.Category = New-IotCategory -Name "Contract$suffix"
        $Fixtures.Thing = New-IotThing -Title "contract-$suffix" -Category $Fixtures.Category.Name
        $script:FixtureErrors = @{}

        # A value for a mandatory parameter, from its name and type; throws naming the parameter when there is none.
        function New-ArgumentValue($Parameter, [string] $CommandName) {
            $type = $Parameter.ParameterType
            $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
            foreach ($f in $Fixtures.Values) { if ($null -ne $f -and $type -ne [object] -and $type.IsInstanceOfType($f)) { return $f } }
            $name = $Parameter.Name
            $one = switch ($element) {
                ([string]) {
                    if ($name -match 'Id$' -or $Parameter.Aliases -contains 'Uid') { $Fixtures.Thing.Uid }
                    elseif ($name -match 'Mail|^(To|Cc|Bcc)$') { 'someone@example.com' }
                    elseif ($name -match 'Url|Uri') { "$(Get-EmulatorUrl)/x" }
                    elseif ($name -eq 'Space') { 'test' }
                    else { 'contract' }
                }
                ([securestring]) { ConvertTo-SecureString 'x' -AsPlainText -Force }
                ([pscredential]) { Get-TestCredential }
                ([uri]) { [uri]"$(Get-EmulatorUrl)/x" }
                ([scriptblock]) { {} }
                ([datetime]) { Get-Date }
                ([datetimeoffset]) { [datetimeoffset]::Now }
                ([bool]) { $true }
                { $_ -in [int], [long], [uint64], [uint32], [short], [byte], [double], [decimal], [single] } { 1 }
                ([object]) { 1 }
                ([psobject]) { 1 }
                default {
                    if ([System.Collections.IDictionary].IsAssignableFrom($element)) { @{ a = 1 } }
                    elseif ($element.IsEnum) { [enum]::GetValues($element)[0] }
                    else { throw "$CommandName -${name}: the contract test cannot make a value of type $($type.FullName); give the parameter a type it can fill, or teach New-ArgumentValue in tests/Pester/Contract.Tests.ps1" }
                }
            }
            if ($type.IsArray) { , @($one) } else { $one }
        }

        # True when the piped object fills the parameter (by value, or by a property with its name or an alias).
        function Test-BindsFromPipeline($Parameter, $InputObject) {
            if ($Parameter.ValueFromPipeline -and $Parameter.ParameterType.IsInstanceOfType($InputObject)) { return $true }
            if ($Parameter.ValueFromPipelineByPropertyName) {
                $names = @($Parameter.Name) + @($Parameter.Aliases)
                return [bool]($InputObject.psobject.Properties | Where-Object { $_.Name -in $names -and $null -ne $_.Value })
            }
            $false
        }

        # The object to pipe into a cmdlet: the fixture whose type matches its noun, else the Thing.
        function Get-FixtureFor([string] $Noun) {
            switch -Wildcard ($Noun) {
                'IotStudio*' { return $Fixtures.Connection }
                'IotCategory*' { return $Fixtures.Category }
                'IotModel*' { if ($Fixtures.Model) { return $Fixtures.Model } }
                'IotAction*' { if ($Fixtures.Action) { return $Fixtures.Action } }
                'IotEvent*' { if ($Fixtures.Event) { return $Fixtures.Event } }
            }
            $Fixtures.Thing
        }

        # Runs the cmdlet once per way to call it (piped fixture then none; default parameter set first) until
        # one binds; -WhatIf is added unless $Real. Returns $null, or why no way worked.
        function Invoke-Generated([string] $Name, $InputObject, [switch] $Real, [ref] $Output) {
            $command = Get-Command $Name -Module IotStudio
            $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault })
            $failures = [System.Collections.Generic.List[string]]::new()
            foreach ($piped in @(if ($null -ne $InputObject) { $true }) + $false) {
                foreach ($set in $sets) {
                    $splat = @{}
                    foreach ($p in $set.Parameters | Where-Object IsMandatory) {
                        if ($piped -and (Test-BindsFromPipeline $p $InputObject)) { continue }
                        if ($p.ParameterType -eq [switch]) { continue }
                        $splat[$p.Name] = New-ArgumentValue $p $Name
                    }
                    if (-not $Real) { $splat.WhatIf = $true }
                    $how = "$(if ($piped) { "$($InputObject.GetType().Name) | " })$Name -$(@($splat.Keys) -join ' -') (set $($set.Name))"
                    try {
                        $out = if ($piped) { $InputObject | & $Name @splat -ErrorAction Stop } else { & $Name @splat -ErrorAction Stop }
                        if ($Output) { $Output.Value = $out }
                        return $null
                    }
                    catch {
                        $id = $_.FullyQualifiedErrorId
                        if ($id -notmatch 'InputObjectNotBound|AmbiguousParameterSet|MissingMandatoryParameter|NamedParameterNotFound|ParameterArgumentTransformationError|CannotConvertArgument|ParameterBinding') {
                            return "$how failed: $id $($_.Exception.Message)"
                        }
                        $failures.Add("$how -> $id")
                    }
                }
            }
            "no way to call it bound: $($failures -join '; ')"
        }

        # Models, Actions and Events to pipe, made by their own cmdlets, when the module has them.
        foreach ($kind in @(
                @{ Key = 'Model'; Noun = 'IotModel'; Verbs = 'New', 'Add'; From = $null }
                @{ Key = 'Action'; Noun = 'IotAction'; Verbs = 'Invoke', 'New', 'Add'; From = $Fixtures.Thing }
                @{ Key = 'Event'; Noun = 'IotEvent'; Verbs = 'New', 'Add', 'Send'; From = $Fixtures.Thing })) {
            $maker = Get-Command -Module IotStudio -Noun $kind.Noun -ErrorAction SilentlyContinue | Where-Object Verb -In $kind.Verbs | Select-Object -First 1
            if (-not $maker) { continue }
            $made = $null
            $why = Invoke-Generated $maker.Name $kind.From -Real -Output ([ref] $made)
            if ($why) { $FixtureErrors[$kind.Key] = "$($maker.Name): $why" } else { $Fixtures[$kind.Key] = @($made)[0] }
        }
    }

    It '<Name> -WhatIf sends no request' -ForEach $ShouldProcessCommands {
        $noun = (Get-Command $Name -Module IotStudio).Noun
        Clear-EmulatorLog
        $why = Invoke-Generated $Name (Get-FixtureFor $noun)
        $fixtureNote = if ($FixtureErrors.Count) { " (fixtures not made: $(($FixtureErrors.Values) -join '; '))" } else { '' }
        $why | Should -BeNullOrEmpty -Because "the contract test calls $Name with -WhatIf and generated arguments; fix the cmdlet or New-ArgumentValue$fixtureNote"
        # A token may be fetched; nothing else may be sent.
        $sent = @(Get-EmulatorRequest | Where-Object { -not ($_.method -eq 'POST' -and $_.path -eq '/oauth2/token') } | ForEach-Object { "$($_.method) $($_.path)" })
        $sent | Should -BeNullOrEmpty -Because "$Name -WhatIf must send nothing"
    }

    AfterAll {
        Disconnect-IotStudio -Confirm:$false -ErrorAction SilentlyContinue
    }
}
