using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;
using LieInter.Tests.Generated;

namespace LieInter.Tests.Solvers;

/// <summary>Arrays that disagree are named before any generated loop runs: the model, the member, the shape it has and
/// the shape its assignments need.</summary>
public class ShapeFailureTests
{
    private static readonly double[,] A3 = { { 0.1, 0.2, 0 }, { 0.3, 0, 0.1 }, { 0, 0.2, 0.2 } };

    [Fact]
    public void AMatrixSmallerThanTheNodeIsNamedWithBothShapes()
    {
        var model = new DenseLeontief { A = A3, FinalDemand = [1, 2, 3, 4], X = new double[4] };
        var e = Assert.Throws<ModelShapeException>(() => new EquilibriumSystem(model));
        Assert.Equal("DenseLeontief", e.ModelName);
        Assert.Equal("A", e.Member);
        Assert.Equal("4 x 4", e.Expected);
        Assert.Equal("3 x 3", e.Actual);
        Assert.Contains("the rows of A over X", e.Message);
        Assert.Contains("Rebind()", e.Message);

        // The generated code itself refuses, so nothing reaches an index out of range.
        Assert.Throws<ModelShapeException>(() => ((IEquilibriumModel)model).Evaluate(new double[4], default, new double[4]));
    }

    [Fact]
    public void AVectorLongerThanTheNodeIsNotSilentlyCutShort()
    {
        var model = new DenseLeontief { A = A3, FinalDemand = [1, 2, 3, 4], X = new double[3] };
        var e = Assert.Throws<ModelShapeException>(() => new EquilibriumSystem(model));
        Assert.Equal("FinalDemand", e.Member);
        Assert.Equal("length 3", e.Expected);
        Assert.Equal("length 4", e.Actual);
    }

    [Fact]
    public void ANonSquareMatrixIsNamed()
    {
        var model = new DenseLeontief { A = new double[2, 3], FinalDemand = [1, 2, 3], X = new double[3] };
        var e = Assert.Throws<ModelShapeException>(() => new EquilibriumSystem(model));
        Assert.Equal("A", e.Member);
        Assert.Equal("3 x 3", e.Expected);
        Assert.Equal("2 x 3", e.Actual);
    }

    [Fact]
    public void ASparseMatrixWithTooFewRowsOrColumnsIsNamed()
    {
        var sparse = SparseMatrix.FromDense(A3);
        var e = Assert.Throws<ModelShapeException>(() => new EquilibriumSystem(new SparseLeontief { A = sparse, FinalDemand = [1, 2, 3, 4], X = new double[4] }));
        Assert.Equal("A", e.Member);
        Assert.Equal("4 x 4", e.Expected);
        Assert.Equal("3 x 3", e.Actual);
        var system = new EquilibriumSystem(new SparseLeontief { A = sparse, FinalDemand = [1, 2, 3], X = new double[3] });
        Assert.True(new EquilibriumSolver().TrySolve(system, new double[3], out _));
    }

    [Fact]
    public void ArraysReplacedWithoutRebindAreReportedAndRebindFixesIt()
    {
        var model = new DenseLeontief { A = A3, FinalDemand = [1, 2, 3], X = new double[3] };
        var system = new EquilibriumSystem(model);
        var solver = new EquilibriumSolver();
        var x = new double[] { 5, 6, 7 };

        // Inconsistent among themselves: the member is named.
        model.X = new double[4];
        Assert.False(solver.TrySolve(system, x, out var report));
        Assert.Equal(SolveExitReason.ShapeMismatch, report.ExitReason);
        Assert.Contains("'FinalDemand'", report.Message); // the first array that disagrees with X
        Assert.Equal(new double[] { 5, 6, 7 }, x);

        // Consistent, but the system was bound to the old sizes: it says to call Rebind().
        model.A = new double[4, 4];
        model.FinalDemand = [1, 2, 3, 4];
        Assert.False(solver.TrySolve(system, x, out report));
        Assert.Equal(SolveExitReason.ShapeMismatch, report.ExitReason);
        Assert.Contains("Rebind()", report.Message);
        var e = Assert.Throws<ModelShapeException>(() => solver.Solve(system, x));
        Assert.Equal("X", e.Member);

        system.Rebind();
        var y = new double[4];
        Assert.True(solver.TrySolve(system, y, out report), report.ToString());
        Assert.Equal(new double[] { 1, 2, 3, 4 }, y);
    }

    [Fact]
    public void AWarmStartOfTheWrongLengthIsAReport()
    {
        var system = new EquilibriumSystem(new DenseLeontief { A = A3, FinalDemand = [1, 2, 3], X = new double[3] });
        Assert.False(new EquilibriumSolver().TrySolve(system, new double[2], out var report));
        Assert.Equal(SolveExitReason.ShapeMismatch, report.ExitReason);
        Assert.Contains("warm start", report.Message);
    }

    [Fact]
    public void ACoordinateWhoseExponentialOverflowsIsNamed()
    {
        var system = new EquilibriumSystem(new DenseLeontief { A = A3, FinalDemand = [1, 2, 3], X = new double[3] });
        system.InterventionCoordinates("Sectors")[2] = 800;
        var x = new double[] { 1, 1, 1 };
        Assert.False(new EquilibriumSolver().TrySolve(system, x, out var report));
        Assert.Equal(SolveExitReason.Overflow, report.ExitReason);
        Assert.Contains("'Sectors'", report.Message);
        Assert.Contains("element 2", report.Message);
        Assert.Contains("800", report.Message);
        Assert.Equal(new double[] { 1, 1, 1 }, x);
        Assert.Throws<LieCoordinateOverflowException>(() => new EquilibriumSolver().Solve(system, x));

        // 700 is large but finite: the solve runs.
        system.InterventionCoordinates("Sectors")[2] = 700;
        Assert.NotEqual(SolveExitReason.Overflow, new EquilibriumSolver().TrySolve(system, x, out report) ? SolveExitReason.Converged : report.ExitReason);
    }

    [Fact]
    public void DerivativesNameSeedsDirectionsAndArraysOfTheWrongSize()
    {
        var model = new DenseLeontief { A = A3, FinalDemand = [1, 2, 3], X = new double[3] };
        var layer = new Differentiation.DifferentiableEquilibrium(new EquilibriumSystem(model));
        layer.Solve();
        Assert.False(layer.TrySolveAdjoint([1, 1], out var report));
        Assert.Equal(SolveExitReason.ShapeMismatch, report.ExitReason);
        Assert.Contains("seed", report.Message);
        Assert.False(layer.TryTangent([1.0], default, new double[3], out report));
        Assert.Equal(SolveExitReason.ShapeMismatch, report.ExitReason);
        Assert.False(layer.TryTangent(default, new double[3], new double[2], out report));
        Assert.Equal(SolveExitReason.ShapeMismatch, report.ExitReason);
        Assert.Contains("output dx", report.Message);

        model.FinalDemand = [1, 2, 3, 4];
        Assert.False(layer.TrySolveAdjoint([1, 1, 1], out report));
        Assert.Equal(SolveExitReason.ShapeMismatch, report.ExitReason);
        Assert.Contains("FinalDemand", report.Message);
        Assert.Throws<ModelShapeException>(() => layer.Backpropagate([1, 1, 1], default, default));
    }

    [Fact]
    public void AnIndexOverPartOfARangeNeedsTheArrayLongEnoughNotEqual()
    {
        // NestedLoops reads K[a, b] with a over Z and b <= a: K needs |Z| rows and at least |Z| columns.
        var e = Assert.Throws<ModelShapeException>(() => new EquilibriumSystem(new NestedLoops { K = new double[5, 4], Z = new double[5] }));
        Assert.Equal("K", e.Member);
        Assert.Equal("5 x 5", e.Expected);
        Assert.Contains("the columns of K over part of Z", e.Message);
        _ = new EquilibriumSystem(new NestedLoops { K = new double[5, 6], Z = new double[5] });
        Assert.Throws<ModelShapeException>(() => new EquilibriumSystem(new NestedLoops { K = new double[4, 6], Z = new double[5] }));
    }
}
