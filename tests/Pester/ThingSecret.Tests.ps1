# Reset-IotThingSecret against the emulator: the route and its scoped twin, a fresh secret each time, pipelines,
# per-item errors, -WhatIf, and a secret that is never visible as plain text.

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:MissingId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    $script:Cmd = 'IotStudio.PowerShell.Commands.ResetIotThingSecretCommand'

    function ConvertTo-VisibleText {
        param($Item)
        $parts = [System.Collections.Generic.List[string]]::new()
        $parts.Add(($Item | Out-String -Width 4096))
        $parts.Add(($Item | Format-List * -Force | Out-String -Width 4096))
        $parts.Add(($Item | Format-Table * | Out-String -Width 4096))
        $parts.Add("$Item")
        try { $parts.Add(($Item | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue)) } catch { }
        $parts -join "`n"
    }
}

Describe 'Reset-IotThingSecret' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        Clear-EmulatorLog
    }

    It 'posts to .../reset-secret and writes the client id and the secret as a SecureString' {
        $seed = Add-EmulatorThing -Count 1
        Clear-EmulatorLog
        $s = Reset-IotThingSecret $seed.first -Confirm:$false
        $s.GetType().FullName | Should -Be 'IotStudio.Models.ThingSecret'
        $s.ThingId | Should -Be $seed.first
        $s.Space | Should -Be 'test'
        $s.ClientId | Should -Match '^thing-[0-9a-f]{20}$'
        $s.ClientSecret | Should -BeOfType [securestring]
        (ConvertFrom-SecureString $s.ClientSecret -AsPlainText).Length | Should -BeGreaterThan 20
        $log = Get-ApiLog
        $log.Count | Should -Be 1
        $log[0].method | Should -Be 'POST'
        $log[0].path | Should -Be "/spaces/test/things/$($seed.first)/reset-secret"
        $log[0].body | Should -BeNullOrEmpty
        (Get-IotThing -Id $seed.first).ClientId | Should -Be $s.ClientId
    }

    It 'keeps the client id and gives a new secret on each reset' {
        $seed = Add-EmulatorThing -Count 1
        $a = Reset-IotThingSecret $seed.first -Confirm:$false
        $b = Reset-IotThingSecret $seed.first -Confirm:$false
        $b.ClientId | Should -Be $a.ClientId
        ConvertFrom-SecureString $b.ClientSecret -AsPlainText | Should -Not -Be (ConvertFrom-SecureString $a.ClientSecret -AsPlainText)
    }

    It 'resets every Thing piped in, one request each, with each Thing''s own client id' {
        $null = Add-EmulatorThing -Count 3
        Clear-EmulatorLog
        $out = @(Get-IotThing | Reset-IotThingSecret -Confirm:$false)
        $out.Count | Should -Be 3
        @($out.ClientId | Sort-Object -Unique).Count | Should -Be 3
        @(Get-ApiLog | Where-Object method -EQ 'POST').Count | Should -Be 3
        (Get-IotThing).ClientId | Should -Be $out.ClientId
    }

    It 'uses the Category''s path with -Category, and a Thing outside it is ThingNotFound' {
        $null = New-IotCategory Sensors
        $in = Add-EmulatorThing -Count 1 -Category Sensors
        $out = Add-EmulatorThing -Count 1
        Clear-EmulatorLog
        (Reset-IotThingSecret $in.first -Category Sensors -Confirm:$false).ThingId | Should -Be $in.first
        Reset-IotThingSecret $out.first -Category Sensors -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $log = Get-ApiLog
        $log.path | Should -Be "/spaces/test/categories/Sensors/things/$($in.first)/reset-secret", "/spaces/test/categories/Sensors/things/$($out.first)/reset-secret"
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd"
        $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $ev[0].TargetObject | Should -Be $out.first
    }

    It 'writes one error per failed Thing and goes on with the next' {
        $seed = Add-EmulatorThing -Count 1
        Clear-EmulatorLog
        $out = @($MissingId, 'not-a-ulid', $seed.first | ForEach-Object { [pscustomobject]@{ ThingId = $_ } } |
            Reset-IotThingSecret -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.ThingId | Should -Be $seed.first
        $ev.Count | Should -Be 2
        $ev[0].FullyQualifiedErrorId | Should -Be "ThingNotFound,$Cmd"
        $ev[0].TargetObject | Should -Be $MissingId
        $ev[1].FullyQualifiedErrorId | Should -Be "ThingInvalidArgument,$Cmd"
        $ev[1].TargetObject | Should -Be 'not-a-ulid'
        (Get-ApiLog).path | Should -Be "/spaces/test/things/$MissingId/reset-secret", "/spaces/test/things/$($seed.first)/reset-secret"
    }

    It 'is ConfirmImpact High and sends nothing with -WhatIf' {
        $attribute = (Get-Command Reset-IotThingSecret).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $seed = Add-EmulatorThing -Count 1
        Clear-EmulatorLog
        Reset-IotThingSecret $seed.first -WhatIf | Should -BeNullOrEmpty
        Get-ApiLog | Should -BeNullOrEmpty
        (Get-IotThing -Id $seed.first).ClientId | Should -BeNullOrEmpty
    }

    It 'never shows the secret as plain text in any stream, view, string or the request log' {
        $seed = Add-EmulatorThing -Count 1
        $captured = & {
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            Reset-IotThingSecret $seed.first -Confirm:$false -Verbose -Debug
        } *>&1
        $secret = @($captured | Where-Object { $_ -and $_.GetType().FullName -eq 'IotStudio.Models.ThingSecret' })
        $secret.Count | Should -Be 1
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        $plain = ConvertFrom-SecureString $secret[0].ClientSecret -AsPlainText
        $text = (($captured | ForEach-Object { ConvertTo-VisibleText $_ }) -join "`n") + (Invoke-Emulator -Path '/_emulator/requests' | ConvertTo-Json -Depth 5)
        $text | Should -BeLike "*$($secret[0].ClientId)*"
        $text.Contains($plain, [StringComparison]::Ordinal) | Should -BeFalse -Because 'the client secret must not be visible'
    }
}
