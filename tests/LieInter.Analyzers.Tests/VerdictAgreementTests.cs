using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using LieInter.Differentiation;
using LieInter.Generators;
using LieInter.Modeling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LieInter.Analyzers.Tests;

/// <summary>
/// Props. 3 and 4 are checked twice: by the analyzer while the user types (LIE0203, LIE0204) and by the runtime on the
/// compiled model (<see cref="InvarianceConditions.CheckStructure"/>, <see cref="CompartmentConditions"/>). Each pair
/// uses one rule (InvarianceRules, CompartmentRules); these corpora hold their verdicts equal on every model: the same
/// flaws of each invariant declaration, the same leaking nodes, and both or neither find the partition broken.
/// </summary>
public class VerdictAgreementTests
{
    private static readonly string[] Nodes = ["A1", "A2", "B1", "B2"];

    private static readonly string[][] Partitions =
    [
        ["""[Compartment("First", "A1", "A2")]""", """[Compartment("Second", "B1", "B2")]"""],
        ["""[Compartment("First", "A1", "A2", "B1")]""", """[Compartment("Second", "B2")]"""],
        ["""[Compartment("First", "A1", "A2")]""", """[Compartment("Second", "A2", "B1")]"""],
        ["""[Compartment("First", "A1")]""", """[Compartment("Second", "A2", "B1", "B2")]"""],
    ];

    [Fact]
    public async Task AnalyzerAndRuntimeGiveTheSameCompartmentVerdictOnEveryModelOfTheCorpus()
    {
        // Every partition, with U (on A1) and V (on B1) each either not invariant or invariant at one node; plus a
        // vector model held in one element only or whole.
        var models = new List<(string Name, string Source)>();
        var invariantChoices = new string?[] { null }.Concat(Nodes).ToArray();
        foreach (var (partition, p) in Partitions.Select((x, i) => (x, i)))
        {
            foreach (var u in invariantChoices)
            {
                foreach (var v in invariantChoices)
                {
                    string name = $"Two_{p}_{u ?? "none"}_{v ?? "none"}";
                    var attrs = new StringBuilder();
                    attrs.AppendLine(string.Join("\n", partition));
                    if (u is not null)
                    {
                        attrs.AppendLine($"""[InvariantIntervention("U", "{u}", "{u}")]""");
                    }

                    if (v is not null)
                    {
                        attrs.AppendLine($"""[InvariantIntervention("V", "{v}", "{v}")]""");
                    }

                    models.Add((name, TwoSectors(name, attrs.ToString())));
                }
            }
        }

        foreach (int element in new[] { -1, 0 })
        {
            string name = $"Vector_{(element < 0 ? "whole" : "element")}";
            models.Add((name, $$"""
                [LieIntervention("U", typeof(Multiplicative), nameof(A))]
                [LieIntervention("V", typeof(Multiplicative), nameof(B))]
                [Compartment("First", "A")]
                [Compartment("Second", "B")]
                [InvariantIntervention("U", "A", "A", InvariantElement = {{element}})]
                [InvariantIntervention("V", "B", "B")]
                [Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
                public partial class {{name}}
                {
                    [Parameter] public double Demand = 1.0;
                    [Node] public double[] A = new double[2];
                    [Node] public double B;
                    [Assignment(nameof(A))] double FA(int i) => Demand + 0.1 * B;
                    [Assignment(nameof(B))] double FB() => 0.2 * (A[0] + A[1]);
                }
                """));
        }

        var compilation = AnalyzerRunner.Compilation(TestReferences.Usings + string.Join("\n", models.Select(m => m.Source)));
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(compilation);
        Assert.Empty(exceptions);
        var assembly = CompileWithGenerator(compilation);

        int leaking = 0, broken = 0;
        foreach (var (name, _) in models)
        {
            var messages = diagnostics.Where(d => d.Id == "LIE0204" && EnclosingType(d) == name).Select(d => d.GetMessage()).ToList();
            var analyzerLeaks = messages.Select(m => Regex.Match(m, @"^Node '(\w+)' of compartment")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
            bool analyzerPartitionBroken = messages.Any(m => !Regex.IsMatch(m, @"^Node '\w+' of compartment"));

            var type = assembly.GetType("Models." + name)!;
            var model = (IEquilibriumModel)Activator.CreateInstance(type)!;
            var report = CompartmentConditions.Check(type, model.Schema);
            var runtimeLeaks = report.BoundaryNodes.Where(b => !b.IsInvariant).Select(b => b.Node).ToHashSet();
            bool runtimePartitionBroken = report.Conditions.Any(c => c.Name == "compartments partition the nodes" && !c.Holds);

            Assert.True(analyzerLeaks.SetEquals(runtimeLeaks), $"{name}: the analyzer finds leaks at [{string.Join(", ", analyzerLeaks)}], the runtime at [{string.Join(", ", runtimeLeaks)}]");
            Assert.True(analyzerPartitionBroken == runtimePartitionBroken, $"{name}: partition broken by the analyzer {analyzerPartitionBroken}, by the runtime {runtimePartitionBroken}");
            leaking += runtimeLeaks.Count > 0 ? 1 : 0;
            broken += runtimePartitionBroken ? 1 : 0;
        }

        // The corpus exercises both verdicts of both rules.
        Assert.True(leaking >= 10 && models.Count - leaking >= 3, $"{leaking} of {models.Count} models leak");
        Assert.True(broken >= 10 && models.Count - broken >= 10, $"{broken} of {models.Count} models have a broken partition");
    }

    // Three graphs over P, Q, R, S (every one cyclic somewhere), as assignment bodies.
    private static readonly string[][] Graphs =
    [
        ["Demand + 0.1 * S", "0.2 * P", "0.3 * Q", "0.1 * R"],       // one cycle through all four
        ["Demand", "0.2 * P + 0.1 * R", "0.3 * Q", "0.1 * R"],       // P has no parents; S has no children
        ["Demand + 0.1 * Q", "0.2 * P", "Extra", "0.5 * R + 0.1 * S"], // R has no parents; S loops on itself
    ];

    [Fact]
    public async Task AnalyzerAndRuntimeGiveTheSameInvarianceVerdictOnEveryModelOfTheCorpus()
    {
        // Every graph, with U on node Q or on the parameter Demand, and every (invariant, auxiliary) pair.
        string[] nodes = ["P", "Q", "R", "S"];
        var models = new List<string>();
        var sources = new StringBuilder();
        foreach (var (graph, g) in Graphs.Select((x, i) => (x, i)))
        {
            foreach (var target in new[] { "Q", "Demand" })
            {
                foreach (var j in nodes)
                {
                    foreach (var k in nodes)
                    {
                        string name = $"Inv_{g}_{target}_{j}_{k}";
                        models.Add(name);
                        sources.AppendLine($$"""
                            [LieIntervention("U", typeof(Multiplicative), nameof({{target}}))]
                            [InvariantIntervention("U", "{{j}}", "{{k}}")]
                            [Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
                            public partial class {{name}}
                            {
                                [Parameter] public double Demand = 1.0;
                                [Parameter] public double Extra = 2.0;
                                [Node] public double P, Q, R, S;
                                [Assignment(nameof(P))] double FP() => {{graph[0]}};
                                [Assignment(nameof(Q))] double FQ() => {{graph[1]}};
                                [Assignment(nameof(R))] double FR() => {{graph[2]}};
                                [Assignment(nameof(S))] double FS() => {{graph[3]}};
                            }

                            """);
                    }
                }
            }
        }

        var compilation = AnalyzerRunner.Compilation(TestReferences.Usings + sources);
        var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(compilation);
        Assert.Empty(exceptions);
        var assembly = CompileWithGenerator(compilation);

        var byFlaw = new Dictionary<string, int>();
        int sound = 0;
        foreach (var name in models)
        {
            var analyzer = diagnostics.Where(d => d.Id == "LIE0203" && EnclosingType(d) == name).Select(d => AnalyzerFlaw(d.GetMessage())).ToHashSet();
            var type = assembly.GetType("Models." + name)!;
            var model = (IEquilibriumModel)Activator.CreateInstance(type)!;
            var structure = Assert.Single(InvarianceConditions.CheckStructure(type, model.Schema));
            var runtime = structure.Failed.Select(c => c.Name).ToHashSet();
            Assert.True(analyzer.SetEquals(runtime), $"{name}: the analyzer finds [{string.Join(", ", analyzer)}], the runtime [{string.Join(", ", runtime)}]");
            foreach (var flaw in runtime)
            {
                byFlaw[flaw] = byFlaw.GetValueOrDefault(flaw) + 1;
            }

            sound += runtime.Count == 0 ? 1 : 0;
        }

        // The corpus exercises every rule, and declarations that pass them all.
        foreach (var flaw in new[] { "invariant node not intervened", "auxiliary node not intervened", "auxiliary node has parents", "path from auxiliary to invariant" })
        {
            Assert.True(byFlaw.GetValueOrDefault(flaw) >= 3, $"'{flaw}' fails on {byFlaw.GetValueOrDefault(flaw)} models only");
        }

        Assert.True(sound >= 10, $"{sound} of {models.Count} models pass every rule");
    }

    // The runtime's condition name for each of the analyzer's LIE0203 messages.
    private static string AnalyzerFlaw(string message) =>
        message.StartsWith("Invariant node '", StringComparison.Ordinal) ? "invariant node not intervened"
        : Regex.IsMatch(message, @"^Auxiliary node '\w+' is intervened on") ? "auxiliary node not intervened"
        : Regex.IsMatch(message, @"^Auxiliary node '\w+' has no parents") ? "auxiliary node has parents"
        : message.StartsWith("No directed path leads", StringComparison.Ordinal) ? "path from auxiliary to invariant"
        : "unexpected: " + message;

    private static string TwoSectors(string name, string attributes) => $$"""
        [LieIntervention("U", typeof(Multiplicative), nameof(A1))]
        [LieIntervention("V", typeof(Multiplicative), nameof(B1))]
        {{attributes}}
        [Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
        public partial class {{name}}
        {
            [Parameter] public double Demand = 1.0;
            [Node] public double A1, A2, B1, B2;
            [Assignment(nameof(A1))] double FA1() => Demand + 0.1 * A2 + 0.1 * B2;
            [Assignment(nameof(A2))] double FA2() => 0.5 * A1;
            [Assignment(nameof(B1))] double FB1() => Demand + 0.1 * B2 + 0.1 * A2;
            [Assignment(nameof(B2))] double FB2() => 0.5 * B1;
        }

        """;

    private static string? EnclosingType(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        var node = tree?.GetRoot().FindNode(d.Location.SourceSpan);
        return node?.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().FirstOrDefault()?.Identifier.Text;
    }

    private static Assembly CompileWithGenerator(Compilation compilation)
    {
        var driver = CSharpGeneratorDriver.Create(new[] { new ModelGenerator().AsSourceGenerator() }, parseOptions: AnalyzerRunner.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var pe = new MemoryStream();
        var emitted = output.Emit(pe);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        pe.Position = 0;
        var context = new AssemblyLoadContext("verdict-corpus", isCollectible: true);
        context.Resolving += (_, n) => n.Name == typeof(IEquilibriumModel).Assembly.GetName().Name ? typeof(IEquilibriumModel).Assembly : null;
        return context.LoadFromStream(pe);
    }
}
