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
            ConfirmImpact = "$($a.ConfirmImpact)"
            Lists         = $c.Verb -eq 'Get' -and $c.Parameters.ContainsKey('PageSize')
        }
    }
    $script:ChangeCommands = @($Commands | Where-Object ChangesData)
    $script:AskFirstCommands = @($Commands | Where-Object { $_.Verb -in 'Remove', 'Reset' })
    $script:HighImpactCommands = @($Commands | Where-Object { $_.ShouldProcess -and $_.ConfirmImpact -eq 'High' })
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
            # A parameter with a set of valid values gets the first of them.
            $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
            if ($set) { return $set.ValidValues[0] }
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

Describe '-Force on every ConfirmImpact High cmdlet' {
    BeforeAll {
        # One non-interactive child PowerShell runs every High cmdlet with $ConfirmPreference = 'Low': without -Force
        # (it must try to prompt, which fails there: the control), with -Force (no prompt, the request goes out),
        # with -Force -WhatIf (nothing goes out) and with -Force -Confirm (asks: an explicit -Confirm wins). Arguments
        # are generated from the parameters; a parameter with a ValidateSet is tried with each of its values until a
        # call asks for confirmation.
        $names = @($HighImpactCommands | ForEach-Object Name)
        $script:ForceResults = @{}
        if (-not $names) { return }
        $child = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$PSScriptRoot/TestHelpers.psm1'
Import-Module '$env:IOTSTUDIO_TEST_MODULE'
`$null = Connect-TestEmulator -Space contract-force
`$ConfirmPreference = 'Low'

function New-Value(`$p) {
    `$type = if (`$p.ParameterType.IsArray) { `$p.ParameterType.GetElementType() } else { `$p.ParameterType }
    `$value = if (`$type -eq [string]) {
        if (`$p.Name -match 'Id$' -or `$p.Aliases -contains 'Uid') { '01J00000000000000000000000' }
        elseif (`$p.Name -eq 'Query') { 'FOR t IN things RETURN t' }
        else { 'contract' }
    }
    elseif ([System.Collections.IDictionary].IsAssignableFrom(`$type)) { @{ a = 1 } }
    elseif (`$type.IsEnum) { [enum]::GetValues(`$type)[0] }
    elseif (`$type -in [int], [long], [double], [object]) { 1 }
    elseif (`$type -in [datetimeoffset], [datetime]) { [datetimeoffset]::Now }
    else { throw "no value for -`$(`$p.Name) of type `$(`$type.FullName)" }
    if (`$p.ParameterType.IsArray) { , @(`$value) } else { `$value }
}

# Every splat for a parameter set: one per combination of ValidateSet values of its mandatory parameters. With
# -AsPiped, also the string parameters a piped object would fill by property name (-ThingId, -Category, ...).
function Get-Splats(`$set, [switch] `$AsPiped) {
    `$splats = @(@{})
    `$fill = { `$_.ParameterType -ne [switch] -and (`$_.IsMandatory -or (`$AsPiped -and `$_.ValueFromPipelineByPropertyName -and `$_.ParameterType -eq [string] -and `$_.Name -ne 'Space')) }
    foreach (`$p in `$set.Parameters | Where-Object `$fill) {
        # Member access, not ForEach-Object -MemberName: that one asks too when `$ConfirmPreference is Low.
        `$choices = @((`$p.Attributes | Where-Object { `$_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues | Where-Object { `$_ })
        if (-not `$choices) { `$choices = @(, (New-Value `$p)) }
        `$splats = @(foreach (`$s in `$splats) { foreach (`$c in `$choices) { `$n = `$s.Clone(); `$n[`$p.Name] = `$c; `$n } })
    }
    `$splats
}

function Invoke-Case([string] `$Name, [hashtable] `$Splat) {
    Clear-EmulatorLog
    `$prompted = `$false; `$failure = `$null
    try { `$null = & `$Name @Splat -ErrorAction Stop }
    catch {
        if (`$_.Exception.Message -match 'NonInteractive|prompt') { `$prompted = `$true } else { `$failure = `$_.FullyQualifiedErrorId }
    }
    [pscustomobject]@{ Prompted = `$prompted; Sent = @(Get-ApiLog).Count; Failure = `$failure }
}

foreach (`$name in '$($names -join "','")') {
    `$result = [ordered]@{ Name = `$name; Found = `$false }
    `$tried = [System.Collections.Generic.HashSet[string]]::new()
    try {
        foreach (`$set in @((Get-Command `$name -Module IotStudio).ParameterSets) * 2) {
            # First pass: mandatory parameters only; second pass: as if an object were piped.
            `$asPiped = `$tried.Contains(`$set.Name)
            `$null = `$tried.Add(`$set.Name)
            `$splats = try { @(Get-Splats `$set -AsPiped:`$asPiped) } catch { @() }
            foreach (`$splat in `$splats) {
                `$control = Invoke-Case `$name `$splat
                if (-not `$control.Prompted) { continue }
                `$forced = Invoke-Case `$name (`$splat + @{ Force = `$true })
                `$whatIf = Invoke-Case `$name (`$splat + @{ Force = `$true; WhatIf = `$true })
                `$confirm = Invoke-Case `$name (`$splat + @{ Force = `$true; Confirm = `$true })
                `$result.Found = `$true
                `$result.Call = "`$name -`$(@(`$splat.Keys) -join ' -')"
                `$result.ControlSent = `$control.Sent
                `$result.ForcePrompted = `$forced.Prompted
                `$result.ForceSent = `$forced.Sent
                `$result.WhatIfPrompted = `$whatIf.Prompted
                `$result.WhatIfSent = `$whatIf.Sent
                `$result.ConfirmPrompted = `$confirm.Prompted
                break
            }
            if (`$result.Found) { break }
        }
    }
    catch { `$result.Error = "`$_" }
    'RESULT ' + (`$result | ConvertTo-Json -Compress)
}
Disconnect-IotStudio -Confirm:`$false
"@
        foreach ($line in Invoke-ChildPwsh -Script $child) {
            if ($line -like 'RESULT *') { $r = $line.Substring(7) | ConvertFrom-Json; $ForceResults[$r.Name] = $r }
        }
    }

    It '<Name> has a -Force switch' -ForEach $HighImpactCommands {
        $param = (Get-Command $Name -Module IotStudio).Parameters['Force']
        $param | Should -Not -BeNullOrEmpty -Because "$Name is ConfirmImpact High: give it -Force (implement ISupportsForce)"
        $param.ParameterType | Should -Be ([switch])
        (Get-Command $Name -Module IotStudio).ImplementingType.GetInterfaces().Name | Should -Contain 'ISupportsForce'
    }

    It '<Name> -Force does not prompt and sends the request; -Force -WhatIf sends nothing' -ForEach $HighImpactCommands {
        $r = $ForceResults[$Name]
        $r | Should -Not -BeNullOrEmpty -Because 'the child PowerShell reports every High cmdlet'
        $r.Error | Should -BeNullOrEmpty
        $r.Found | Should -BeTrue -Because "with `$ConfirmPreference = 'Low' some call of $Name must ask for confirmation (else the test proves nothing)"
        $r.ControlSent | Should -Be 0 -Because 'a refused prompt sends nothing'
        $r.ForcePrompted | Should -BeFalse -Because "$($r.Call) -Force must not prompt"
        $r.ForceSent | Should -BeGreaterThan 0 -Because "$($r.Call) -Force goes ahead"
        $r.WhatIfPrompted | Should -BeFalse
        $r.WhatIfSent | Should -Be 0 -Because "$($r.Call) -Force -WhatIf must send nothing"
        $r.ConfirmPrompted | Should -BeTrue -Because 'an explicit -Confirm wins over -Force'
    }
}

Describe 'Tab completion on every parameter that names something of the service' {
    BeforeDiscovery {
        # Parameter name (or alias) -> the completer it must carry; a new cmdlet gets its completion by declaring it.
        $rules = [ordered]@{
            Category   = 'CategoryNameCompleter'
            InCategory = 'CategoryNameCompleter'
            ThingId    = 'ThingIdCompleter'
            Model      = 'ModelNameCompleter'
            Space      = 'SpaceCompleter'
            Scope      = 'ScopeCompleter'
            Sort       = 'SortFieldCompleter'
        }
        $script:CompletedParameters = foreach ($c in Get-Command -Module IotStudio -CommandType Cmdlet | Sort-Object Name) {
            # Not .Values: on a cmdlet with a -Values parameter that is the parameter, not the collection.
            foreach ($p in @($c.Parameters.Keys | ForEach-Object { $c.Parameters[$_] })) {
                if ($p.ParameterType -notin [string], [string[]], [object]) { continue }
                $rule = $rules[$p.Name]
                # -Id of a Thing cmdlet (alias Uid) is a Thing id too.
                if (-not $rule -and $p.Name -eq 'Id' -and $p.Aliases -contains 'Uid') { $rule = 'ThingIdCompleter' }
                if ($rule) { @{ Command = $c.Name; Parameter = $p.Name; Completer = $rule } }
            }
        }
    }

    It '<Command> -<Parameter> completes with <Completer>' -ForEach $CompletedParameters {
        $attribute = (Get-Command $Command -Module IotStudio).Parameters[$Parameter].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
        $attribute.Type.Name | Should -Be $Completer -Because "add [ArgumentCompleter(typeof(Completion.$Completer))] to -$Parameter of $Command"
    }
}

# The module's own objects bind only where they are meant to (see src/IotStudio.PowerShell/Internal/PipelineInput.cs):
# one object of every output type is piped into every cmdlet, with a disconnected -Connection and -WhatIf where the
# cmdlet has them, so that nothing can be sent. The pairs that may bind follow one rule, read from the cmdlets'
# metadata: a cmdlet takes the objects of its own noun (what the cmdlets of that noun output), the objects one of
# its ValueFromPipeline parameters is typed for, and the types a pipeline parameter's [PipelineSource] names. Every
# other pair must be refused, by PowerShell's binder or by the module, before anything is sent.
BeforeDiscovery {
    $moduleAssemblies = 'IotStudio.Core', 'IotStudio.PowerShell'
    $script:OutputTypeNames = @(Get-Command -Module IotStudio -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Assembly.GetName().Name -in $moduleAssemblies } | ForEach-Object FullName | Sort-Object -Unique)
    $script:PipeCommands = @(Get-Command -Module IotStudio -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

Describe 'Pipeline input: each cmdlet binds only the module objects it is meant for' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Samples = New-ModuleSample
        $script:Closed = Connect-TestEmulator -NotDefault
        Disconnect-IotStudio -InputObject $Closed -Confirm:$false
        $script:BinderErrors = 'InputObjectNotBound|InputObjectMissingMandatory|AmbiguousParameterSet|MissingMandatoryParameter|NamedParameterNotFound|ParameterArgumentTransformationError|ParameterArgumentValidationError|CannotConvertArgument|ParameterBinding'
        $moduleAssemblies = 'IotStudio.Core', 'IotStudio.PowerShell'
        $script:AllCmdlets = @(Get-Command -Module IotStudio -CommandType Cmdlet)

        # The rule, from metadata only.
        function Test-MeantFor($Command, [type] $Type) {
            $nouns = @($AllCmdlets | Where-Object { $_.OutputType.Type -contains $Type } | ForEach-Object Noun)
            if ($Command.Noun -in $nouns) { return $true }
            $declared = { param($a) $t = $a.GetType().GetProperty('Types'); $t -and ($t.GetValue($a) | Where-Object { $_.IsAssignableFrom($Type) }) }
            foreach ($a in $Command.ImplementingType.GetCustomAttributes($true)) { if (& $declared $a) { return $true } }
            foreach ($p in $Command.Parameters.get_Values()) {
                $sets = @($p.ParameterSets.get_Values())
                if (-not ($sets | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName })) { continue }
                $element = if ($p.ParameterType.IsArray) { $p.ParameterType.GetElementType() } else { $p.ParameterType }
                if (($sets | Where-Object ValueFromPipeline) -and $element -notin [object], [psobject], [string] -and $element.IsAssignableFrom($Type)) { return $true }
                $property = $Command.ImplementingType.GetProperty($p.Name)
                foreach ($a in $property.GetCustomAttributes($true)) {
                    $types = $a.GetType().GetProperty('Types')
                    if ($types -and ($types.GetValue($a) | Where-Object { $_.IsAssignableFrom($Type) })) { return $true }
                }
            }
            $false
        }

        # True when the piped object fills the parameter (by value, or by a property with its name or an alias).
        function Test-Fills($Parameter, $InputObject) {
            $type = if ($Parameter.ParameterType.IsArray) { $Parameter.ParameterType.GetElementType() } else { $Parameter.ParameterType }
            if ($Parameter.ValueFromPipeline -and $type.IsInstanceOfType($InputObject)) { return $true }
            if ($Parameter.ValueFromPipelineByPropertyName) {
                $names = @($Parameter.Name) + @($Parameter.Aliases)
                return [bool]($InputObject.psobject.Properties | Where-Object { $_.Name -in $names -and $null -ne $_.Value })
            }
            $false
        }

        # A value for a mandatory parameter the piped object does not fill.
        function New-Value($Parameter) {
            $type = $Parameter.ParameterType
            $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
            # The module's types live in its own load context: compare them by name.
            $one = switch ($element.FullName) {
                'System.String' {
                    if ($Parameter.Name -match 'Id$') { '01ARZ3NDEKTSV4RRFFQ69G5FAV' }
                    elseif ($Parameter.Name -match 'Url|Uri|Path') { '/spaces/test/things' }
                    elseif ($Parameter.Name -eq 'At') { '2023' }
                    elseif ($Parameter.Name -match '^(To|Cc|Bcc)$') { 'ops@example.com' }
                    else { 'contract' }
                }
                'System.DateTimeOffset' { [datetimeoffset]::Now }
                'System.Security.SecureString' { ConvertTo-SecureString 'x' -AsPlainText -Force }
                'System.Management.Automation.PSCredential' { Get-TestCredential }
                'System.Uri' { [uri]"$(Get-EmulatorUrl)/x" }
                'System.Management.Automation.ScriptBlock' { { 'ran' } }
                'IotStudio.PowerShell.IotStudioConnection' { $Closed }
                { $Samples.Contains($_) } { $Samples[$_] }
                { $_ -in 'System.Int32', 'System.Int64', 'System.Double' } { 1 }
                default { if ([System.Collections.IDictionary].IsAssignableFrom($element)) { @{ a = 1 } } else { 'contract' } }
            }
            if ($type.IsArray) { , @($one) } else { $one }
        }

        # Pipes the object into the cmdlet once per parameter set; returns each outcome ('refused by the binder',
        # 'refused by the module', or 'bound: <what happened>').
        function Invoke-Piped([string] $Name, $InputObject) {
            $command = Get-Command $Name -Module IotStudio
            foreach ($set in @($command.ParameterSets | Sort-Object { -not $_.IsDefault })) {
                $splat = @{ ErrorAction = 'Stop' }
                foreach ($p in $set.Parameters | Where-Object IsMandatory) {
                    if ($p.ParameterType -eq [switch] -or (Test-Fills $p $InputObject)) { continue }
                    $splat[$p.Name] = New-Value $p
                }
                if ($command.Parameters.ContainsKey('Connection') -and -not $splat.ContainsKey('Connection')) { $splat.Connection = $Closed }
                if ($command.Parameters.ContainsKey('WhatIf')) { $splat.WhatIf = $true }
                try {
                    $null = $InputObject | & $Name @splat
                    'bound: ran'
                }
                catch {
                    $id = $_.FullyQualifiedErrorId
                    # Every error the module raises says what to do next (the binder's own errors are PowerShell's).
                    if ($_.Exception -isnot [System.Management.Automation.ParameterBindingException] -and -not $_.ErrorDetails.RecommendedAction) { "no recommended action: $id" }
                    if ($id -like 'InputObjectNotBound*' -and $_.Exception -isnot [System.Management.Automation.ParameterBindingException]) { 'refused by the module' }
                    elseif ($id -match $BinderErrors) { 'refused by the binder' }
                    else { "bound: $id" }
                }
            }
        }
    }

    It 'has one sample object of every output type of the module' {
        $OutputTypeNames | Should -Not -BeNullOrEmpty
        foreach ($name in $OutputTypeNames) {
            $Samples.Contains($name) | Should -BeTrue -Because "New-ModuleSample (tests/Pester/TestHelpers.psm1) must make a $name"
            $Samples[$name].GetType().FullName | Should -Be $name
        }
    }

    It '<Name> binds only the module objects it is meant for, and sends nothing' -ForEach $PipeCommands {
        $command = Get-Command $Name -Module IotStudio
        Clear-EmulatorLog
        $wrong = [System.Collections.Generic.List[string]]::new()
        foreach ($typeName in $Samples.Keys) {
            $sample = $Samples[$typeName]
            $meantFor = Test-MeantFor $command $sample.GetType()
            $outcomes = @(Invoke-Piped $Name $sample)
            $bound = @($outcomes | Where-Object { $_ -like 'bound:*' })
            if (-not $meantFor -and $bound) { $wrong.Add("$($sample.GetType().Name) | $Name binds by accident ($($bound -join '; '))") }
            if ($meantFor -and $outcomes -contains 'refused by the module') { $wrong.Add("$($sample.GetType().Name) | $Name is refused by the module, though the rule says it is meant for it") }
            $outcomes | Where-Object { $_ -like 'no recommended action*' } | ForEach-Object { $wrong.Add("$($sample.GetType().Name) | ${Name}: $_") }
        }
        $wrong | Should -BeNullOrEmpty
        # A token may be fetched; nothing else may be sent.
        @(Get-EmulatorRequest | Where-Object { -not ($_.method -eq 'POST' -and $_.path -eq '/oauth2/token') } | ForEach-Object { "$($_.method) $($_.path)" }) |
            Should -BeNullOrEmpty -Because "piping into $Name with a disconnected connection must send nothing"
    }

    It 'binds what the module is built for: <Pipe>' -ForEach @(
        @{ Pipe = 'Thing | Get-IotProperty'; Type = 'IotStudio.Models.Thing'; Name = 'Get-IotProperty' }
        @{ Pipe = 'Thing | Remove-IotThing'; Type = 'IotStudio.Models.Thing'; Name = 'Remove-IotThing' }
        @{ Pipe = 'Category | Get-IotThing'; Type = 'IotStudio.Models.Category'; Name = 'Get-IotThing' }
        @{ Pipe = 'ThingModel | Get-IotModelVersion'; Type = 'IotStudio.Models.ThingModel'; Name = 'Get-IotModelVersion' }
        @{ Pipe = 'ThingAction | Wait-IotAction'; Type = 'IotStudio.Models.ThingAction'; Name = 'Wait-IotAction' }
        @{ Pipe = 'ThingEvent | Remove-IotEvent'; Type = 'IotStudio.Models.ThingEvent'; Name = 'Remove-IotEvent' }
        @{ Pipe = 'PropertyValue | Set-IotProperty'; Type = 'IotStudio.Models.PropertyValue'; Name = 'Set-IotProperty' }
        @{ Pipe = 'IotStudioConnection | Disconnect-IotStudio'; Type = 'IotStudio.PowerShell.IotStudioConnection'; Name = 'Disconnect-IotStudio' }
        @{ Pipe = 'Thing | ConvertTo-IotFlatThing'; Type = 'IotStudio.Models.Thing'; Name = 'ConvertTo-IotFlatThing' }
    ) {
        $outcomes = @(Invoke-Piped $Name $Samples[$Type])
        $outcomes | Where-Object { $_ -eq 'bound: ran' -or $_ -like 'bound: ConnectionClosed,*' } | Should -Not -BeNullOrEmpty -Because "$Pipe must bind (outcomes: $($outcomes -join '; '))"
    }

    It 'refuses a property value piped into Remove-IotThing: the Thing is not deleted, nothing is sent' {
        $thing = $Samples['IotStudio.Models.Thing']
        $value = Get-IotProperty -ThingId $thing.Uid | Select-Object -First 1
        Clear-EmulatorLog
        $err = { $value | Remove-IotThing -Confirm:$false } | Should -Throw -ErrorId 'InputObjectNotBound,IotStudio.PowerShell.Commands.RemoveIotThingCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject.ThingId | Should -Be $thing.Uid
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-ApiLog | Should -BeNullOrEmpty
        (Get-IotThing -ThingId $thing.Uid).Uid | Should -Be $thing.Uid
        # Also when the value crossed a process boundary (a job, a remote session) and comes back deserialised.
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($value))
        Clear-EmulatorLog
        { $copy | Remove-IotThing -Confirm:$false } | Should -Throw -ErrorId 'InputObjectNotBound,IotStudio.PowerShell.Commands.RemoveIotThingCommand'
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It 'refuses a Thing piped into Get-IotCategory instead of looking its Uid up as a Category name' {
        $thing = $Samples['IotStudio.Models.Thing']
        Clear-EmulatorLog
        $err = { $thing | Get-IotCategory } | Should -Throw -ErrorId 'InputObjectNotBound,IotStudio.PowerShell.Commands.GetIotCategoryCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*does not take Thing objects*It takes*Category*'
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It 'still binds objects that are not the module''s by property name: CSV rows and query results' {
        $thing = $Samples['IotStudio.Models.Thing']
        Clear-EmulatorLog
        ([pscustomobject]@{ ThingId = $thing.Uid } | Get-IotThing).Uid | Should -Be $thing.Uid
        ([pscustomobject]@{ Name = $Samples['IotStudio.Models.Category'].Name } | Get-IotCategory).Name | Should -Be $Samples['IotStudio.Models.Category'].Name
        (Invoke-IotQuery 'FOR t IN things FILTER t.uid == @u RETURN { uid: t.uid }' -BindVariable @{ u = $thing.Uid } | Get-IotThing).Uid | Should -Be $thing.Uid
    }

    AfterAll {
        Disconnect-IotStudio -Confirm:$false -ErrorAction SilentlyContinue
    }
}

# Names and display, the same on every cmdlet and every output type.
Describe 'Names and display' {
    BeforeAll {
        Reset-Emulator
        $null = Connect-TestEmulator
        $script:Samples = New-ModuleSample
        $script:AllCmdlets = @(Get-Command -Module IotStudio -CommandType Cmdlet)
        # Members that repeat another one: a list view shows the original only.
        $script:Duplicates = 'Url', 'Href', 'CategoryName', 'ModelVersion'
    }

    It 'names the Thing id parameter -ThingId on every cmdlet, with the aliases -Uid (and -Id where the cmdlet has no id of its own)' {
        $problems = foreach ($c in $AllCmdlets) {
            $thingId = @($c.Parameters.get_Values() | Where-Object { $_.Name -eq 'ThingId' -or $_.Aliases -contains 'ThingId' -or $_.Aliases -contains 'Uid' })
            if (-not $thingId) { continue }
            if ($thingId.Count -ne 1 -or $thingId[0].Name -ne 'ThingId') { "$($c.Name): the Thing id is -$($thingId.Name -join '/-')"; continue }
            if ($thingId[0].Aliases -notcontains 'Uid') { "$($c.Name): -ThingId has no alias Uid" }
            if (-not $c.Parameters.ContainsKey('Id') -and $thingId[0].Aliases -notcontains 'Id' -and $c.Noun -eq 'IotThing') { "$($c.Name): -ThingId has no alias Id" }
        }
        $problems | Should -BeNullOrEmpty
        @($AllCmdlets | Where-Object { $_.Parameters.ContainsKey('ThingId') }).Count | Should -BeGreaterOrEqual 15
    }

    It 'gives -Title the alias -Name wherever a Thing is named by its title' {
        $titled = @($AllCmdlets | Where-Object { $_.Noun -eq 'IotThing' -and $_.Parameters.ContainsKey('Title') })
        $titled.Name | Should -Contain 'Get-IotThing'
        $titled | ForEach-Object { $_.Parameters['Title'].Aliases | Should -Contain 'Name' -Because "$($_.Name) -Title" }
    }

    It 'types -Model the same on every cmdlet: a Model name' {
        $models = @($AllCmdlets | Where-Object { $_.Parameters.ContainsKey('Model') })
        $models.Count | Should -BeGreaterOrEqual 6
        $models | ForEach-Object { $_.Parameters['Model'].ParameterType | Should -Be ([string]) -Because "$($_.Name) -Model" }
    }

    It 'gives every output type a ToString() that is its name or id, not its type name' {
        foreach ($name in $Samples.Keys) {
            $s = $Samples[$name]
            $text = $s.ToString()
            $text | Should -Not -BeNullOrEmpty -Because "$name.ToString()"
            $text | Should -Not -Be $name
            $identity = @('Uid', 'Name', 'Id', 'Username', 'ClientId', 'ApiUrl', 'StatusCode', 'Operation', 'Model', 'Timestamp' | ForEach-Object { $s.psobject.Properties[$_] } |
                    Where-Object { $_ -and $null -ne $_.Value } | ForEach-Object { if ($_.Value -is [datetimeoffset]) { $_.Value.ToString('O') } else { "$($_.Value)" } })
            @($identity | Where-Object { $text.Contains($_) }) | Should -Not -BeNullOrEmpty -Because "$name.ToString() '$text' names it"
            "$s" | Should -Be $text
        }
    }

    It 'fits every table view into 80 columns: fixed widths, and no line longer' {
        foreach ($name in $Samples.Keys) {
            $table = (Get-FormatData $name).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1
            $table | Should -Not -BeNullOrEmpty -Because "$name has a table view"
            $widths = @($table.Control.Headers.Width)
            $widths | Where-Object { $_ -le 0 } | Should -BeNullOrEmpty -Because "every column of the $name table has a width"
            ($widths | Measure-Object -Sum).Sum + $widths.Count - 1 | Should -BeLessOrEqual 80 -Because "the $name table fits 80 columns"
            $lines = @($Samples[$name] | Format-Table | Out-String -Width 300) -split "`r?`n" | Where-Object { $_.Trim() }
            $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty -Because "$name rows fit 80 columns"
            $lines | Should -HaveCount 3 -Because "a $name is one header, one rule and one row"
        }
    }

    It 'gives every output type with many members a list view' {
        foreach ($name in $Samples.Keys) {
            $members = @($Samples[$name].psobject.Properties | Where-Object MemberType -EQ 'Property').Count
            if ($members -lt 8) { continue }
            (Get-FormatData $name).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.ListControl] } |
                Should -Not -BeNullOrEmpty -Because "$name has $members members: Format-List shows only those with a value through a list view"
        }
    }

    It 'shows <Type> as a list without empty fields or repeated members' -ForEach @(
        @{ Type = 'IotStudio.Models.Thing' }
        @{ Type = 'IotStudio.Models.Category' }
        @{ Type = 'IotStudio.Models.ThingModel' }
        @{ Type = 'IotStudio.Models.ThingModelVersion' }
        @{ Type = 'IotStudio.Models.ThingAction' }
        @{ Type = 'IotStudio.Models.ThingEvent' }
        @{ Type = 'IotStudio.Models.MqttCredential' }
        @{ Type = 'IotStudio.PowerShell.IotStudioConnection' }
    ) {
        $s = $Samples[$Type]
        $lines = @(($s | Format-List | Out-String -Width 300) -split "`r?`n" | Where-Object { $_ -match '^\S.*? : ' -or $_ -match '^\S+\s+:$' })
        $lines | Should -Not -BeNullOrEmpty
        $labels = @($lines | ForEach-Object { ($_ -split ':', 2)[0].Trim() })
        $lines | Where-Object { $_ -match ':\s*$' } | Should -BeNullOrEmpty -Because 'a list view hides empty fields'
        $labels | Group-Object | Where-Object Count -GT 1 | Should -BeNullOrEmpty
        $labels | Where-Object { $_ -in $Duplicates } | Should -BeNullOrEmpty -Because 'a list view shows a member once, not its aliases and copies'
        # The fields that have a value are shown; the empty ones of this sample are not.
        foreach ($p in $s.psobject.Properties | Where-Object { $_.MemberType -eq 'Property' -and $_.Name -notin $Duplicates -and $_.Name -ne 'IsFinal' }) {
            $value = $p.Value
            $empty = $null -eq $value -or "$value" -eq '' -or ($value -is [System.Collections.ICollection] -and $value.Count -eq 0)
            if ($empty) { $labels | Should -Not -Contain $p.Name } else { $labels | Should -Contain $p.Name -Because "$Type.$($p.Name) has a value" }
        }
    }

    AfterAll {
        Disconnect-IotStudio -Confirm:$false -ErrorAction SilentlyContinue
    }
}
