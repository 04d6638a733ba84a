using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Xunit;

namespace LieInter.Tests.Shared;

/// <summary>
/// Every public type of a library carries an XML summary. The compiler's CS1591 cannot ask for types alone (it covers
/// every member), so this reads the documentation file the build writes next to the assembly.
/// </summary>
internal static class PublicTypeDocumentation
{
    public static void AssertEveryPublicTypeIsDocumented(Assembly assembly)
    {
        string xml = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(xml), $"{xml} is missing: the project must set GenerateDocumentationFile.");
        var documented = XDocument.Load(xml).Descendants("member")
            .Where(m => m.Element("summary") is { } s && s.Value.Trim().Length > 0)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);
        var missing = assembly.GetExportedTypes()
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Select(t => "T:" + t.FullName!.Replace('+', '.'))
            .Where(id => !documented.Contains(id))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"{assembly.GetName().Name}: public types without a <summary>: {string.Join(", ", missing)}");
    }
}
