#requires -Version 7.0
<#
.SYNOPSIS
    Builds the MAML help file of a binary module from platyPS (0.14, schema 2.0.0) markdown pages.
.DESCRIPTION
    Reads every <Verb-Noun>.md page in -DocsPath and writes one MAML file (the format Get-Help reads for
    binary modules, such as en-US/IotStudio.PowerShell.dll-Help.xml) to -OutputPath, creating its folder.
    No external module is needed: platyPS is not available from our registries.

    A malformed page stops the build with an error that names the file and the section: a missing or empty
    SYNOPSIS, a parameter without its yaml block, a yaml block without a required key, a syntax line naming
    an undocumented parameter, an example without code, an unknown section, ...
.PARAMETER DocsPath
    The folder of markdown pages, one per cmdlet.
.PARAMETER OutputPath
    The MAML file to write.
.EXAMPLE
    ./tools/New-MamlHelp.ps1 -DocsPath docs/cmdlets -OutputPath out/IotStudio/en-US/IotStudio.PowerShell.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $DocsPath,

    [Parameter(Mandatory)]
    [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$NsMSHelp = 'http://msdn.microsoft.com/mshelp'

$KnownSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$RequiredSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS'
$YamlKeys = 'Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters'

# ---------------------------------------------------------------- parsing

function Stop-Page([string] $File, [string] $Section, [string] $Message) {
    throw "$([System.IO.Path]::GetFileName($File)): section '$Section': $Message"
}

# Lines of a block, split into fenced code blocks and text; fences are tracked so that '#' inside code is not a heading.
function Split-Block([string[]] $Lines) {
    $items = [System.Collections.Generic.List[object]]::new()
    $text = [System.Collections.Generic.List[string]]::new()
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        if ($line -match '^\s*(```+|~~~+)\s*([\w+-]*)\s*$') {
            $fence = $Matches[1]; $lang = $Matches[2]
            if ($text.Count) { $items.Add([pscustomobject]@{ Kind = 'Text'; Lines = $text.ToArray() }); $text.Clear() }
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i] -notmatch "^\s*$([regex]::Escape($fence))\s*$") { $code.Add($Lines[$i]); $i++ }
            if ($i -ge $Lines.Count) { return [pscustomobject]@{ Error = 'a code block is not closed' } }
            $items.Add([pscustomobject]@{ Kind = 'Code'; Lang = $lang; Lines = $code.ToArray() })
        }
        else { $text.Add($line) }
        $i++
    }
    if ($text.Count) { $items.Add([pscustomobject]@{ Kind = 'Text'; Lines = $text.ToArray() }) }
    [pscustomobject]@{ Error = $null; Items = $items.ToArray() }
}

# Paragraphs of markdown text: blank lines separate them; list items keep their own line.
function ConvertTo-Paragraphs([string[]] $Lines) {
    $paras = [System.Collections.Generic.List[string]]::new()
    $current = [System.Text.StringBuilder]::new()
    foreach ($raw in $Lines) {
        $line = $raw.Trim()
        if (-not $line) {
            if ($current.Length) { $paras.Add($current.ToString()); [void]$current.Clear() }
            continue
        }
        if ($current.Length) {
            if ($line -match '^([-*+]|\d+\.)\s') { [void]$current.Append("`n") } else { [void]$current.Append(' ') }
        }
        [void]$current.Append($line)
    }
    if ($current.Length) { $paras.Add($current.ToString()) }
    $paras.ToArray()
}

# Splits lines at headings of one level ('## ' or '### '), outside code fences. Returns the text before the first heading too.
function Split-Headings([string[]] $Lines, [int] $Level) {
    $prefix = ('#' * $Level) + ' '
    $parts = [System.Collections.Generic.List[object]]::new()
    $head = $null
    $body = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    foreach ($line in $Lines) {
        if ($fence) {
            if ($line -match "^\s*$([regex]::Escape($fence))\s*$") { $fence = $null }
        }
        elseif ($line -match '^\s*(```+|~~~+)') { $fence = $Matches[1] }
        elseif ($line.StartsWith($prefix)) {
            $parts.Add([pscustomobject]@{ Title = $head; Lines = $body.ToArray() })
            $head = $line.Substring($prefix.Length).Trim()
            $body = [System.Collections.Generic.List[string]]::new()
            continue
        }
        $body.Add($line)
    }
    $parts.Add([pscustomobject]@{ Title = $head; Lines = $body.ToArray() })
    $parts.ToArray()
}

function Read-Yaml([string] $File, [string] $Section, [string[]] $Lines) {
    $map = [ordered]@{}
    foreach ($line in $Lines) {
        if (-not $line.Trim()) { continue }
        if ($line -notmatch '^([A-Za-z][A-Za-z ]*):\s?(.*)$') { Stop-Page $File $Section "cannot read the yaml line '$line'" }
        $map[$Matches[1].Trim()] = $Matches[2].Trim()
    }
    foreach ($key in $YamlKeys) {
        if (-not $map.Contains($key)) { Stop-Page $File $Section "the yaml block has no '$key'" }
    }
    foreach ($key in 'Required', 'Accept wildcard characters') {
        if ($map[$key] -notin 'True', 'False', 'true', 'false') { Stop-Page $File $Section "'${key}: $($map[$key])' must be True or False" }
    }
    if ($map['Position'] -notmatch '^(Named|\d+)$') { Stop-Page $File $Section "'Position: $($map['Position'])' must be Named or a number" }
    if ($map['Accept pipeline input'] -notmatch '^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))*\))$') {
        Stop-Page $File $Section "'Accept pipeline input: $($map['Accept pipeline input'])' must be False or True (ByPropertyName, ByValue)"
    }
    if (-not $map['Type']) { Stop-Page $File $Section 'the yaml block has an empty Type' }
    if (-not $map['Parameter Sets']) { Stop-Page $File $Section 'the yaml block has an empty Parameter Sets' }
    [pscustomobject]@{
        Type        = $map['Type']
        Sets        = @(($map['Parameter Sets'] -split ',').ForEach('Trim').Where({ $_ }))
        Aliases     = @(($map['Aliases'] -split ',').ForEach('Trim').Where({ $_ }))
        Required    = $map['Required'] -eq 'True'
        Position    = $map['Position']
        Default     = $map['Default value']
        Pipeline    = $map['Accept pipeline input']
        Globbing    = $map['Accept wildcard characters'] -eq 'True'
    }
}

# '### Type' entries of INPUTS or OUTPUTS.
function Read-TypeList([string] $File, [string] $Section, [string[]] $Lines) {
    $parts = @(Split-Headings $Lines 3)
    if ((@(ConvertTo-Paragraphs $parts[0].Lines)).Count) { Stop-Page $File $Section "text outside a '### TypeName' heading" }
    $list = foreach ($p in $parts | Select-Object -Skip 1) {
        if (-not $p.Title) { Stop-Page $File $Section 'a type heading is empty' }
        [pscustomobject]@{ Type = $p.Title; Paragraphs = @(ConvertTo-Paragraphs $p.Lines) }
    }
    if (-not $list) { Stop-Page $File $Section "no '### TypeName' entry (write '### None' when there is nothing)" }
    @($list)
}

function Read-Page([string] $File) {
    $lines = [System.IO.File]::ReadAllLines($File)
    $open = $null
    for ($n = 0; $n -lt $lines.Count; $n++) {
        if ($open) { if ($lines[$n] -match "^\s*$([regex]::Escape($open.Fence))\s*$") { $open = $null } }
        elseif ($lines[$n] -match '^\s*(```+|~~~+)') { $open = @{ Fence = $Matches[1]; Line = $n + 1 } }
    }
    if ($open) { Stop-Page $File 'code blocks' "the code block opened at line $($open.Line) is not closed" }
    $start = 0
    $meta = @{}
    if ($lines.Count -and $lines[0].Trim() -eq '---') {
        $end = [array]::FindIndex($lines, 1, [Predicate[string]] { param($l) $l.Trim() -eq '---' })
        if ($end -lt 0) { Stop-Page $File 'front matter' "the front matter has no closing '---'" }
        foreach ($l in $lines | Select-Object -Skip 1 -First ($end - 1)) {
            if ($l -match '^([^:]+):\s*(.*)$') { $meta[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $start = $end + 1
    }
    $body = if ($start -lt $lines.Count) { $lines[$start..($lines.Count - 1)] } else { @() }

    $h1 = @(@(Split-Headings $body 1) | Select-Object -Skip 1)
    if ($h1.Count -ne 1) { Stop-Page $File 'title' "expected one '# Verb-Noun' title, found $($h1.Count)" }
    $name = $h1[0].Title
    if ($name -notmatch '^[A-Za-z]+-[A-Za-z0-9]+$') { Stop-Page $File 'title' "'$name' is not a Verb-Noun command name" }
    $expected = [System.IO.Path]::GetFileNameWithoutExtension($File)
    if ($name -ne $expected) { Stop-Page $File 'title' "the title '$name' does not match the file name '$expected'" }

    $sections = [ordered]@{}
    foreach ($part in @(Split-Headings $body 2) | Select-Object -Skip 1) {
        $title = $part.Title.ToUpperInvariant()
        if ($title -notin $KnownSections) { Stop-Page $File $part.Title "unknown section; expected one of: $($KnownSections -join ', ')" }
        if ($sections.Contains($title)) { Stop-Page $File $title 'the section appears twice' }
        $sections[$title] = $part.Lines
    }
    foreach ($s in $RequiredSections) {
        if (-not $sections.Contains($s)) { Stop-Page $File $s 'the section is missing' }
    }

    # SYNOPSIS
    $synopsis = @(ConvertTo-Paragraphs $sections['SYNOPSIS'])
    if (-not $synopsis.Count) { Stop-Page $File 'SYNOPSIS' 'the synopsis is empty' }

    # SYNTAX: '### SetName' or '### SetName (Default)' followed by one code block with the syntax line
    $sets = foreach ($part in @(Split-Headings $sections['SYNTAX'] 3) | Select-Object -Skip 1) {
        $setTitle = $part.Title
        $isDefault = $setTitle -match '\s+\(Default\)$'
        $setName = ($setTitle -replace '\s+\(Default\)$', '').Trim()
        $split = Split-Block $part.Lines
        if ($split.Error) { Stop-Page $File "SYNTAX / $setTitle" $split.Error }
        $code = @($split.Items.Where({ $_.Kind -eq 'Code' }))
        if ($code.Count -ne 1) { Stop-Page $File "SYNTAX / $setTitle" "expected one code block with the syntax line, found $($code.Count)" }
        $line = ($code[0].Lines -join ' ').Trim()
        if (-not $line.StartsWith($name + ' ') -and $line -ne $name) { Stop-Page $File "SYNTAX / $setTitle" "the syntax line does not start with '$name'" }
        $params = @([regex]::Matches($line, '(?<![\w-])-([A-Za-z][A-Za-z0-9]*)').ForEach({ $_.Groups[1].Value }))
        [pscustomobject]@{ Name = $setName; IsDefault = $isDefault; Line = $line; Parameters = $params }
    }
    $sets = @($sets)
    if (-not $sets.Count) { Stop-Page $File 'SYNTAX' "no '### ParameterSetName' with a syntax line" }

    # DESCRIPTION
    $description = @(ConvertTo-Paragraphs $sections['DESCRIPTION'])
    if (-not $description.Count) { Stop-Page $File 'DESCRIPTION' 'the description is empty' }

    # EXAMPLES: '### Example N: title', code block(s), then remarks
    $examples = foreach ($part in @(Split-Headings $sections['EXAMPLES'] 3) | Select-Object -Skip 1) {
        $split = Split-Block $part.Lines
        if ($split.Error) { Stop-Page $File "EXAMPLES / $($part.Title)" $split.Error }
        $code = @($split.Items.Where({ $_.Kind -eq 'Code' }))
        if (-not $code.Count) { Stop-Page $File "EXAMPLES / $($part.Title)" 'the example has no code block' }
        # Text before and after the code is the remarks, as platyPS has it; several code blocks are joined.
        $remarks = @($split.Items.Where({ $_.Kind -eq 'Text' }).ForEach({ ConvertTo-Paragraphs $_.Lines }))
        [pscustomobject]@{
            Title   = $part.Title
            Code    = $code.ForEach({ ($_.Lines -join "`n").Trim("`n") }) -join "`n`n"
            Remarks = $remarks
        }
    }
    $examples = @($examples)
    if (-not $examples.Count) { Stop-Page $File 'EXAMPLES' "no '### Example' entry" }

    # PARAMETERS: '### -Name', description, one or more yaml blocks; '### CommonParameters'
    $parameters = [ordered]@{}
    foreach ($part in @(Split-Headings $sections['PARAMETERS'] 3) | Select-Object -Skip 1) {
        if ($part.Title -eq 'CommonParameters') { continue }
        $where = "PARAMETERS / $($part.Title)"
        if ($part.Title -notmatch '^-([A-Za-z][A-Za-z0-9]*)$') { Stop-Page $File $where "a parameter heading must be '### -Name'" }
        $pname = $Matches[1]
        if ($parameters.Contains($pname)) { Stop-Page $File $where 'the parameter is documented twice' }
        $split = Split-Block $part.Lines
        if ($split.Error) { Stop-Page $File $where $split.Error }
        $yaml = @($split.Items.Where({ $_.Kind -eq 'Code' -and $_.Lang -eq 'yaml' }))
        if (-not $yaml.Count) { Stop-Page $File $where 'the parameter has no ```yaml block' }
        $text = @($split.Items.Where({ $_.Kind -eq 'Text' }).ForEach({ ConvertTo-Paragraphs $_.Lines }))
        if (-not $text.Count) { Stop-Page $File $where 'the parameter has no description' }
        $blocks = @($yaml.ForEach({ Read-Yaml $File $where $_.Lines }))
        $parameters[$pname] = [pscustomobject]@{ Name = $pname; Description = $text; Blocks = $blocks }
    }

    # Every parameter of every syntax line must be documented, with a yaml block that covers its set.
    foreach ($set in $sets) {
        foreach ($p in $set.Parameters) {
            if (-not $parameters.Contains($p)) { Stop-Page $File "SYNTAX / $($set.Name)" "-$p is in the syntax but has no '### -$p' under PARAMETERS" }
            $block = Get-Block $parameters[$p] $set.Name
            if (-not $block) { Stop-Page $File "PARAMETERS / -$p" "no yaml block lists the parameter set '$($set.Name)' or (All)" }
        }
    }
    $inSyntax = @($sets.ForEach({ $_.Parameters }))
    foreach ($p in $parameters.get_Keys()) {
        if ($p -notin $inSyntax) { Stop-Page $File "PARAMETERS / -$p" 'the parameter is in no syntax line' }
    }

    $inputs = Read-TypeList $File 'INPUTS' $sections['INPUTS']
    $outputs = Read-TypeList $File 'OUTPUTS' $sections['OUTPUTS']
    $notes = if ($sections.Contains('NOTES')) { @(ConvertTo-Paragraphs $sections['NOTES']) } else { @() }

    $links = [System.Collections.Generic.List[object]]::new()
    if ($meta['online version']) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $meta['online version'] }) }
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($l in $sections['RELATED LINKS']) {
            $t = $l.Trim()
            if (-not $t) { continue }
            if ($t -match '^\[([^\]]+)\]\(([^)]*)\)$') {
                $uri = $Matches[2]
                # Links to sibling pages mean nothing to Get-Help: keep the name, drop the relative path.
                if ($uri -notmatch '^[a-z]+://') { $uri = '' }
                $links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $uri })
            }
            else { Stop-Page $File 'RELATED LINKS' "'$t' is not a [text](uri) link" }
        }
    }

    $verb, $noun = $name -split '-', 2
    [pscustomobject]@{
        File = $File; Name = $name; Verb = $verb; Noun = $noun
        Synopsis = $synopsis; Description = $description; Sets = $sets; Examples = $examples
        Parameters = $parameters; Inputs = $inputs; Outputs = $outputs; Notes = $notes; Links = $links.ToArray()
    }
}

# The yaml block of a parameter that covers a parameter set, or $null.
function Get-Block($Parameter, [string] $SetName) {
    foreach ($b in $Parameter.Blocks) {
        if ($b.Sets -contains $SetName -or $b.Sets -contains '(All)') { return $b }
    }
    $null
}

# ---------------------------------------------------------------- writing

function Write-Paras([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    if (-not $Paragraphs -or -not $Paragraphs.Count) {
        $W.WriteElementString('para', $NsMaml, '')
        return
    }
    foreach ($p in $Paragraphs) { $W.WriteElementString('para', $NsMaml, $p) }
}

function Write-Description([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    $W.WriteStartElement('maml', 'description', $NsMaml)
    Write-Paras $W $Paragraphs
    $W.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $W, $Parameter, $Block, [bool] $InSyntax) {
    $isSwitch = $Block.Type -eq 'SwitchParameter'
    $W.WriteStartElement('command', 'parameter', $NsCommand)
    $W.WriteAttributeString('required', $Block.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Block.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Block.Pipeline)
    $W.WriteAttributeString('position', $(if ($Block.Position -eq 'Named') { 'named' } else { $Block.Position }))
    $W.WriteAttributeString('aliases', $(if ($Block.Aliases.Count) { $Block.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('name', $NsMaml, $Parameter.Name)
    Write-Description $W $Parameter.Description
    # In a syntax item a switch takes no value; in the parameter list its type is still shown.
    if (-not ($InSyntax -and $isSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $NsCommand)
        $W.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', $(if ($Block.Type.EndsWith('[]')) { 'true' } else { 'false' }))
        $W.WriteString($Block.Type)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $NsDev)
    $W.WriteElementString('name', $NsMaml, $Block.Type)
    $W.WriteElementString('uri', $NsMaml, '')
    $W.WriteEndElement()
    $W.WriteElementString('defaultValue', $NsDev, $(if ($Block.Default) { $Block.Default } else { 'None' }))
    $W.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $W, [string] $Outer, [string] $Inner, $Entries) {
    $W.WriteStartElement('command', $Outer, $NsCommand)
    foreach ($e in $Entries) {
        $W.WriteStartElement('command', $Inner, $NsCommand)
        $W.WriteStartElement('dev', 'type', $NsDev)
        $W.WriteElementString('name', $NsMaml, $e.Type)
        $W.WriteEndElement()
        Write-Description $W $e.Paragraphs
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $W, $Page) {
    $W.WriteStartElement('command', 'command', $NsCommand)
    $W.WriteAttributeString('xmlns', 'maml', $null, $NsMaml)
    $W.WriteAttributeString('xmlns', 'command', $null, $NsCommand)
    $W.WriteAttributeString('xmlns', 'dev', $null, $NsDev)
    $W.WriteAttributeString('xmlns', 'MSHelp', $null, $NsMSHelp)

    $W.WriteStartElement('command', 'details', $NsCommand)
    $W.WriteElementString('name', $NsCommand, $Page.Name)
    $W.WriteElementString('verb', $NsCommand, $Page.Verb)
    $W.WriteElementString('noun', $NsCommand, $Page.Noun)
    Write-Description $W $Page.Synopsis
    $W.WriteEndElement()

    Write-Description $W $Page.Description

    $W.WriteStartElement('command', 'syntax', $NsCommand)
    foreach ($set in $Page.Sets) {
        $W.WriteStartElement('command', 'syntaxItem', $NsCommand)
        $W.WriteElementString('name', $NsMaml, $Page.Name)
        foreach ($p in $set.Parameters) {
            $param = $Page.Parameters[$p]
            Write-Parameter $W $param (Get-Block $param $set.Name) $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $NsCommand)
    # get_Values(), not .Values: a parameter named Values would shadow the property.
    foreach ($param in $Page.Parameters.get_Values()) {
        # One entry per parameter; Required and Position from its first block, as platyPS does.
        Write-Parameter $W $param $param.Blocks[0] $false
    }
    $W.WriteEndElement()

    Write-TypeList $W 'inputTypes' 'inputType' $Page.Inputs
    Write-TypeList $W 'returnValues' 'returnValue' $Page.Outputs

    $W.WriteStartElement('maml', 'alertSet', $NsMaml)
    $W.WriteStartElement('maml', 'alert', $NsMaml)
    Write-Paras $W $Page.Notes
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $NsCommand)
    foreach ($ex in $Page.Examples) {
        $W.WriteStartElement('command', 'example', $NsCommand)
        $W.WriteElementString('title', $NsMaml, "-------------------------- $($ex.Title) --------------------------")
        $W.WriteElementString('code', $NsDev, $ex.Code)
        $W.WriteStartElement('dev', 'remarks', $NsDev)
        Write-Paras $W $ex.Remarks
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $NsCommand)
    foreach ($l in $Page.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $NsMaml)
        $W.WriteElementString('linkText', $NsMaml, $l.Text)
        $W.WriteElementString('uri', $NsMaml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

# ---------------------------------------------------------------- main

if (-not (Test-Path -LiteralPath $DocsPath -PathType Container)) { throw "The docs folder '$DocsPath' does not exist." }
$files = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File | Where-Object Name -NotLike 'about_*' | Sort-Object Name)
if (-not $files.Count) { throw "The docs folder '$DocsPath' holds no .md page." }
$pages = foreach ($f in $files) { Read-Page $f.FullName }

$full = [System.IO.Path]::GetFullPath($OutputPath, (Get-Location -PSProvider FileSystem).ProviderPath)
$folder = [System.IO.Path]::GetDirectoryName($full)
if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.NewLineChars = "`n"
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.CheckCharacters = $true

# Written to a temp file first, so a failure never leaves half a help file behind.
$temp = "$full.$PID.tmp"
$writer = [System.Xml.XmlWriter]::Create($temp, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($page in $pages) { Write-Command $writer $page }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
catch {
    $writer.Dispose()
    Remove-Item -LiteralPath $temp -Force -ErrorAction SilentlyContinue
    throw
}
$writer.Dispose()
Move-Item -LiteralPath $temp -Destination $full -Force
Write-Verbose "Wrote help for $($pages.Count) commands to $full"
