using LieInter.Analyzers.CodeFixes;

namespace LieInter.Analyzers.Tests;

/// <summary>Every code fix: the exact text it produces, and that the result is free of the diagnostic it fixes.</summary>
public class CodeFixTests
{
    private static string Model(string body) => $$"""
        public partial class Model
        {
            [Parameter] public double Alpha = 0.5;
            [Node] public double X, Y;
            [Assignment(nameof(X))] double AssignX() => Alpha;
            [Assignment(nameof(Y))] double AssignY() => {{body}};
        }
        """;

    [Theory]
    [InlineData("{|LIE0101:Math.Abs(X - 1.0)|}", "Smooth.Abs(X - 1.0)", "Abs")]
    [InlineData("2.0 * {|LIE0101:Math.Min(X, Alpha)|}", "2.0 * Smooth.Min(X, Alpha)", "Min")]
    [InlineData("{|LIE0101:Math.Max(X, 0.0)|} + {|LIE0101:System.Math.Max(Alpha, X)|}", "Smooth.Max(X, 0.0) + Smooth.Max(Alpha, X)", "Max")]
    [InlineData("{|LIE0101:double.Abs(X)|}", "Smooth.Abs(X)", "Abs")]
    public Task NonSmoothAbsMinMaxBecomeSmoothCounterparts(string before, string after, string name) =>
        CodeFixVerifier<SmoothCallCodeFix>.VerifyAsync(Model(before), Model(after), SmoothCallCodeFix.EquivalenceKeyPrefix + name);

    [Fact]
    public Task SmoothFixInsideAHelperKeepsTheHelperShape() => CodeFixVerifier<SmoothCallCodeFix>.VerifyAsync(
        """
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double AssignX() => Ramp(2.0);
            [Smooth] static double Ramp(double z) => 0.5 * (z + {|LIE0101:Math.Abs(z)|});
        }
        """,
        """
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double AssignX() => Ramp(2.0);
            [Smooth] static double Ramp(double z) => 0.5 * (z + Smooth.Abs(z));
        }
        """);

    [Fact]
    public Task MakePartialAddsTheModifierBeforeTheKeyword() => CodeFixVerifier<MakePartialCodeFix>.VerifyAsync(
        """
        public sealed class {|LIE0001:Model|}
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
        }
        """,
        """
        public sealed partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
        }
        """);

    [Fact]
    public Task MakePartialFixesTheModelAndItsContainerWithoutModifiers() => CodeFixVerifier<MakePartialCodeFix>.VerifyAsync(
        """
        /// <summary>Holds a model.</summary>
        [Serializable]
        class {|LIE0001:Outer|}
        {
            [Serializable]
            class {|LIE0001:Model|}
            {
                [Node] public double X;
                [Assignment(nameof(X))] double F() => 1.0;
            }
        }
        """,
        """
        /// <summary>Holds a model.</summary>
        [Serializable]
        partial class Outer
        {
            [Serializable]
            partial class Model
            {
                [Node] public double X;
                [Assignment(nameof(X))] double F() => 1.0;
            }
        }
        """);

    private const string Cyclic = """
        public partial class {|LIE0201:Loop|}
        {
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => 0.5 * Z * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
        }
        """;

    [Fact]
    public Task AddSolvabilityDeclaresAContractionBound() => CodeFixVerifier<AddSolvabilityCodeFix>.VerifyAsync(
        Cyclic,
        """
        [Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
        public partial class Loop
        {
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => 0.5 * Z * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
        }
        """,
        AddSolvabilityCodeFix.ContractionKey);

    [Fact]
    public Task AddSolvabilityGoesAfterExistingAttributes() => CodeFixVerifier<AddSolvabilityCodeFix>.VerifyAsync(
        """
        /// <summary>Two nodes in a loop.</summary>
        [LieIntervention("Push", typeof(Shift), nameof(Y))]
        public partial class {|LIE0201:Loop|}
        {
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => 0.5 * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
        }
        """,
        """
        /// <summary>Two nodes in a loop.</summary>
        [LieIntervention("Push", typeof(Shift), nameof(Y))]
        [Solvability(SolvabilityKind.Contraction, Bound = 0.99)]
        public partial class Loop
        {
            [Node] public double Y, Z;
            [Assignment(nameof(Y))] double F() => 0.5 * Z + 1.0;
            [Assignment(nameof(Z))] double G() => 0.5 * Y;
        }
        """,
        AddSolvabilityCodeFix.ContractionKey);

    private const string Leontief = """
        public partial class {|LIE0201:Leontief|}
        {
            [Parameter] public double[,] A = new double[2, 2];
            [Parameter] public double[] FinalDemand = new double[2];
            [Node] public double[] X = new double[2];

            [Assignment(nameof(X))]
            double F(int i)
            {
                double s = FinalDemand[i];
                for (int j = 0; j < X.Length; j++) s += A[i, j] * X[j];
                return s;
            }
        }
        """;

    [Fact]
    public Task AddSolvabilityNamesTheMatrixOfAnAffineModel() => CodeFixVerifier<AddSolvabilityCodeFix>.VerifyAsync(
        Leontief,
        Leontief.Replace("{|LIE0201:Leontief|}", "Leontief").Replace("public partial class", "[Solvability(SolvabilityKind.SpectralRadius, Parameter = nameof(A))]\npublic partial class"),
        AddSolvabilityCodeFix.SpectralRadiusKey);

    [Fact]
    public Task AddSolvabilityOffersContractionForTheAffineModelToo() => CodeFixVerifier<AddSolvabilityCodeFix>.VerifyAsync(
        Leontief,
        Leontief.Replace("{|LIE0201:Leontief|}", "Leontief").Replace("public partial class", "[Solvability(SolvabilityKind.Contraction, Bound = 0.99)]\npublic partial class"),
        AddSolvabilityCodeFix.ContractionKey);

    [Fact]
    public async Task SpectralRadiusIsOfferedOnlyForAnAffineModelWithOneMatrix()
    {
        var provider = new AddSolvabilityCodeFix();
        var leontief = await AnalyzerRunner.CodeActionsAsync(Leontief.Replace("{|LIE0201:Leontief|}", "Leontief"), provider);
        Assert.Equal([AddSolvabilityCodeFix.SpectralRadiusKey, AddSolvabilityCodeFix.ContractionKey], leontief.Select(a => a.EquivalenceKey));

        // Z * Z makes the model nonlinear in the state.
        var nonlinear = await AnalyzerRunner.CodeActionsAsync(Cyclic.Replace("{|LIE0201:Loop|}", "Loop"), provider);
        Assert.Equal([AddSolvabilityCodeFix.ContractionKey], nonlinear.Select(a => a.EquivalenceKey));

        // Two matrices: which one bounds the spectrum is the user's call.
        var twoMatrices = Leontief.Replace("{|LIE0201:Leontief|}", "Leontief")
            .Replace("[Parameter] public double[] FinalDemand", "[Parameter] public double[,] B = new double[2, 2];\n    [Parameter] public double[] FinalDemand")
            .Replace("A[i, j] * X[j]", "(A[i, j] + B[i, j]) * X[j]");
        var two = await AnalyzerRunner.CodeActionsAsync(twoMatrices, provider);
        Assert.Equal([AddSolvabilityCodeFix.ContractionKey], two.Select(a => a.EquivalenceKey));

        // An invalid declaration is reported as LIE0201 too (and the cycle with it), but no second declaration is offered.
        var invalid = await AnalyzerRunner.CodeActionsAsync(Leontief.Replace("{|LIE0201:Leontief|}", "Leontief").Replace("public partial class", "[Solvability(SolvabilityKind.Contraction, Bound = 2.0)]\npublic partial class"), provider);
        Assert.Empty(invalid);
    }
}
