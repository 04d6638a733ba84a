namespace LieInter.Analyzers.Tests;

/// <summary>LIE0001 to LIE0004: how a model is declared.</summary>
public class UsageTests
{
    [Fact]
    public Task LIE0001_FiresOnANonPartialModel() => AnalyzerVerifier.VerifyAsync("""
        public class {|LIE0001:Model|}
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
        }
        """);

    [Fact]
    public Task LIE0001_FiresOnANonPartialContainingType() => AnalyzerVerifier.VerifyAsync("""
        public class {|LIE0001:Outer|}
        {
            public partial class Model
            {
                [Node] public double X;
                [Assignment(nameof(X))] double F() => 1.0;
            }
        }
        """);

    [Fact]
    public Task LIE0001_DoesNotFireOnAPartialModelOrAPlainClass() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
        }

        public class NotAModel
        {
            public double X;
            double F() => X;
        }
        """);

    [Fact]
    public Task LIE0002_FiresOnANodeWithoutAssignment() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double X, {|LIE0002:Y|};
            [Assignment(nameof(X))] double F() => 1.0;
        }
        """);

    [Fact]
    public Task LIE0002_DoesNotFireWhenEveryNodeIsAssigned() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double X, Y;
            [Assignment(nameof(X))] double F() => 1.0;
            [Assignment(nameof(Y))] double G() => 2.0 * X;
        }
        """);

    [Fact]
    public Task LIE0003_FiresOnAnUnknownNode() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
            [{|LIE0003:Assignment("Wrong")|}] double G() => 2.0;
        }
        """);

    [Fact]
    public Task LIE0003_FiresOnASecondAssignmentOfOneNode() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double F() => 1.0;
            [Assignment(nameof(X))] double {|LIE0003:G|}() => 2.0;
        }
        """);

    [Fact]
    public Task LIE0003_DoesNotFireOnAnUnmarkedHelperWithANodeName() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double X;
            public double Wrong;
            [Assignment(nameof(X))] double F() => 1.0;
            double G() => 2.0;
        }
        """);

    [Fact]
    public Task LIE0004_FiresOnAScalarSignatureForAVectorNode() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double[] X = new double[3];
            [Assignment(nameof(X))] double {|LIE0004:F|}() => 1.0;
        }
        """);

    [Fact]
    public Task LIE0004_FiresOnAnElementSignatureForAScalarNode() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Node] public double X;
            [Assignment(nameof(X))] double {|LIE0004:F|}(int i) => 1.0;
        }
        """);

    [Fact]
    public Task LIE0004_FiresOnANodeOfTheWrongType() => AnalyzerVerifier.VerifyAsync("""
        public partial class {|LIE0002:Model|}
        {
            [Node] public int {|LIE0004:X|};
        }
        """);

    [Fact]
    public Task LIE0004_DoesNotFireOnMatchingSignatures() => AnalyzerVerifier.VerifyAsync("""
        public partial class Model
        {
            [Parameter] public double[] Y = new double[3];
            [Node] public double[] X = new double[3];
            [Node] public double Total { get; set; }
            [Assignment(nameof(X))] double F(int i) => Y[i];
            [Assignment(nameof(Total))] double G() => X[0] + X[1] + X[2];
        }
        """);
}
