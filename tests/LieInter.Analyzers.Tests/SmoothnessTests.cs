namespace LieInter.Analyzers.Tests;

/// <summary>LIE0101 to LIE0103: what the generator can differentiate. Each diagnostic sits on the exact construct.</summary>
public class SmoothnessTests
{
    // A two-node acyclic frame: X is a parameter-driven node, Y reads X; the body under test is Y's assignment.
    private static string Model(string body, string members = "") => $$"""
        public partial class Model
        {
            [Parameter] public double Alpha = 0.5;
            [Node] public double X;
            [Node] public double Y;
            [Node] public double[] V = new double[4];
            {{members}}
            [Assignment(nameof(X))] double AssignX() => Alpha;
            [Assignment(nameof(V))] double AssignV(int i) => Alpha * i;
            [Assignment(nameof(Y))] double AssignY() {{body}}
        }
        """;

    [Theory]
    [InlineData("=> {|LIE0101:Math.Abs(X)|};")]
    [InlineData("=> {|LIE0101:Math.Min(X, 1.0)|};")]
    [InlineData("=> {|LIE0101:Math.Max(X, Alpha)|};")]
    [InlineData("=> {|LIE0101:Math.Floor(X)|};")]
    [InlineData("=> {|LIE0101:Math.Ceiling(X)|};")]
    [InlineData("=> {|LIE0101:Math.Round(X)|};")]
    [InlineData("=> {|LIE0101:Math.Truncate(X)|};")]
    [InlineData("=> {|LIE0101:Math.Sign(X)|};")]
    [InlineData("=> {|LIE0101:Math.Clamp(X, 0.0, 1.0)|};")]
    [InlineData("=> {|LIE0101:X % 2.0|};")]
    [InlineData("=> {|LIE0101:(int)X|};")]
    [InlineData("=> {|LIE0101:X > 0|} ? X : 0.0;")]
    [InlineData("{ if ({|LIE0101:X > Alpha|}) { return X; } return Alpha; }")]
    [InlineData("{ double s = 0; {|LIE0101:switch ((int)Alpha) { case 1: s = X; break; default: s = 2 * X; break; }|} return s; }")]
    public Task LIE0101_FiresOnNonSmoothOperations(string body) => AnalyzerVerifier.VerifyAsync(Model(body));

    [Fact]
    public Task LIE0101_FiresInASmoothHelperTheAssignmentCalls() => AnalyzerVerifier.VerifyAsync(Model(
        "=> Helper(X);",
        "[Smooth] static double Helper(double z) => {|LIE0101:Math.Abs(z)|};"));

    [Theory]
    [InlineData("=> LieInter.Smooth.Abs(X) + Smooth.Max(X, Alpha) + Smooth.Min(X, 1.0, 1e-3);")]
    [InlineData("=> V[Math.Max(0, 3 - 1)] + V[Math.Abs(-1)];")]
    [InlineData("{ double s = 0; for (int j = 0; j < V.Length; j++) { if (j % 2 == 0) { s += V[j]; } } return s + X; }")]
    [InlineData("=> Math.Exp(X) + Math.Tanh(Alpha) + Math.Pow(X, 2.0);")]
    [InlineData("=> (double)(1 + 2) * X;")]
    public Task LIE0101_DoesNotFireOnSmoothCode(string body) => AnalyzerVerifier.VerifyAsync(Model(body));

    [Theory]
    [InlineData("=> Scale * {|LIE0102:Unmarked|};", "public double Unmarked = 2.0; const double Scale = 3.0;")]
    [InlineData("=> X + {|LIE0102:Counter|};", "static double Counter;")]
    [InlineData("=> X * {|LIE0102:new Random(1).NextDouble()|};", "")]
    [InlineData("=> X * {|LIE0102:DateTime.Now.ToOADate()|};", "")]
    [InlineData("=> X + {|LIE0102:DateTime.Now.Second|};", "")]
    [InlineData("{ {|LIE0102:X = 2.0|}; return X; }", "")]
    [InlineData("{ {|LIE0102:Alpha += 1.0|}; return X; }", "")]
    [InlineData("{ double s = 0; for (int j = 0; j < {|LIE0102:Count|}; j++) { s += X; } return s; }", "public int Count = 3;")]
    public Task LIE0102_FiresOnImpureReadsAndWrites(string body, string members) => AnalyzerVerifier.VerifyAsync(Model(body, members));

    [Theory]
    [InlineData("=> Scale * X + Math.PI;", "const double Scale = 3.0;")]
    [InlineData("{ double s = Alpha; s *= 2.0; s += X; return s; }", "")]
    [InlineData("{ double s = 0; for (int j = 0; j < Count; j++) { s += X; } return s; }", "const int Count = 3;")]
    public Task LIE0102_DoesNotFireOnNodesParametersConstantsAndLocals(string body, string members) => AnalyzerVerifier.VerifyAsync(Model(body, members));

    [Theory]
    [InlineData("{ double s = X; {|LIE0103:while (s < 1.0) s += 0.1;|} return s; }", "")]
    [InlineData("{ double s = X; {|LIE0103:do { s += 0.1; } while (s < 1.0);|} return s; }", "")]
    [InlineData("{ double s = 0; {|LIE0103:foreach (var v in V) s += v;|} return s; }", "")]
    [InlineData("=> Fact(X, 3);", "[Smooth] static double Fact(double z, int n) => n == 0 ? 1.0 : z * {|LIE0103:Fact(z, n - 1)|};")]
    [InlineData("{ double s = 0; {|LIE0103:for (int j = 0; j < X; j++) { s += Alpha; }|} return s; }", "")]
    [InlineData("=> {|LIE0103:Math.FusedMultiplyAdd(X, 2.0, 1.0)|};", "")]
    [InlineData("=> {|LIE0103:Plain(X)|};", "double Plain(double z) => z;")]
    [InlineData("{ float {|LIE0103:f = 1.0f|}; return X * {|LIE0103:f|}; }", "")]
    public Task LIE0103_FiresOnConstructsTheGeneratorCannotDifferentiate(string body, string members) => AnalyzerVerifier.VerifyAsync(Model(body, members));

    [Theory]
    [InlineData("{ double s = 0; for (int j = 0; j < V.Length; j++) { s += V[j] * V[j]; } return s + X; }", "")]
    [InlineData("=> Square(X) + Twice(Alpha);", "[Smooth] static double Square(double z) => z * z; [Smooth] double Twice(double z) => 2.0 * z;")]
    [InlineData("{ double p = 1; for (int j = 1; j <= 3; j++) { p *= X + j; } return p; }", "")]
    public Task LIE0103_DoesNotFireOnTheDifferentiableSubset(string body, string members) => AnalyzerVerifier.VerifyAsync(Model(body, members));
}
