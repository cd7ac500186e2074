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
