# A background job is another PowerShell process: it inherits the environment, not the connection, so it connects
# from the IOTSTUDIO_* variables (set by the caller, a container, a CI secret store or a scheduled task).
$job = Start-Job {
    Connect-IotStudio -EnvironmentVariable
    Get-IotThing -Category Boilers -PropertyFilter @{ temperature = 'gt:80' } | Select-Object Uid, Title
    Disconnect-IotStudio
}
$job | Receive-Job -Wait -AutoRemoveJob
