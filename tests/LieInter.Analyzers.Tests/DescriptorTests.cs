using System.Reflection;
using LieInter.Generators.Parsing;
using LieInter.Generators.Tests;
using Microsoft.CodeAnalysis;

namespace LieInter.Analyzers.Tests;

/// <summary>The descriptor table against the parser's ids, the documentation pages and the release tracking file.</summary>
public class DescriptorTests
{
    private static readonly string[] ParserIds = typeof(ProblemIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void EveryParserIdHasExactlyOneDescriptor()
    {
        Assert.Equal(11, ParserIds.Length);
        Assert.Equal(ParserIds.OrderBy(i => i), DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(i => i));
        Assert.Equal(DiagnosticDescriptors.All.Length, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void ErrorsAreExactlyTheProblemsThatBlockGeneration()
    {
        foreach (var d in DiagnosticDescriptors.All)
        {
            bool blocks = new Problem(d.Id, "", null).BlocksGeneration;
            Assert.True(blocks == (d.DefaultSeverity == DiagnosticSeverity.Error), $"{d.Id}: severity {d.DefaultSeverity}, blocks generation {blocks}");
        }

        Assert.Equal(["LIE0201", "LIE0203", "LIE0204"], DiagnosticDescriptors.All.Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning).Select(d => d.Id));
    }

    [Fact]
    public void BandsFollowTheIds()
    {
        foreach (var d in DiagnosticDescriptors.All)
        {
            string expected = d.Id[3..5] switch
            {
                "00" => DiagnosticDescriptors.UsageCategory,
                "01" => DiagnosticDescriptors.SmoothnessCategory,
                "02" => DiagnosticDescriptors.StructureCategory,
                _ => "?",
            };
            Assert.Equal(expected, d.Category);
        }
    }

    public static TheoryData<string> Ids => new(DiagnosticDescriptors.All.Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachIdHasItsHelpLinkAndADocumentationPage(string id)
    {
        var d = DiagnosticDescriptors.ForId(id)!;
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id + ".md", d.HelpLinkUri);
        string page = Path.Combine(Sources.RepositoryRoot(), "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        string text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {d.Title}", text);
        foreach (var section in new[] { "## What it means", "## Why", "## How to fix", "## Example", "```csharp" })
        {
            Assert.Contains(section, text);
        }

        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(Sources.RepositoryRoot(), "docs", "diagnostics", "README.md")));
    }

    [Fact]
    public void ReleaseTrackingListsEveryRuleWithItsCategoryAndSeverity()
    {
        var lines = File.ReadAllLines(Path.Combine(Sources.RepositoryRoot(), "src", "LieInter.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var d in DiagnosticDescriptors.All)
        {
            Assert.Contains(lines, l => l.StartsWith($"{d.Id} | {d.Category} | {d.DefaultSeverity} |", StringComparison.Ordinal));
        }
    }
}
