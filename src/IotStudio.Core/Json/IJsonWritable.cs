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
    /// <summary>A Core model that knows how to write itself as API JSON.</summary>
    public interface IJsonWritable
    {
        /// <summary>Writes the object.</summary>
        void WriteJson(Utf8JsonWriter writer, int depth);
    }
}
