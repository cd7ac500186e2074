#requires -Version 7.0
<#
.SYNOPSIS
    Keeps the SYNTAX and PARAMETERS blocks of docs/cmdlets/<Cmdlet>.md in step with the built module.
.DESCRIPTION
    Loads the built module and, for every cmdlet it exports, sets the page's 'online version:' to the cmdlet's HelpUri
    and rewrites the '## SYNTAX' block (one '### SetName'
    per parameter set, with the syntax line Get-Command shows) and the '## PARAMETERS' block (each parameter's
    type, parameter sets, aliases, position, mandatory, pipeline input, wildcards and default value) of its page,
    in the platyPS 0.14 format that tools/New-MamlHelp.ps1 reads. Everything a person wrote is kept as written:
    the synopsis, description, examples, inputs, outputs, notes, links, and the description of each parameter.

    - A parameter new to the cmdlet gets the one-line /// summary of its C# property from the XML documentation
      file of the cmdlet assembly, or a '{{ Fill ... }}' placeholder.
    - A parameter the cmdlet no longer has is dropped.
    - A shared parameter (each one docs/shared-parameters.md has a section for: -Connection, -Space, -Category,
      -WhatIf, -Confirm, -Force, -EnvironmentVariable, -PageSize, -First, -Skip, -IncludeTotalCount, -ThrottleLimit)
      gets the text of that file, on every page but those that file exempts.
    - A cmdlet without a page gets a new page whose prose is '{{ Fill ... }}' placeholders.
    The tests reject every placeholder (tests/Pester/Help.Tests.ps1), so a person writes the prose before a merge.

    With -Check nothing is written: the script fails, naming the pages that would change.
.PARAMETER ModulePath
    The built module's manifest (build.ps1 -Task Build makes out/IotStudio/IotStudio.psd1).
.PARAMETER DocsPath
    The folder of pages, one per cmdlet.
.PARAMETER SharedParametersPath
    The texts of the shared parameters.
.PARAMETER XmlDocPath
    The XML documentation file of the cmdlet assembly (IotStudio.PowerShell.xml); default: the one beside the
    published assembly in out/publish, else the newest under src/IotStudio.PowerShell/bin.
.PARAMETER Check
    Writes nothing; fails when a page is missing or out of step with its cmdlet.
.EXAMPLE
    ./build.ps1 -Task Docs
    Builds the module, then refreshes every page.
.EXAMPLE
    ./tools/Update-CmdletDocs.ps1 -Check
    Fails, naming the pages that are out of step with the cmdlets of out/IotStudio.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/IotStudio/IotStudio.psd1'),
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs/cmdlets'),
    [string] $SharedParametersPath = (Join-Path $PSScriptRoot '../docs/shared-parameters.md'),
    [string] $XmlDocPath,
    [switch] $Check
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$CommonParametersText = 'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).'
$Common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction'
$Ordinal = [System.StringComparer]::OrdinalIgnoreCase

# ---------------------------------------------------------------- inputs

function Read-SharedParameters([string] $Path) {
    $shared = @{}
    if (-not (Test-Path -LiteralPath $Path)) { throw "The shared parameter texts '$Path' do not exist." }
    $current = $null
    foreach ($line in [System.IO.File]::ReadAllLines($Path)) {
        if ($line -match '^## -([A-Za-z][A-Za-z0-9]*)\s*$') {
            $current = [pscustomobject]@{ Name = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new(); Default = $null; OwnTextOn = @() }
            $shared[$current.Name] = $current
        }
        elseif ($line -match '^#{1,2} ') { $current = $null }
        elseif ($current -and $line -match '^Default value:\s*(.*)$') { $current.Default = $Matches[1].Trim() }
        elseif ($current -and $line -match '^Own text on:\s*(.*)$') { $current.OwnTextOn = @(($Matches[1] -split ',').ForEach('Trim').Where({ $_ })) }
        elseif ($current) { $current.Lines.Add($line) }
    }
    foreach ($s in $shared.Values) {
        $s.Lines = @(Get-TrimmedLines $s.Lines)
        if (-not $s.Lines.Count) { throw "$([System.IO.Path]::GetFileName($Path)): -$($s.Name) has no text." }
    }
    $shared
}

# The lines without the blank lines at both ends (call it inside @() to get an array).
function Get-TrimmedLines([string[]] $Lines) {
    $first = 0; $last = $Lines.Count - 1
    while ($first -le $last -and -not $Lines[$first].Trim()) { $first++ }
    while ($last -ge $first -and -not $Lines[$last].Trim()) { $last-- }
    if ($first -le $last) { $Lines[$first..$last] }
}

# Summaries of the XML documentation file, by member name (P:Namespace.Type.Property).
function Read-XmlDoc([string] $Path) {
    $map = @{}
    if (-not $Path -or -not (Test-Path -LiteralPath $Path)) { return $map }
    [xml] $xml = Get-Content -LiteralPath $Path -Raw
    foreach ($member in $xml.SelectNodes('/doc/members/member')) {
        $summary = $member.SelectSingleNode('summary')
        if (-not $summary) { continue }
        $text = foreach ($node in $summary.ChildNodes) {
            if ($node.NodeType -ne 'Element') { $node.Value; continue }
            switch ($node.LocalName) {
                { $_ -in 'see', 'seealso' } {
                    if ($node.GetAttribute('cref')) { ($node.GetAttribute('cref') -split '[.:]')[-1] } else { $node.GetAttribute('langword') }
                }
                { $_ -in 'paramref', 'typeparamref' } { $node.GetAttribute('name') }
                default { $node.InnerText }
            }
        }
        $text = (($text -join '') -replace '\s+', ' ').Trim()
        if ($text) { $map[$member.GetAttribute('name')] = $text }
    }
    $map
}

# The summary of the property behind a parameter: its own, else the one of the property it overrides.
function Get-ParameterSummary([type] $Type, [string] $Name, [hashtable] $XmlDoc) {
    $property = $Type.GetProperties([System.Reflection.BindingFlags]'Public, Instance') | Where-Object Name -EQ $Name | Select-Object -First 1
    while ($property) {
        $key = "P:$($property.DeclaringType.FullName.Replace('+', '.')).$Name"
        if ($XmlDoc.ContainsKey($key)) { return $XmlDoc[$key] }
        $getter = $property.GetGetMethod()
        $base = if ($getter) { $getter.GetBaseDefinition() } else { $null }
        if (-not $base -or $base.DeclaringType -eq $property.DeclaringType) { break }
        $property = $base.DeclaringType.GetProperty($Name, [System.Reflection.BindingFlags]'Public, Instance, DeclaredOnly')
    }
    $null
}

# ---------------------------------------------------------------- what the cmdlet says

# The type name as platyPS writes it in a yaml block (the same rule as tests/Pester/Help.Tests.ps1).
function Get-DocTypeName([type] $Type) {
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return $Type.GenericTypeArguments[0].Name }
    if ($Type.IsGenericType) { return $Type.ToString() }
    $Type.Name
}

# The value a parameter has when it is not given, when the cmdlet's own property says it (an initializer).
function Get-KnownDefault($Instance, $Parameter) {
    if ($Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return 'False' }
    if ($null -eq $Instance) { return $null }
    $property = $Instance.GetType().GetProperties([System.Reflection.BindingFlags]'Public, Instance') | Where-Object Name -EQ $Parameter.Name | Select-Object -First 1
    if (-not $property -or -not $property.CanRead) { return $null }
    $value = try { $property.GetValue($Instance) } catch { $null }
    if ($null -eq $value) { return $null }
    $type = $value.GetType()
    if ($type.IsValueType -and $value.Equals([Activator]::CreateInstance($type))) { return $null }
    if ($value -is [string] -and -not $value) { return $null }
    # As written in the code: System.Uri adds a '/' to a bare host.
    if ($value -is [uri]) { return $value.OriginalString }
    if ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) {
        $items = @($value | ForEach-Object { [System.Convert]::ToString($_, [cultureinfo]::InvariantCulture) })
        if (-not $items.Count) { return $null }
        return $items -join ', '
    }
    [System.Convert]::ToString($value, [cultureinfo]::InvariantCulture)
}

function New-YamlBlocks($Parameter, [string] $Default) {
    # One block per group of parameter sets in which the parameter is declared alike, as platyPS writes them.
    $groups = [ordered]@{}
    $setNames = [string[]]@($Parameter.ParameterSets.get_Keys())
    [Array]::Sort($setNames, $Ordinal)
    foreach ($setName in $setNames) {
        $a = $Parameter.ParameterSets[$setName]
        $pipe = @(if ($a.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($a.ValueFromPipeline) { 'ByValue' })
        $attrs = [ordered]@{
            Required = "$($a.IsMandatory)"
            Position = if ($a.Position -lt 0) { 'Named' } else { "$($a.Position)" }
            Pipeline = if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' }
        }
        $key = $attrs.Values -join '|'
        if (-not $groups.Contains($key)) { $groups[$key] = [pscustomobject]@{ Attrs = $attrs; Sets = [System.Collections.Generic.List[string]]::new() } }
        $groups[$key].Sets.Add($(if ($setName -eq '__AllParameterSets') { '(All)' } else { $setName }))
    }
    $aliases = @($Parameter.Aliases)
    if ($Parameter.Name -eq 'WhatIf') { $aliases = @('wi') }
    if ($Parameter.Name -eq 'Confirm') { $aliases = @('cf') }
    $wild = "$([bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))"
    $first = $true
    foreach ($g in $groups.Values) {
        if (-not $first) { '' }
        $first = $false
        '```yaml'
        "Type: $(Get-DocTypeName $Parameter.ParameterType)"
        "Parameter Sets: $($g.Sets -join ', ')"
        "Aliases: $($aliases -join ', ')".TrimEnd()
        ''
        "Required: $($g.Attrs.Required)"
        "Position: $($g.Attrs.Position)"
        "Default value: $Default"
        "Accept pipeline input: $($g.Attrs.Pipeline)"
        "Accept wildcard characters: $wild"
        '```'
    }
}

# ---------------------------------------------------------------- the page

# Splits lines into the text before the first heading of a level and one part per heading, outside code fences.
function Split-Headings([string[]] $Lines, [int] $Level) {
    $prefix = ('#' * $Level) + ' '
    $parts = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Title = $null; Lines = [System.Collections.Generic.List[string]]::new() }
    $fence = $null
    foreach ($line in $Lines) {
        if ($fence) {
            if ($line -match "^\s*$([regex]::Escape($fence))\s*$") { $fence = $null }
        }
        elseif ($line -match '^\s*(```+|~~~+)') { $fence = $Matches[1] }
        elseif ($line.StartsWith($prefix)) {
            $parts.Add($current)
            $current = [pscustomobject]@{ Title = $line.Substring($prefix.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            continue
        }
        $current.Lines.Add($line)
    }
    $parts.Add($current)
    $parts.ToArray()
}

# What a page says about each parameter: its text (everything but the yaml blocks) and its default value.
function Read-ParameterSection([string[]] $Lines) {
    $params = @{}
    $commonText = $null
    foreach ($part in @(Split-Headings $Lines 3) | Select-Object -Skip 1) {
        if ($part.Title -eq 'CommonParameters') { $commonText = @(Get-TrimmedLines $part.Lines); continue }
        if ($part.Title -notmatch '^-([A-Za-z][A-Za-z0-9]*)$') { continue }
        $name = $Matches[1]
        $text = [System.Collections.Generic.List[string]]::new()
        $default = $null
        $inYaml = $false; $fence = $null
        foreach ($line in $part.Lines) {
            if ($inYaml) {
                if ($line -match '^\s*```\s*$') { $inYaml = $false }
                elseif ($line -match '^Default value:\s*(.*)$' -and $null -eq $default) { $default = $Matches[1].Trim() }
                continue
            }
            if (-not $fence -and $line -match '^\s*```yaml\s*$') { $inYaml = $true; continue }
            if ($fence) { if ($line -match "^\s*$([regex]::Escape($fence))\s*$") { $fence = $null } }
            elseif ($line -match '^\s*(```+|~~~+)') { $fence = $Matches[1] }
            $text.Add($line)
        }
        # Blank lines left where a yaml block was: keep one between paragraphs, none at the ends.
        $kept = [System.Collections.Generic.List[string]]::new()
        foreach ($line in @(Get-TrimmedLines $text)) {
            if (-not $line.Trim() -and $kept.Count -and -not $kept[$kept.Count - 1].Trim()) { continue }
            $kept.Add($line)
        }
        $params[$name] = [pscustomobject]@{ Text = $kept.ToArray(); Default = $default }
    }
    [pscustomobject]@{ Parameters = $params; CommonText = $commonText }
}

function New-SyntaxSection($Command) {
    $sets = @($Command.ParameterSets)
    foreach ($set in $sets) {
        ''
        $title = if ($set.IsDefault -and $sets.Count -gt 1) { "$($set.Name) (Default)" } else { $set.Name }
        "### $title"
        '```'
        "$($Command.Name) $set"
        '```'
    }
    ''
}

function New-ParameterSection($Command, $Existing, [hashtable] $Shared, [hashtable] $XmlDoc) {
    $instance = try { [Activator]::CreateInstance($Command.ImplementingType) } catch { $null }
    try {
        # In name order, as platyPS has them.
        $names = [string[]]@($Command.Parameters.get_Keys() | Where-Object { $_ -notin $Common })
        [Array]::Sort($names, $Ordinal)
        foreach ($p in $names.ForEach({ $Command.Parameters[$_] })) {
            $page = if ($Existing -and $Existing.Parameters.ContainsKey($p.Name)) { $Existing.Parameters[$p.Name] } else { $null }
            $sharedParam = if ($Shared.ContainsKey($p.Name) -and $Command.Name -notin $Shared[$p.Name].OwnTextOn) { $Shared[$p.Name] } else { $null }
            $text = if ($sharedParam) { $sharedParam.Lines }
            elseif ($page -and $page.Text.Count) { $page.Text }
            else {
                $summary = Get-ParameterSummary $Command.ImplementingType $p.Name $XmlDoc
                if ($summary) { @($summary) } else { @("{{ Fill $($p.Name) Description }}") }
            }
            $default = Get-KnownDefault $instance $p
            if (-not $default -and $sharedParam -and $sharedParam.Default) { $default = $sharedParam.Default }
            if (-not $default -and $page -and $page.Default) { $default = $page.Default }
            if (-not $default) { $default = 'None' }
            ''
            "### -$($p.Name)"
            $text
            ''
            New-YamlBlocks $p $default
        }
    }
    finally { if ($instance -is [System.IDisposable]) { $instance.Dispose() } }
    ''
    '### CommonParameters'
    if ($Existing -and $Existing.CommonText) { $Existing.CommonText } else { $CommonParametersText }
    ''
}

function New-Page($Command) {
    $inputs = @($Command.Parameters.get_Values() | Where-Object Name -NotIn $Common |
        Where-Object { $_.ParameterSets.get_Values() | Where-Object ValueFromPipeline } | ForEach-Object { $_.ParameterType.FullName } | Select-Object -Unique)
    $outputs = @($Command.OutputType | ForEach-Object Name | Select-Object -Unique)
    @(
        '---'
        'external help file: IotStudio.PowerShell.dll-Help.xml'
        'Module Name: IotStudio'
        'online version:'
        'schema: 2.0.0'
        '---'
        ''
        "# $($Command.Name)"
        ''
        '## SYNOPSIS'
        '{{ Fill in the Synopsis }}'
        ''
        '## SYNTAX'
        ''
        '## DESCRIPTION'
        '{{ Fill in the Description }}'
        ''
        '## EXAMPLES'
        ''
        '### Example 1: {{ Add example title }}'
        '```powershell'
        '{{ Add example code here }}'
        '```'
        ''
        '{{ Add example description here }}'
        ''
        '## PARAMETERS'
        ''
        '## INPUTS'
        ''
        if ($inputs) { foreach ($t in $inputs) { "### $t"; ''; '{{ Fill in the input description }}'; '' } } else { '### None'; '' }
        '## OUTPUTS'
        ''
        if ($outputs) { foreach ($t in $outputs) { "### $t"; ''; '{{ Fill in the output description }}'; '' } } else { '### None'; '' }
        '## NOTES'
        ''
        '{{ Fill in the Notes }}'
        ''
        '## RELATED LINKS'
    )
}

# The page with its SYNTAX and PARAMETERS blocks made from the cmdlet; every other line as it was.
function Update-Page([string[]] $Lines, $Command, [hashtable] $Shared, [hashtable] $XmlDoc, [string] $File) {
    $parts = @(Split-Headings $Lines 2)
    foreach ($s in 'SYNTAX', 'PARAMETERS') {
        if (-not ($parts | Where-Object Title -EQ $s)) { throw "$([System.IO.Path]::GetFileName($File)): the page has no '## $s' section." }
    }
    $existing = Read-ParameterSection (($parts | Where-Object Title -EQ 'PARAMETERS' | Select-Object -First 1).Lines)
    foreach ($part in $parts) {
        if ($null -ne $part.Title) { "## $($part.Title)" }
        switch ($part.Title) {
            'SYNTAX' { New-SyntaxSection $Command }
            'PARAMETERS' { New-ParameterSection $Command $existing $Shared $XmlDoc }
            # The front matter's online version is the cmdlet's HelpUri (what Get-Help -Online opens).
            $null { $part.Lines | ForEach-Object { if ($_ -match '^online version:') { "online version: $($Command.HelpUri)".TrimEnd() } else { $_ } } }
            default { $part.Lines }
        }
    }
}

# ---------------------------------------------------------------- run

# A module already imported from this manifest (by a test run) is used as it is.
Import-Module $ModulePath -ErrorAction Stop
$module = Get-Module ([System.IO.Path]::GetFileNameWithoutExtension($ModulePath)) | Select-Object -First 1
if (-not $XmlDocPath) {
    $candidates = @(
        Join-Path (Split-Path -Parent (Split-Path -Parent $module.Path)) 'publish/IotStudio.PowerShell.xml'
        Get-ChildItem (Join-Path $PSScriptRoot '../src/IotStudio.PowerShell/bin') -Filter 'IotStudio.PowerShell.xml' -Recurse -ErrorAction SilentlyContinue |
            Sort-Object LastWriteTimeUtc -Descending | ForEach-Object FullName
    )
    $XmlDocPath = $candidates | Where-Object { $_ -and (Test-Path -LiteralPath $_) } | Select-Object -First 1
}
$xmlDoc = Read-XmlDoc $XmlDocPath
$shared = Read-SharedParameters $SharedParametersPath
if (-not (Test-Path -LiteralPath $DocsPath)) { throw "The docs folder '$DocsPath' does not exist." }
$docs = (Resolve-Path -LiteralPath $DocsPath).ProviderPath

$changes = foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $docs "$($command.Name).md"
    $exists = Test-Path -LiteralPath $file
    $before = if ($exists) { [System.IO.File]::ReadAllText($file) } else { '' }
    $lines = if ($exists) { $before.Replace("`r`n", "`n").TrimEnd("`n").Split("`n") } else { New-Page $command }
    $after = ((Update-Page $lines $command $shared $xmlDoc $file) -join "`n") + "`n"
    if ($after -ceq $before) { continue }
    if (-not $Check) { [System.IO.File]::WriteAllText($file, $after, [System.Text.UTF8Encoding]::new($false)) }
    [pscustomobject]@{ Name = $command.Name; Page = $file; Action = if ($exists) { 'Updated' } else { 'Created' } }
}
$changes = @($changes)
if ($Check -and $changes.Count) {
    throw "$($changes.Count) cmdlet page(s) are out of step with the cmdlets of ${ModulePath}: $(($changes | ForEach-Object { "$($_.Name).md ($(if ($_.Action -eq 'Created') { 'missing' } else { 'SYNTAX or PARAMETERS differ' }))" }) -join ', '). Run: build.ps1 -Task Docs"
}
$changes
