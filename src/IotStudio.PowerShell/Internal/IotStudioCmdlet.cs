using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using IotStudio.Auth;
using IotStudio.Http;
using IotStudio.Paging;

namespace IotStudio.PowerShell
{
    /// <summary>An API cmdlet: takes -Connection, defaulting to the runspace's connection.</summary>
    public abstract class IotStudioCmdlet : IotStudioCmdletBase
    {
        /// <summary>The connection to use; default: the runspace's, from Connect-IotStudio.</summary>
        [Parameter]
        [LiveConnection]
        [ValidateNotNull]
        public IotStudioConnection Connection { get; set; }

        /// <inheritdoc />
        protected override IotStudioConnection ExplicitConnection => Connection;
    }
}
