using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace IotStudio.Json
{
    /// <summary>A value that is already JSON text and is written as it is.</summary>
    public sealed class RawJson
    {
        /// <summary>Wraps JSON text; it is validated on write.</summary>
        public RawJson(string text) { Text = text ?? throw new ArgumentNullException(nameof(text)); }
        /// <summary>The JSON text.</summary>
        public string Text { get; }
    }
}
