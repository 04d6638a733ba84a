namespace LieInter.Analyzers.Tests;

/// <summary>LIE0201 to LIE0204: solvability, Lie interventions, invariance (Prop. 3) and compartments (Prop. 4).</summary>
public class StructureTests
{
    // ------------------------------------------------------------------ LIE0201

    [Fact]
    public Task LIE0201_FiresOnACycleWithoutSolvability() => AnalyzerVerifier.VerifyAsync("""
        public partial class {|LIE0201:Loop|}
        {
            [Parameter] public double Alpha = 0.5;
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => Alpha * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
        }
        """);

    [Fact]
    public Task LIE0201_FiresOnASelfLoopOfAVectorNode() => AnalyzerVerifier.VerifyAsync("""
        public partial class {|LIE0201:Leontief|}
        {
            [Parameter] public double[,] A = new double[2, 2];
            [Parameter] public double[] FinalDemand = new double[2];
            [Node] public double[] X = new double[2];
            [Assignment(nameof(X))]
            double F(int i) { double s = FinalDemand[i]; for (int j = 0; j < X.Length; j++) s += A[i, j] * X[j]; return s; }
        }
        """);

    [Fact]
    public Task LIE0201_FiresOnAnInvalidDeclaration() => AnalyzerVerifier.VerifyAsync("""
        [{|LIE0201:Solvability(SolvabilityKind.Contraction, Bound = 1.5)|}]
        public partial class {|LIE0201:Loop|}
        {
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => 0.5 * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
        }
        """);

    [Fact]
    public Task LIE0201_DoesNotFireWithADeclarationOrWithoutACycle() => AnalyzerVerifier.VerifyAsync("""
        [Solvability(SolvabilityKind.Contraction, Bound = 0.9)]
        public partial class Loop
        {
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => 0.5 * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
        }

        [Solvability(SolvabilityKind.Custom, Method = nameof(Check))]
        public partial class Checked
        {
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => 0.5 * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
            bool Check() => true;
        }

        public partial class Chain
        {
            [Node] public double X, Y, Z;
            [Assignment(nameof(X))] double F() => 1.0;
            [Assignment(nameof(Y))] double G() => 2.0 * X;
            [Assignment(nameof(Z))] double H() => X + Y;
        }
        """);

    // ------------------------------------------------------------------ LIE0202

    [Fact]
    public Task LIE0202_FiresOnAnUnknownTarget() => AnalyzerVerifier.VerifyAsync("""
        [{|LIE0202:LieIntervention("Push", typeof(Shift), nameof(X), "Nope")|}]
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
        }
        """);

    [Fact]
    public Task LIE0202_FiresOnAGroupTypeThatIsNotALieGroup() => AnalyzerVerifier.VerifyAsync("""
        [{|LIE0202:LieIntervention("Push", typeof(string), nameof(X))|}]
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
        }
        """);

    [Fact]
    public Task LIE0202_DoesNotFireOnRuntimeGroupsNodeAndParameterTargets() => AnalyzerVerifier.VerifyAsync("""
        [LieIntervention("Scale", typeof(Multiplicative), nameof(X))]
        [LieIntervention("Move", typeof(Shift), nameof(Alpha))]
        [LieIntervention("Both", typeof(Affine), nameof(X), nameof(Demand))]
        public partial class Model
        {
            [Parameter] public double Alpha = 1.0;
            [Parameter] public double[] Demand = new double[2];
            [Node] public double X;
            [Assignment(nameof(X))] double F() => Alpha + Demand[0];
        }
        """);

    // ------------------------------------------------------------------ LIE0203

    // Eq. (4) of the paper: x = tau, y = u_y (alpha x + beta z), z = gamma y, with the invariance attribute under test.
    private static string Motivating(string invariance, string intervention = "[LieIntervention(\"Damping\", typeof(Multiplicative), nameof(Y))]") => $$"""
        {{intervention}}
        {{invariance}}
        [Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
        public partial class Motivating
        {
            [Parameter] public double Tau = 1, Alpha = 0.5, Beta = 0.3, Gamma = 0.8;
            [Node] public double X, Y, Z, W;
            [Assignment(nameof(X))] double AssignX() => Tau;
            [Assignment(nameof(Y))] double AssignY() => Alpha * X + Beta * Z;
            [Assignment(nameof(Z))] double AssignZ() => Gamma * Y;
            [Assignment(nameof(W))] double AssignW() => Z;
        }
        """;

    [Theory]
    [InlineData("[{|LIE0203:InvariantIntervention(\"Damping\", nameof(Z), nameof(Y))|}]", "Auxiliary node 'Y' is intervened on")]
    [InlineData("[{|LIE0203:InvariantIntervention(\"Damping\", nameof(Y), nameof(Z))|}]", "Invariant node 'Y' is intervened on")]
    [InlineData("[{|LIE0203:InvariantIntervention(\"Damping\", nameof(Z), nameof(W))|}]", "No directed path leads from auxiliary node 'W' to invariant node 'Z'")]
    [InlineData("[{|LIE0203:InvariantIntervention(\"Damping\", nameof(Z), nameof(X))|}]", "Auxiliary node 'X' has no parents")]
    [InlineData("[{|LIE0203:InvariantIntervention(\"Nope\", nameof(Z), nameof(Z))|}]", "'Nope' is not a [LieIntervention]")]
    [InlineData("[{|LIE0203:InvariantIntervention(\"Damping\", \"Q\", nameof(Z))|}]", "invariant node 'Q' of invariant intervention 'Damping' is not a [Node]")]
    public async Task LIE0203_FiresOnInvarianceThatCannotHold(string invariance, string reason)
    {
        await AnalyzerVerifier.VerifyAsync(Motivating(invariance));
        await AssertMessageAsync(Motivating(invariance), reason);
    }

    [Fact]
    public Task LIE0203_TreatsNodesReadingATargetedParameterAsIntervened() => AnalyzerVerifier.VerifyAsync(Motivating(
        "[{|LIE0203:InvariantIntervention(\"Tilt\", nameof(W), nameof(Z))|}]",
        "[LieIntervention(\"Tilt\", typeof(Multiplicative), nameof(Gamma))]"));

    [Theory]
    [InlineData("[InvariantIntervention(\"Damping\", nameof(Z), nameof(Z))]")]   // Fig. 2c: y intervened, z invariant and auxiliary
    [InlineData("[InvariantIntervention(\"Damping\", nameof(W), nameof(Z))]")]   // path Z -> W
    [InlineData("")]
    public Task LIE0203_DoesNotFireOnStructurallyPossibleInvariance(string invariance) => AnalyzerVerifier.VerifyAsync(Motivating(invariance));

    // ------------------------------------------------------------------ LIE0204

    // Two compartments {A1, A2} and {B1, B2}, one arrow A2 -> B1 and one arrow B2 -> A1 (Fig. 2a).
    private static string Compartments(string attributes) => $$"""
        [LieIntervention("U", typeof(Multiplicative), nameof(A1))]
        [LieIntervention("V", typeof(Multiplicative), nameof(B1))]
        {{attributes}}
        [Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
        public partial class TwoSectors
        {
            [Parameter] public double Demand = 1.0;
            [Node] public double A1, A2, B1, B2;
            [Assignment(nameof(A1))] double FA1() => Demand + 0.1 * A2 + 0.1 * B2;
            [Assignment(nameof(A2))] double FA2() => 0.5 * A1;
            [Assignment(nameof(B1))] double FB1() => Demand + 0.1 * B2 + 0.1 * A2;
            [Assignment(nameof(B2))] double FB2() => 0.5 * B1;
        }
        """;

    [Fact]
    public async Task LIE0204_FiresOnABoundaryNodeThatIsNotInvariant()
    {
        var source = Compartments("""
            [{|LIE0204:Compartment("First", nameof(A1), nameof(A2))|}]
            [Compartment("Second", nameof(B1), nameof(B2))]
            [InvariantIntervention("V", nameof(B2), nameof(B2))]
            """);
        await AnalyzerVerifier.VerifyAsync(source);
        await AssertMessageAsync(source, "Node 'A2' of compartment 'First' has an arrow into 'B1' of compartment 'Second' but is not made invariant");
    }

    [Fact]
    public async Task LIE0204_FiresOnANodeInTwoCompartmentsAndOnNodesLeftOut()
    {
        var source = Compartments("""
            [{|LIE0204:Compartment("First", nameof(A1), nameof(A2))|}]
            [{|LIE0204:Compartment("Second", nameof(A2), nameof(B1))|}]
            [InvariantIntervention("U", nameof(A2), nameof(A2))]
            [InvariantIntervention("V", nameof(B2), nameof(B2))]
            """);
        await AnalyzerVerifier.VerifyAsync(source);
        await AssertMessageAsync(source, "Node 'A2' is in two compartments, 'First' and 'Second'");
        await AssertMessageAsync(source, "Node 'B2' is in no compartment");
    }

    [Fact]
    public Task LIE0204_DoesNotFireWhenEveryBoundaryNodeIsInvariant() => AnalyzerVerifier.VerifyAsync(Compartments("""
        [Compartment("First", nameof(A1), nameof(A2))]
        [Compartment("Second", nameof(B1), nameof(B2))]
        [InvariantIntervention("U", nameof(A2), nameof(A2))]
        [InvariantIntervention("V", nameof(B2), nameof(B2))]
        """));

    /// <summary>Some diagnostic of the source (markup removed) says <paramref name="reason"/>: the case fires for the
    /// reason it is meant to, not another.</summary>
    private static async Task AssertMessageAsync(string markup, string reason)
    {
        var source = System.Text.RegularExpressions.Regex.Replace(markup, @"\{\|LIE\d{4}:(.*?)\|\}", "$1");
        var diagnostics = await AnalyzerRunner.DiagnosticsAsync(source);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains(reason, StringComparison.Ordinal));
    }
}
