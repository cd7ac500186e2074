using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace IotStudio.PowerShell
{
    /// <summary>
    /// Which of the module's own objects a cmdlet takes from the pipeline, so that nothing binds by accident: a property
    /// value piped into Remove-IotThing would otherwise fill -ThingId with its Thing's id and delete the Thing, and a Thing
    /// piped into Get-IotCategory would be looked up by its Uid as a Category name. The rule comes from the cmdlets'
    /// metadata, so a new cmdlet follows it without a list to keep. A cmdlet takes a module object of type T when
    /// <list type="number">
    /// <item>its noun is the noun of a cmdlet that outputs T (its own objects: Get-IotAction | Wait-IotAction);</item>
    /// <item>one of its ValueFromPipeline parameters is typed for T (Get-IotCategory | Get-IotThing -InputObject); or</item>
    /// <item>one of its pipeline parameters, or the cmdlet class, carries an <see cref="IPipelineSource"/> that names T (a Thing into any cmdlet that works inside a Thing).</item>
    /// </list>
    /// Anything else that is not the module's (Import-Csv rows, query results, strings, hashtables) binds as PowerShell binds it.
    /// </summary>
    internal static class PipelineInput
    {
        private const string DeserializedPrefix = "Deserialized.";

        // The object the engine is binding for this command: InternalCommand.CurrentPipelineObject. It is not public, and
        // nothing public says which object a by-property-name value came from; without it (another PowerShell) no check is made.
        private static readonly PropertyInfo CurrentProperty = typeof(Cmdlet).BaseType?.GetProperty("CurrentPipelineObject", BindingFlags.Instance | BindingFlags.NonPublic);

        private static readonly Lazy<Dictionary<Type, HashSet<string>>> OutputNouns = new Lazy<Dictionary<Type, HashSet<string>>>(FindOutputNouns);
        private static readonly Lazy<Dictionary<string, Type>> ModuleTypesByName = new Lazy<Dictionary<string, Type>>(() =>
            OutputNouns.Value.Keys.ToDictionary(t => t.FullName, StringComparer.OrdinalIgnoreCase));
        private static readonly ConcurrentDictionary<(Type, Type), bool> Cache = new ConcurrentDictionary<(Type, Type), bool>();

        /// <summary>The object the cmdlet is processing from the pipeline, or null when it was called without one.</summary>
        public static PSObject Current(Cmdlet cmdlet)
        {
            if (CurrentProperty == null) return null;
            var value = CurrentProperty.GetValue(cmdlet) as PSObject;
            return value == null || value.BaseObject == null || value == AutomationNullValue ? null : value;
        }

        private static readonly object AutomationNullValue = System.Management.Automation.Internal.AutomationNull.Value;

        /// <summary>True for a type of the module's own objects (IotStudio.Core and IotStudio.PowerShell).</summary>
        public static bool IsModuleType(Type type) =>
            type != null && (type.Assembly == typeof(IotStudio.Models.Thing).Assembly || type.Assembly == typeof(PipelineInput).Assembly);

        /// <summary>The module type of a piped object (also of one that was serialised by a job or a remote session), or null.</summary>
        public static Type ModuleType(PSObject input)
        {
            if (input == null) return null;
            var type = input.BaseObject.GetType();
            if (IsModuleType(type)) return type;
            var name = input.TypeNames.Count > 0 ? input.TypeNames[0] : null;
            if (name != null && name.StartsWith(DeserializedPrefix, StringComparison.Ordinal) &&
                ModuleTypesByName.Value.TryGetValue(name.Substring(DeserializedPrefix.Length), out var original)) return original;
            return null;
        }

        /// <summary>True when <paramref name="cmdletType"/> takes module objects of <paramref name="inputType"/> from the pipeline (see the class summary).</summary>
        public static bool Accepts(Type cmdletType, Type inputType) => Cache.GetOrAdd((cmdletType, inputType), k => Decide(k.Item1, k.Item2));

        /// <summary>The module types (of everything the module's cmdlets output) that <paramref name="cmdletType"/> takes from the pipeline.</summary>
        public static IEnumerable<Type> AcceptedTypes(Type cmdletType) =>
            OutputNouns.Value.Keys.Where(t => Accepts(cmdletType, t)).OrderBy(t => t.Name, StringComparer.Ordinal);

        /// <summary>The error that refuses the object the cmdlet is processing, or null when it takes it (or has none).</summary>
        public static ErrorRecord Refusal(PSCmdlet cmdlet)
        {
            var input = Current(cmdlet);
            var type = ModuleType(input);
            if (type == null || Accepts(cmdlet.GetType(), type)) return null;
            var name = cmdlet.MyInvocation.MyCommand.Name;
            var accepted = AcceptedTypes(cmdlet.GetType()).Select(t => t.Name).ToList();
            var message = string.Format(CultureInfo.CurrentCulture, Strings.PipelineInputNotAccepted, name, type.Name,
                accepted.Count == 0 ? Strings.PipelineInputNone : string.Join(", ", accepted));
            return new ErrorRecord(new PSArgumentException(message), "InputObjectNotBound", ErrorCategory.InvalidArgument, input)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = Strings.ActionPipelineInput },
            };
        }

        private static bool Decide(Type cmdletType, Type inputType)
        {
            var noun = cmdletType.GetCustomAttribute<CmdletAttribute>()?.NounName;
            if (noun != null && OutputNouns.Value.TryGetValue(inputType, out var nouns) && nouns.Contains(noun)) return true;
            foreach (var declared in cmdletType.GetCustomAttributes(true).OfType<IPipelineSource>())
                if (declared.Types.Any(t => t.IsAssignableFrom(inputType))) return true;
            foreach (var property in cmdletType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var parameters = property.GetCustomAttributes<ParameterAttribute>(true).ToList();
                if (parameters.Count == 0) continue;
                if (parameters.Any(p => p.ValueFromPipeline) && IsTypedFor(property.PropertyType, inputType)) return true;
                if (!parameters.Any(p => p.ValueFromPipeline || p.ValueFromPipelineByPropertyName)) continue;
                foreach (var source in property.GetCustomAttributes(true).OfType<IPipelineSource>())
                    if (source.Types.Any(t => t.IsAssignableFrom(inputType))) return true;
            }
            return false;
        }

        // A parameter typed for the module type itself (or an array of it); object, PSObject and string take anything.
        private static bool IsTypedFor(Type parameterType, Type inputType)
        {
            var element = parameterType.IsArray ? parameterType.GetElementType() : parameterType;
            if (element == typeof(object) || element == typeof(PSObject) || element == typeof(string)) return false;
            return element.IsAssignableFrom(inputType);
        }

        // Each module type → the nouns of the cmdlets whose [OutputType] names it.
        private static Dictionary<Type, HashSet<string>> FindOutputNouns()
        {
            var map = new Dictionary<Type, HashSet<string>>();
            Type[] types;
            try { types = typeof(PipelineInput).Assembly.GetTypes(); }
            catch (ReflectionTypeLoadException ex) { types = ex.Types.Where(t => t != null).ToArray(); }
            foreach (var type in types)
            {
                var cmdlet = type.GetCustomAttribute<CmdletAttribute>();
                if (cmdlet == null || type.IsAbstract) continue;
                foreach (var output in type.GetCustomAttributes<OutputTypeAttribute>())
                    foreach (var psType in output.Type)
                    {
                        var t = psType.Type;
                        if (!IsModuleType(t)) continue;
                        if (!map.TryGetValue(t, out var nouns)) map[t] = nouns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                        nouns.Add(cmdlet.NounName);
                    }
            }
            return map;
        }
    }
}
