# Help: every exported cmdlet has a docs/cmdlets page that matches its parameters, with no placeholder left, and
# Get-Help shows it (the MAML that tools/New-MamlHelp.ps1 builds). tools/Update-CmdletDocs.ps1 finds every page in
# step with the built module. Also the failure modes of New-MamlHelp.ps1 and what Update-CmdletDocs.ps1 writes.

BeforeDiscovery {
    $manifest = Import-PowerShellDataFile -Path $env:IOTSTUDIO_TEST_MODULE
    $script:Cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:DocsPath = Join-Path $PSScriptRoot '../../docs/cmdlets' | Resolve-Path | ForEach-Object ProviderPath
    $script:Tool = Join-Path $PSScriptRoot '../../tools/New-MamlHelp.ps1' | Resolve-Path | ForEach-Object ProviderPath
    # Common parameters are documented by the CommonParameters paragraph; -WhatIf and -Confirm get their own entries.
    $script:Common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction'

    # The type name as platyPS writes it in a yaml block.
    function Get-DocTypeName([type] $Type) {
        if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return $Type.GenericTypeArguments[0].Name }
        if ($Type.IsGenericType) { return $Type.ToString() }
        $Type.Name
    }

    # A light reading of a platyPS page: synopsis, syntax blocks, examples, and each parameter's yaml blocks.
    function Read-DocPage([string] $Path) {
        $lines = Get-Content -LiteralPath $Path
        $section = $null; $sub = $null; $fence = $null; $lang = $null
        $code = [System.Collections.Generic.List[string]]::new()
        $page = [pscustomobject]@{
            Synopsis = ''; Syntax = [ordered]@{}; Examples = [System.Collections.Generic.List[string]]::new()
            Parameters = [ordered]@{}; Sections = [System.Collections.Generic.List[string]]::new()
        }
        foreach ($line in $lines) {
            if ($fence) {
                if ($line -match '^```\s*$') {
                    $fence = $null
                    if ($section -eq 'SYNTAX' -and $sub) { $page.Syntax[$sub] = ($code -join ' ').Trim() }
                    if ($section -eq 'PARAMETERS' -and $sub -like '-*' -and $lang -eq 'yaml') {
                        $map = @{}
                        foreach ($y in $code) { if ($y -match '^([^:]+):\s*(.*)$') { $map[$Matches[1].Trim()] = $Matches[2].Trim() } }
                        $page.Parameters[$sub.Substring(1)].Add($map)
                    }
                }
                else { $code.Add($line) }
                continue
            }
            if ($line -match '^```(\w*)') { $fence = $true; $lang = $Matches[1]; $code.Clear(); continue }
            if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); $sub = $null; $page.Sections.Add($section); continue }
            if ($line -match '^### (.+)$') {
                $sub = $Matches[1].Trim()
                if ($section -eq 'EXAMPLES') { $page.Examples.Add($sub) }
                if ($section -eq 'PARAMETERS' -and $sub -like '-*') { $page.Parameters[$sub.Substring(1)] = [System.Collections.Generic.List[hashtable]]::new() }
                continue
            }
            if ($section -eq 'SYNOPSIS' -and $line.Trim()) { $page.Synopsis = ($page.Synopsis + ' ' + $line.Trim()).Trim() }
        }
        $page
    }

    # A minimal valid page for the tool's own tests; the pieces can be replaced to make it malformed.
    function New-TestPage([string] $Folder, [string] $Synopsis = 'Does a test thing.', [switch] $NoSynopsis, [switch] $NoYaml, [string] $SyntaxLine = 'Get-Demo [-Name] <string> [<CommonParameters>]') {
        $synopsisPart = if ($NoSynopsis) { '' } else { "## SYNOPSIS`n$Synopsis`n" }
        $yaml = if ($NoYaml) { '' } else {
            "``````yaml`nType: String`nParameter Sets: (All)`nAliases: N`n`nRequired: True`nPosition: 0`nDefault value: None`nAccept pipeline input: True (ByValue)`nAccept wildcard characters: False`n``````"
        }
        $text = @"
---
external help file: Demo.dll-Help.xml
Module Name: Demo
online version:
schema: 2.0.0
---

# Get-Demo

$synopsisPart
## SYNTAX

### __AllParameterSets
``````
$SyntaxLine
``````

## DESCRIPTION
Gets a demo <item> & "more".

## EXAMPLES

### Example 1: Get one
``````powershell
Get-Demo -Name 'a<b>&c'
``````

Gets the demo named a<b>&c.

## PARAMETERS

### -Name
The name.

$yaml

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String

## OUTPUTS

### System.Object

## NOTES

## RELATED LINKS

[Get-Help](Get-Help.md)
"@
        New-Item -ItemType Directory -Force -Path $Folder | Out-Null
        Set-Content -LiteralPath (Join-Path $Folder 'Get-Demo.md') -Value $text
    }
}

Describe 'Help of <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $Command = Get-Command $Name -Module IotStudio
        $PagePath = Join-Path $DocsPath "$Name.md"
        $Page = if (Test-Path -LiteralPath $PagePath) { Read-DocPage $PagePath }
        # get_Values(): Parameters is a dictionary, and a parameter named Values would shadow .Values.
        $Params = @($Command.Parameters.get_Values() | Where-Object Name -NotIn $Common)
    }

    It 'has a docs page with the platyPS sections' {
        $PagePath | Should -Exist
        $Page.Sections | Should -Be 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
        Get-Content -LiteralPath $PagePath -TotalCount 6 | Should -Be '---', 'external help file: IotStudio.PowerShell.dll-Help.xml', 'Module Name: IotStudio', "online version: $($Command.HelpUri)", 'schema: 2.0.0', '---'
    }

    It 'has a HelpUri: its page in the project, which Get-Help -Online opens' {
        $Command.HelpUri | Should -Be "https://github.com/iotstudio/IotStudio/blob/main/docs/cmdlets/$Name.md" -Because "[Cmdlet(..., HelpUri = HelpUris.Cmdlets + ""$Name.md"")]"
        # The MAML's first related link is what Get-Help -Online opens; it must be the same address.
        (Get-Help $Name -Full).relatedLinks.navigationLink[0].uri | Should -Be $Command.HelpUri
    }

    It 'documents every parameter of the cmdlet' {
        $missing = $Params | ForEach-Object Name | Where-Object { -not $Page.Parameters.Contains($_) }
        $missing | Should -BeNullOrEmpty -Because "$Name.md must have a '### -Name' entry for each parameter"
    }

    It 'documents no parameter the cmdlet does not have' {
        $extra = $Page.Parameters.get_Keys() | Where-Object { $_ -notin $Params.Name }
        $extra | Should -BeNullOrEmpty
    }

    It 'documents -Connection, -Space, -WhatIf/-Confirm and the paging parameters where the cmdlet has them' {
        $expected = @()
        if ($Command.ImplementingType.IsSubclassOf([IotStudio.PowerShell.IotStudioCmdlet])) { $expected += 'Connection' }
        if ($Command.Parameters.ContainsKey('Space')) { $expected += 'Space' }
        $attribute = $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
        if ($attribute.SupportsShouldProcess) { $expected += 'WhatIf', 'Confirm' }
        if ($attribute.SupportsPaging) { $expected += 'First', 'Skip', 'IncludeTotalCount' }
        foreach ($p in $expected) {
            $Page.Parameters.Contains($p) | Should -BeTrue -Because "$Name has -$p"
            $Page.Parameters[$p].Count | Should -BeGreaterThan 0 -Because "-$p needs its yaml block"
        }
    }

    It 'documents each parameter with the type, sets, aliases, position and pipeline input the cmdlet declares' {
        # Collected, then asserted once: every mismatch of the page is reported in one failure.
        $problems = [System.Collections.Generic.List[string]]::new()
        foreach ($p in $Params) {
            $blocks = $Page.Parameters[$p.Name]
            if (-not $blocks -or -not $blocks.Count) { $problems.Add("-$($p.Name): no yaml block"); continue }
            foreach ($kv in $p.ParameterSets.GetEnumerator()) {
                $set = $kv.Key; $a = $kv.Value
                $setText = if ($set -eq '__AllParameterSets') { '(All)' } else { $set }
                $block = $blocks | Where-Object { ($_['Parameter Sets'] -split ',\s*') -contains $setText } | Select-Object -First 1
                if (-not $block) { $problems.Add("-$($p.Name): no yaml block for the parameter set $setText"); continue }
                $pipe = @(if ($a.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($a.ValueFromPipeline) { 'ByValue' })
                $expected = [ordered]@{
                    'Type'                  = Get-DocTypeName $p.ParameterType
                    'Required'              = "$($a.IsMandatory)"
                    'Position'              = if ($a.Position -lt 0) { 'Named' } else { "$($a.Position)" }
                    'Accept pipeline input' = if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' }
                }
                foreach ($key in $expected.get_Keys()) {
                    if ($block[$key] -cne $expected[$key]) { $problems.Add("-$($p.Name) in ${setText}: ${key} is '$($block[$key])', the cmdlet says '$($expected[$key])'") }
                }
            }
            $aliases = @($p.Aliases)
            if ($p.Name -eq 'WhatIf') { $aliases = @('wi') }
            if ($p.Name -eq 'Confirm') { $aliases = @('cf') }
            $wild = "$([bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))"
            foreach ($b in $blocks) {
                if ($b['Aliases'] -cne ($aliases -join ', ')) { $problems.Add("-$($p.Name): Aliases is '$($b['Aliases'])', the cmdlet says '$($aliases -join ', ')'") }
                if ($b['Accept wildcard characters'] -cne $wild) { $problems.Add("-$($p.Name): Accept wildcard characters is '$($b['Accept wildcard characters'])', the cmdlet says '$wild'") }
            }
            $documentedSets = ($blocks | ForEach-Object { $_['Parameter Sets'] -split ',\s*' } | Sort-Object) -join ', '
            $declaredSets = ($p.ParameterSets.get_Keys() | ForEach-Object { if ($_ -eq '__AllParameterSets') { '(All)' } else { $_ } } | Sort-Object) -join ', '
            if ($documentedSets -cne $declaredSets) { $problems.Add("-$($p.Name): Parameter Sets is '$documentedSets', the cmdlet says '$declaredSets'") }
        }
        $problems | Should -BeNullOrEmpty -Because "$Name.md must match the cmdlet"
    }

    It 'has one syntax block per parameter set, with the syntax line Get-Command shows' {
        $Page.Syntax.Count | Should -Be $Command.ParameterSets.Count
        foreach ($set in $Command.ParameterSets) {
            $title = if ($set.IsDefault -and $Command.ParameterSets.Count -gt 1) { "$($set.Name) (Default)" } else { $set.Name }
            $Page.Syntax.Contains($title) | Should -BeTrue -Because "### $title"
            $Page.Syntax[$title] | Should -Be "$Name $set"
        }
    }

    It 'has no placeholder left for a person to write' {
        # tools/Update-CmdletDocs.ps1 writes '{{ Fill ... }}' / '{{ Add ... }}' where prose is missing.
        $placeholders = @(Select-String -LiteralPath $PagePath -Pattern '\{\{ *(Fill|Add)\b' | ForEach-Object { "line $($_.LineNumber): $($_.Line.Trim())" })
        $placeholders | Should -BeNullOrEmpty -Because "$Name.md needs its prose written: synopsis, description, examples, parameters, inputs, outputs, notes"
        $Page.Synopsis | Should -Not -BeNullOrEmpty
        $Page.Synopsis | Should -Not -Be $Name
    }

    It 'has at least two examples on the page' {
        $Page.Examples.Count | Should -BeGreaterOrEqual 2
        $Page.Examples | ForEach-Object { $_ | Should -Match '^Example \d+: \S' }
    }

    It 'shows the page synopsis in Get-Help, not the generated stub' {
        $help = Get-Help $Name
        $Page.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Be $Page.Synopsis
        $help.Synopsis | Should -Not -BeLike "$Name *[<]*"
        ($help.Description.Text -join "`n") | Should -Not -BeNullOrEmpty
    }

    It 'shows at least two examples with code in Get-Help' {
        $examples = @((Get-Help $Name -Examples).Examples.Example)
        $examples.Count | Should -BeGreaterOrEqual 2
        $examples.Count | Should -Be $Page.Examples.Count
        foreach ($e in $examples) {
            $e.Code | Should -Not -BeNullOrEmpty
            ($e.Remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter in Get-Help' {
        $helpParams = @((Get-Help $Name -Full).parameters.parameter)
        $undescribed = foreach ($p in $Params) {
            $h = $helpParams | Where-Object name -eq $p.Name
            if (-not $h -or -not ($h.description.Text -join '').Trim()) { $p.Name }
        }
        $undescribed | Should -BeNullOrEmpty -Because "Get-Help $Name -Parameter <name> must show a description"
    }
}

Describe 'Module help' {
    It 'ships the MAML file next to the cmdlet assembly' {
        $root = Split-Path -Parent $env:IOTSTUDIO_TEST_MODULE
        $file = Join-Path $root 'en-US/IotStudio.PowerShell.dll-Help.xml'
        $file | Should -Exist
        [xml] $xml = Get-Content -LiteralPath $file -Raw
        $xml.helpItems.schema | Should -Be 'maml'
        @($xml.helpItems.command).Count | Should -Be (Get-Module IotStudio).ExportedCmdlets.Count
    }

    It 'ships about_IotStudio, which Get-Help shows with its sections' {
        $root = Split-Path -Parent $env:IOTSTUDIO_TEST_MODULE
        Join-Path $root 'en-US/about_IotStudio.help.txt' | Should -Exist
        $text = Get-Help about_IotStudio | Out-String
        foreach ($section in 'CONNECTIONS', 'LISTS AND PAGING', 'THE PIPELINE', 'CSV AND FLAT DATA', 'ERRORS', 'THE EMULATOR', 'RUNBOOKS') {
            $text | Should -Match "(?m)^\s*$section\s*$" -Because "about_IotStudio covers $section"
        }
        # Every cmdlet the topic names exists: the topic does not drift from the module.
        $named = [regex]::Matches($text, '\b(?:Get|New|Set|Remove|Reset|Update|Invoke|Wait|Connect|Disconnect|Use|ConvertTo)-Iot\w+') | ForEach-Object Value | Sort-Object -Unique
        $named | Should -Not -BeNullOrEmpty
        $named | Where-Object { -not (Get-Command $_ -Module IotStudio -ErrorAction SilentlyContinue) } | Should -BeNullOrEmpty
        Get-Content (Join-Path $root 'en-US/about_IotStudio.help.txt') | Where-Object Length -GT 80 | Should -BeNullOrEmpty -Because 'about topics are read in an 80-column console'
    }

    It 'is passed by when Update-Help runs for every module: its help ships inside, and it names no updatable-help server' {
        (Import-PowerShellDataFile $env:IOTSTUDIO_TEST_MODULE).HelpInfoURI | Should -BeNullOrEmpty
        # Asked by name, Update-Help says so without going to the network (a HelpInfoURI would send it there).
        $modules = Split-Path -Parent (Split-Path -Parent $env:IOTSTUDIO_TEST_MODULE)
        $lines = Invoke-ChildPwsh -Script @"
`$env:PSModulePath = '$modules'
try { Update-Help -Module IotStudio -UICulture en-US -Force -ErrorAction Stop } catch { 'error=' + `$_.FullyQualifiedErrorId }
"@
        (@($lines) -match '^error=') | Should -BeLike 'error=HelpInfoUriNotFound,*'
    }

    It 'states the project and license URLs in the manifest, and ships the MIT LICENSE it names' {
        $manifest = Import-PowerShellDataFile $env:IOTSTUDIO_TEST_MODULE
        $project = 'https://github.com/iotstudio/IotStudio'
        $manifest.PrivateData.PSData.ProjectUri | Should -Be $project
        $manifest.PrivateData.PSData.LicenseUri | Should -Be "$project/blob/main/LICENSE"
        $manifest.Copyright | Should -BeLike '*MIT*'
        $module = Test-ModuleManifest $env:IOTSTUDIO_TEST_MODULE
        "$($module.ProjectUri)" | Should -Be $project
        "$($module.LicenseUri)" | Should -Be "$project/blob/main/LICENSE"
        $root = Split-Path -Parent $env:IOTSTUDIO_TEST_MODULE
        foreach ($license in (Join-Path $root 'LICENSE'), (Join-Path $PSScriptRoot '../../LICENSE')) {
            $license | Should -Exist
            Get-Content $license -TotalCount 1 | Should -Be 'MIT License'
        }
    }

    It 'tags the package with every exported command, so Find-PSResource -Command finds it' {
        $manifest = Import-PowerShellDataFile $env:IOTSTUDIO_TEST_MODULE
        $tags = $manifest.PrivateData.PSData.Tags
        foreach ($name in $manifest.CmdletsToExport) { $tags | Should -Contain "PSCommand_$name" }
        $tags | Should -Contain 'PSIncludes_Cmdlet'
    }

    It 'has no page for a command the module does not export' {
        $exported = @((Get-Module IotStudio).ExportedCmdlets.Keys)
        $pages = Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' | ForEach-Object BaseName
        $pages | Where-Object { $_ -notin $exported } | Should -BeNullOrEmpty
    }
}

Describe 'README' {
    It 'shows the runbook example and its test exactly as the suite runs them' {
        $repo = Join-Path $PSScriptRoot '../..' | Resolve-Path | ForEach-Object ProviderPath
        $readme = (Get-Content (Join-Path $repo 'README.md') -Raw) -replace "`r`n", "`n"
        foreach ($file in 'Set-BoilerSetpoint.ps1', 'Set-BoilerSetpoint.Tests.ps1') {
            $text = (Get-Content (Join-Path $repo "examples/runbook/$file") -Raw) -replace "`r`n", "`n"
            $readme.Contains("``````powershell`n$($text.TrimEnd("`n"))`n``````") | Should -BeTrue -Because "README.md must show examples/runbook/$file as it is"
        }
    }
}

Describe 'tools/New-MamlHelp.ps1' {
    It 'writes one command element per page, creating the output folder' {
        $out = Join-Path $TestDrive 'a/b/en-US/Help.xml'
        & $Tool -DocsPath $DocsPath -OutputPath $out
        [xml] $xml = Get-Content -LiteralPath $out -Raw
        $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $names = $xml.SelectNodes('//command:details/command:name', $ns) | ForEach-Object InnerText
        $names | Should -Be (Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' | Sort-Object Name | ForEach-Object BaseName)
    }

    It 'writes the syntax, parameter attributes, examples and links of a page' {
        $docs = Join-Path $TestDrive 'ok'
        New-TestPage $docs
        $out = Join-Path $TestDrive 'ok.xml'
        & $Tool -DocsPath $docs -OutputPath $out
        [xml] $xml = Get-Content -LiteralPath $out -Raw
        $cmd = $xml.helpItems.command
        $cmd.details.name | Should -Be 'Get-Demo'
        $cmd.details.verb | Should -Be 'Get'
        $cmd.details.noun | Should -Be 'Demo'
        $param = $cmd.parameters.parameter
        $param.name | Should -Be 'Name'
        $param.required | Should -Be 'true'
        $param.position | Should -Be '0'
        $param.pipelineInput | Should -Be 'True (ByValue)'
        $param.aliases | Should -Be 'N'
        $cmd.syntax.syntaxItem.parameter.name | Should -Be 'Name'
        $cmd.inputTypes.inputType.type.name | Should -Be 'System.String'
        $cmd.returnValues.returnValue.type.name | Should -Be 'System.Object'
        $cmd.relatedLinks.navigationLink.linkText | Should -Be 'Get-Help'
    }

    It 'escapes markup characters in the text' {
        $docs = Join-Path $TestDrive 'escape'
        New-TestPage $docs -Synopsis 'Reads <things> & "quotes"'
        $out = Join-Path $TestDrive 'escape.xml'
        & $Tool -DocsPath $docs -OutputPath $out
        [xml] $xml = Get-Content -LiteralPath $out -Raw
        $xml.helpItems.command.details.description.para | Should -Be 'Reads <things> & "quotes"'
        $xml.helpItems.command.examples.example.code | Should -Be "Get-Demo -Name 'a<b>&c'"
        $xml.helpItems.command.description.para | Should -Be 'Gets a demo <item> & "more".'
    }

    It 'fails naming the file and the section when SYNOPSIS is missing' {
        $docs = Join-Path $TestDrive 'nosynopsis'
        New-TestPage $docs -NoSynopsis
        $out = Join-Path $TestDrive 'nosynopsis.xml'
        { & $Tool -DocsPath $docs -OutputPath $out } | Should -Throw -ExpectedMessage "*Get-Demo.md*SYNOPSIS*"
        $out | Should -Not -Exist
    }

    It 'fails naming the file and the parameter when a parameter has no yaml block' {
        $docs = Join-Path $TestDrive 'noyaml'
        New-TestPage $docs -NoYaml
        { & $Tool -DocsPath $docs -OutputPath (Join-Path $TestDrive 'noyaml.xml') } | Should -Throw -ExpectedMessage "*Get-Demo.md*PARAMETERS / -Name*yaml*"
    }

    It 'fails when a syntax line names a parameter the page does not document' {
        $docs = Join-Path $TestDrive 'undocumented'
        New-TestPage $docs -SyntaxLine 'Get-Demo [-Name] <string> [-Force] [<CommonParameters>]'
        { & $Tool -DocsPath $docs -OutputPath (Join-Path $TestDrive 'undocumented.xml') } | Should -Throw -ExpectedMessage "*Get-Demo.md*SYNTAX*-Force*"
    }

    It 'fails when the docs folder does not exist' {
        { & $Tool -DocsPath (Join-Path $TestDrive 'none') -OutputPath (Join-Path $TestDrive 'none.xml') } | Should -Throw -ExpectedMessage '*does not exist*'
    }
}

Describe 'tools/Update-CmdletDocs.ps1' {
    BeforeAll {
        $script:DocsTool = Join-Path $PSScriptRoot '../../tools/Update-CmdletDocs.ps1' | Resolve-Path | ForEach-Object ProviderPath
        $script:SharedText = Join-Path $PSScriptRoot '../../docs/shared-parameters.md' | Resolve-Path | ForEach-Object ProviderPath

        # A copy of the docs folder to change; the tool runs against the module under test.
        function Copy-Docs([string] $Name) {
            $dir = Join-Path $TestDrive $Name
            Copy-Item -LiteralPath $DocsPath -Destination $dir -Recurse
            $dir
        }
        function Invoke-DocsTool([string] $Docs, [hashtable] $Extra = @{}) {
            & $DocsTool -ModulePath $env:IOTSTUDIO_TEST_MODULE -DocsPath $Docs @Extra
        }
    }

    It 'finds every page of docs/cmdlets in step with the built module (-Check)' {
        { Invoke-DocsTool $DocsPath @{ Check = $true } } | Should -Not -Throw -Because 'run build.ps1 -Task Docs and commit the pages it changes'
    }

    It '-Check fails naming the page out of step, and writes nothing' {
        $docs = Copy-Docs 'check'
        $page = Join-Path $docs 'Get-IotProperty.md'
        $text = (Get-Content -LiteralPath $page -Raw).Replace('Position: 0', 'Position: 7')
        Set-Content -LiteralPath $page -Value $text -NoNewline
        { Invoke-DocsTool $docs @{ Check = $true } } | Should -Throw -ExpectedMessage '*1 cmdlet page(s)*Get-IotProperty.md*build.ps1 -Task Docs*'
        Get-Content -LiteralPath $page -Raw | Should -BeExactly $text
    }

    It 'rewrites SYNTAX and PARAMETERS from the cmdlet and keeps every word a person wrote' {
        $docs = Copy-Docs 'refresh'
        $page = Join-Path $docs 'Set-IotProperty.md'
        $original = (Get-Content -LiteralPath $page -Raw).Replace("`r`n", "`n")
        function Get-ParamText([string] $Text, [string] $Name) { [regex]::Match($Text, "(?s)### -$Name\n(.*?)\n\n``````yaml").Groups[1].Value }
        $noHistory = Get-ParamText $original 'NoHistory'
        $passThru = Get-ParamText $original 'PassThru'
        $noHistory | Should -Not -BeNullOrEmpty
        $own = "My own words about -NoHistory.`n`nA second paragraph."
        $removed = "### -Removed`nGone.`n`n``````yaml`nType: String`nParameter Sets: (All)`nAliases:`n`nRequired: False`nPosition: Named`nDefault value: None`nAccept pipeline input: False`nAccept wildcard characters: False`n```````n`n"
        $broken = $original.Replace($noHistory, $own) -replace '(?m)^Set-IotProperty \[-ThingId\] <string> -Values.*$', 'Set-IotProperty -Stale' `
            -replace '(?s)### -PassThru\n.*?```yaml\n.*?```\n\n', '' `
            -replace '### -Values', ($removed + '### -Values') `
            -replace '(?m)^The connection to use: .*$', 'A stale text of -Connection.' `
            -replace 'Accept pipeline input: True \(ByPropertyName\)', 'Accept pipeline input: False'
        Set-Content -LiteralPath $page -Value $broken -NoNewline

        $changed = @(Invoke-DocsTool $docs)
        $changed.Name | Should -Be 'Set-IotProperty'
        $changed.Action | Should -Be 'Updated'
        # The page as it was, but for the words changed by hand and -PassThru, new again, with its /// summary.
        $expected = $original.Replace($noHistory, $own).Replace("### -PassThru`n$passThru`n", "### -PassThru`nWrite the values the service stored.`n")
        Get-Content -LiteralPath $page -Raw | Should -BeExactly $expected
    }

    It 'writes the one shared text of a shared parameter on every page that has it' {
        $docs = Copy-Docs 'shared'
        $shared = Join-Path $TestDrive 'shared.md'
        (Get-Content -LiteralPath $SharedText -Raw).Replace('Prompts you for confirmation before running the cmdlet.', 'Asks before it acts.') | Set-Content -LiteralPath $shared -NoNewline
        $changed = @(Invoke-DocsTool $docs @{ SharedParametersPath = $shared })
        $withConfirm = @(Get-Command -Module IotStudio | Where-Object { $_.Parameters.ContainsKey('Confirm') } | ForEach-Object Name)
        $withConfirm.Count | Should -BeGreaterThan 3
        ($changed.Name | Sort-Object) | Should -Be ($withConfirm | Sort-Object)
        foreach ($n in $withConfirm) { Get-Content -LiteralPath (Join-Path $docs "$n.md") -Raw | Should -Match '### -Confirm\nAsks before it acts\.\n' }
    }

    It 'gives a new parameter without a /// summary a placeholder, and a cmdlet without a page a page of placeholders' {
        $docs = Copy-Docs 'new'
        Remove-Item -LiteralPath (Join-Path $docs 'Get-IotProperty.md')
        $page = Join-Path $docs 'Set-IotProperty.md'
        (Get-Content -LiteralPath $page -Raw) -replace '(?s)### -PassThru\n.*?```\n.*?```\n\n', '' | Set-Content -LiteralPath $page -NoNewline
        $changed = @(Invoke-DocsTool $docs @{ XmlDocPath = (Join-Path $TestDrive 'none.xml') })
        ($changed | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Action)" }) | Should -Be 'Get-IotProperty Created', 'Set-IotProperty Updated'
        Get-Content -LiteralPath $page -Raw | Should -Match '### -PassThru\n\{\{ Fill PassThru Description \}\}\n'
        $new = Get-Content -LiteralPath (Join-Path $docs 'Get-IotProperty.md') -Raw
        $new | Should -Match '## SYNOPSIS\n\{\{ Fill in the Synopsis \}\}'
        $new | Should -Match '### -ThingId\n\{\{ Fill ThingId Description \}\}'
        $new | Should -Match '### -Connection\nThe connection to use: '
        # The new page already builds into help; the Help tests reject it until a person writes it.
        & $Tool -DocsPath $docs -OutputPath (Join-Path $TestDrive 'new.xml')
        (Read-DocPage (Join-Path $docs 'Get-IotProperty.md')).Syntax.Count | Should -Be (Get-Command Get-IotProperty).ParameterSets.Count
    }
}
