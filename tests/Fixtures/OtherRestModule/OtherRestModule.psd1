@{
    RootModule        = 'OtherRestModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0d7f4e52-8a51-4c8e-9f0a-6b2f4f3c9e17'
    Author            = 'IotStudio contributors'
    Description       = 'Test fixture: a binary module with its own RestSharp 108.'
    PowerShellVersion = '7.2'
    CmdletsToExport   = @('Get-OtherRestInfo')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
