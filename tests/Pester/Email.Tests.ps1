# Send-IotEmail against the emulator: what is sent and kept in the outbox, the text/HTML parameter sets, addresses
# refused before any request, -WhatIf, and a message too large for the service (413).

BeforeAll {
    $ProgressPreference = 'SilentlyContinue'
    Import-Module $PSScriptRoot/TestHelpers.psm1 -Force
    Import-Module $env:IOTSTUDIO_TEST_MODULE -Force

    $script:Cmd = 'IotStudio.PowerShell.Commands'
    function Get-Outbox([string] $Space) {
        $path = '/_emulator/outbox' + $(if ($Space) { "?space=$Space" })
        @((Invoke-Emulator -Path $path).data)
    }
    function Clear-Outbox { Invoke-Emulator -Method DELETE -Path '/_emulator/outbox' }
}

Describe 'Send-IotEmail' {
    BeforeEach {
        Reset-Emulator
        $null = Connect-TestEmulator
        Clear-EmulatorLog
    }

    It 'posts {to, cc, bcc, subject, body} to /communications/email, writes nothing, and the message is in the outbox' {
        $out = Send-IotEmail -To ops@example.com, on-call@example.org -Cc lead@example.com -Bcc audit@example.com -Subject 'Boiler 7 overheats' -Body '97.5 °C' -BodyHtml '<b>97.5 °C</b>'
        $out | Should -BeNullOrEmpty
        $log = Get-ApiLog
        $log | Should -HaveCount 1
        $log[0].method | Should -Be 'POST'
        $log[0].path | Should -Be '/spaces/test/communications/email'
        $log[0].status | Should -Be 202
        $body = $log[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be 'bcc', 'body', 'cc', 'subject', 'to'
        $body.to | Should -Be 'ops@example.com', 'on-call@example.org'
        @($body.cc) | Should -Be 'lead@example.com'
        @($body.bcc) | Should -Be 'audit@example.com'
        $body.subject | Should -Be 'Boiler 7 overheats'
        $body.body.text | Should -Be '97.5 °C'
        $body.body.html | Should -Be '<b>97.5 °C</b>'

        $sent = Get-Outbox
        $sent | Should -HaveCount 1
        $sent[0].space | Should -Be 'test'
        $sent[0].to | Should -Be 'ops@example.com', 'on-call@example.org'
        $sent[0].body.html | Should -Be '<b>97.5 °C</b>'
    }

    It 'sends only the parts given: <Name>' -ForEach @(
        @{ Name = 'text'; Splat = @{ Body = 'plain' }; Keys = @('text') }
        @{ Name = 'HTML'; Splat = @{ BodyHtml = '<p>html</p>' }; Keys = @('html') }
        @{ Name = 'both'; Splat = @{ Body = 'plain'; BodyHtml = '<p>html</p>' }; Keys = @('html', 'text') }
    ) {
        Send-IotEmail -To ops@example.com -Subject s @Splat
        $body = (Get-ApiLog)[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be 'body', 'subject', 'to'
        $body.body.Keys | Sort-Object | Should -Be $Keys
    }

    It 'needs -Body, -BodyHtml or both: one parameter set each, positional To, Subject and Body as Send-MailMessage has them' {
        $command = Get-Command Send-IotEmail
        $command.DefaultParameterSet | Should -Be 'Text'
        foreach ($set in $command.ParameterSets) {
            $mandatory = ($set.Parameters | Where-Object IsMandatory).Name | Sort-Object
            switch ($set.Name) {
                'Text' { $mandatory | Should -Be 'Body', 'Subject', 'To' }
                'Html' { $mandatory | Should -Be 'BodyHtml', 'Subject', 'To' }
                'TextAndHtml' { $mandatory | Should -Be 'Body', 'BodyHtml', 'Subject', 'To' }
                default { throw "unexpected parameter set $($set.Name)" }
            }
        }
        Send-IotEmail ops@example.com 'Positional' 'text body'
        $body = (Get-ApiLog)[0].body | ConvertFrom-Json -AsHashtable
        $body.subject | Should -Be 'Positional'
        $body.body.text | Should -Be 'text body'
    }

    It 'refuses <Bad> in -<Field> before any request, naming it, as EmailInvalidArgument' -ForEach @(
        @{ Field = 'To'; Bad = 'not-an-address' }
        @{ Field = 'To'; Bad = 'Ops <ops@example.com>' }
        @{ Field = 'Cc'; Bad = 'two words@example.com' }
        @{ Field = 'Bcc'; Bad = 'audit@' }
    ) {
        $splat = @{ To = @('ops@example.com'); Subject = 's'; Body = 'b' }
        $splat[$Field] = @($splat[$Field]) + $Bad | Where-Object { $_ }
        Send-IotEmail @splat -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -Be "EmailInvalidArgument,$Cmd.SendIotEmailCommand"
        $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $ev[0].TargetObject | Should -Be $Bad
        $ev[0].Exception.Message | Should -BeLike "*'$Bad' ($Field) is not a valid email address*"
        Get-ApiLog | Should -BeNullOrEmpty
        Get-Outbox | Should -BeNullOrEmpty
    }

    It 'reports a bad address even with -WhatIf, and sends nothing with -WhatIf' {
        Send-IotEmail -To bad -Subject s -Body b -WhatIf -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -Be "EmailInvalidArgument,$Cmd.SendIotEmailCommand"
        Send-IotEmail -To ops@example.com -Subject s -Body b -WhatIf
        Get-ApiLog | Should -BeNullOrEmpty
        Get-Outbox | Should -BeNullOrEmpty
    }

    It 'maps a message too large for the service (413) to EmailPayloadTooLarge (LimitsExceeded) with a clear message, sent once' {
        $big = 'x' * 1.5MB
        Send-IotEmail -To ops@example.com -Subject 'big' -Body $big -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -Be "EmailPayloadTooLarge,$Cmd.SendIotEmailCommand"
        $ev[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $ev[0].TargetObject.GetType().FullName | Should -Be 'IotStudio.Api.EmailMessage'
        $ev[0].TargetObject.Subject | Should -Be 'big'
        $ev[0].ErrorDetails.Message | Should -BeLike 'POST /spaces/test/communications/email failed with 413: the message is * bytes; at most 1,048,576 bytes are accepted'
        $ev[0].ErrorDetails.RecommendedAction | Should -BeLike '*larger than the service accepts*'
        $ev[0].Exception.Response.StatusCode | Should -Be 413
        (Get-ApiLog).status | Should -Be 413 -Because 'a POST is not retried on 413'
        Get-Outbox | Should -BeNullOrEmpty
    }

    It 'needs no particular scope: a token with only the category scope sends' {
        $scoped = New-IotStudioConnection -ApiUrl (Get-EmulatorUrl) -Space test -ClientId scoped-client -ClientSecret (ConvertTo-SecureString 'scoped-secret' -AsPlainText -Force) -Scope category
        try {
            Send-IotEmail -Connection $scoped -To ops@example.com -Subject s -Body b
            (Get-ApiLog).status | Should -Be 202
        }
        finally { Disconnect-IotStudio -InputObject $scoped }
    }

    It 'sends in the space of a piped object, and with -Space' {
        $thing = New-IotThing -Space other -Title t
        $thing | Send-IotEmail -To ops@example.com -Subject piped -Body b
        Send-IotEmail -Space third -To ops@example.com -Subject given -Body b
        (Get-ApiLog | Where-Object method -EQ 'POST' | Where-Object path -Like '*/email').path | Should -Be '/spaces/other/communications/email', '/spaces/third/communications/email'
        (Get-Outbox -Space other).subject | Should -Be 'piped'
        (Get-Outbox).subject | Should -Be 'piped', 'given'
    }
}

Describe 'The emulator''s email endpoint and outbox' {
    BeforeEach { Reset-Emulator }

    It 'answers 400 naming a bad address sent past the module, and keeps nothing' {
        $r = Invoke-WebRequest -Method POST -Uri "$(Get-EmulatorUrl)/spaces/test/communications/email" -SkipHttpErrorCheck `
            -Headers @{ Authorization = 'Bearer static-test-token' } -ContentType 'application/json' -Body '{"to":["ok@example.com","nope"]}'
        $r.StatusCode | Should -Be 400
        ($r.Content | ConvertFrom-Json).error.details.address | Should -Be 'nope'
        Get-Outbox | Should -BeNullOrEmpty
    }

    It 'answers 400 without a recipient' {
        $r = Invoke-WebRequest -Method POST -Uri "$(Get-EmulatorUrl)/spaces/test/communications/email" -SkipHttpErrorCheck `
            -Headers @{ Authorization = 'Bearer static-test-token' } -ContentType 'application/json' -Body '{"to":[],"subject":"s"}'
        $r.StatusCode | Should -Be 400
    }

    It 'clears the outbox with DELETE /_emulator/outbox, and on reset' {
        $null = Connect-TestEmulator
        Send-IotEmail -To ops@example.com -Subject one -Body b
        Send-IotEmail -To ops@example.com -Subject two -Body b
        (Clear-Outbox).cleared | Should -Be 2
        Get-Outbox | Should -BeNullOrEmpty
        Send-IotEmail -To ops@example.com -Subject three -Body b
        Reset-Emulator
        Get-Outbox | Should -BeNullOrEmpty
    }
}
