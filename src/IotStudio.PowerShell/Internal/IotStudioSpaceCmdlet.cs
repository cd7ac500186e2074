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
    /// <summary>An API cmdlet that works in a space.</summary>
    public abstract class IotStudioSpaceCmdlet : IotStudioCmdlet
    {
        /// <summary>The space; default: the connection's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SpaceCompleter))]
        public string Space { get; set; }

        /// <summary>The connection and the space to use, or a terminating error.</summary>
        protected (IotStudioConnection Connection, string Space) Target()
        {
            var connection = ResolveConnection();
            var space = Space ?? connection.Space;
            if (string.IsNullOrEmpty(space))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(Strings.NoSpace), "NoSpace", ErrorCategory.InvalidArgument, null));
            Completion.SeenSpaces.Add(space);
            return (connection, space);
        }
    }
}
