# Tests the runbook offline: installs the emulator as a .NET tool, starts it, seeds it, runs the runbook against it,
# and checks what the emulator holds and what it was sent.
BeforeAll {
    # The emulator is a .NET tool: dotnet tool install IotStudio.Emulator (here the version in the folder build.ps1
    # -Task Package writes, out/packages).
    $tools = Join-Path $TestDrive 'tools'
    $version = (Get-ChildItem $env:IOTSTUDIO_PACKAGES -Filter 'IotStudio.Emulator.*.nupkg' | Select-Object -First 1).BaseName -replace '^IotStudio\.Emulator\.'
    dotnet tool install IotStudio.Emulator --version $version --tool-path $tools --add-source $env:IOTSTUDIO_PACKAGES | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "dotnet tool install IotStudio.Emulator failed ($LASTEXITCODE)." }
    $urlFile = Join-Path $TestDrive 'emulator.url'
    $emulator = Start-Process (Join-Path $tools 'iotstudio-emulator') -PassThru -RedirectStandardOutput (Join-Path $TestDrive 'out.txt') `
        -ArgumentList '--port', '0', '--url-file', $urlFile, '--client', 'runbook:runbook-secret', '--strict'
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $urlFile)) {
        if ($emulator.HasExited -or [DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not start.' }
        Start-Sleep -Milliseconds 100
    }
    $url = Get-Content $urlFile -Raw

    # Forty boilers in the Boilers Category, boiler-1 .. boiler-40, at 51 to 90 degrees.
    $seed = @{ space = 'plant'; count = 40; category = 'Boilers'; thing = @{ title = 'boiler-{i}'; status = @{ temperature = '{50 + i}' } } }
    Invoke-RestMethod "$url/_emulator/seed" -Method Post -ContentType 'application/json' -Body ($seed | ConvertTo-Json -Depth 5) | Out-Null

    $credential = [pscredential]::new('runbook', (ConvertTo-SecureString 'runbook-secret' -AsPlainText -Force))
    $runbook = Join-Path $PSScriptRoot 'Set-BoilerSetpoint.ps1'
}

AfterAll {
    $emulator | Stop-Process
}

Describe 'Set-BoilerSetpoint' {
    It 'lowers the setpoint of the ten boilers above 80 degrees, and no other' {
        $result = & $runbook -ApiUrl $url -Credential $credential -Space plant -Threshold 80 -Setpoint 65

        $result.Changed | Should -Be 10
        $things = (Invoke-RestMethod "$url/spaces/plant/things?limit=100" -Headers @{ Authorization = "Bearer $(
            (Invoke-RestMethod "$url/oauth2/token" -Method Post -Body @{ grant_type = 'client_credentials'; client_id = 'runbook'; client_secret = 'runbook-secret' }).access_token)" }).data
        ($things | Where-Object { $_.status.setpoint -eq 65 }).title | Sort-Object | Should -Be (31..40 | ForEach-Object { "boiler-$_" } | Sort-Object)
        $things | Where-Object { $_.status.temperature -le 80 -and $null -ne $_.status.setpoint } | Should -BeNullOrEmpty

        # What the emulator was sent: one filtered list, ten property updates, and the token revoked at the end.
        $log = (Invoke-RestMethod "$url/_emulator/requests").data
        @($log | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/spaces/plant/categories/Boilers/things' }).Count | Should -Be 1
        @($log | Where-Object { $_.method -eq 'PUT' -and $_.path -like '*/properties/setpoint' }).Count | Should -Be 10
        @($log | Where-Object { $_.path -eq '/oauth2/revoke' }).Count | Should -Be 1
    }

    It 'changes nothing with -WhatIf' {
        Invoke-RestMethod "$url/_emulator/requests" -Method Delete | Out-Null
        $result = & $runbook -ApiUrl $url -Credential $credential -Space plant -Threshold 50 -WhatIf
        $result.Changed | Should -Be 0
        (Invoke-RestMethod "$url/_emulator/requests").data | Where-Object method -EQ 'PUT' | Should -BeNullOrEmpty
    }
}
