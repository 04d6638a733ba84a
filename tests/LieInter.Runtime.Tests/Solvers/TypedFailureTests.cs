using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Models;
using LieInter.Solvers;
using LieInter.Tests.Generated;

namespace LieInter.Tests.Solvers;

/// <summary>Failures a user can act on: each ends with its own reason, a message naming the input, and the caller's
/// buffers untouched.</summary>
public class TypedFailureTests
{
    private static DenseLeontief Leontief() => new()
    {
        A = new double[,] { { 0.1, 0.2, 0 }, { 0.3, 0, 0.1 }, { 0, 0.2, 0.2 } },
        FinalDemand = [1, 2, 3],
        X = new double[3],
    };

    [Fact]
    public void ANaNWarmStartIsNamedAndLeftAsItWas()
    {
        var system = new EquilibriumSystem(Leontief());
        var x = new double[] { 1, double.NaN, 2 };
        Assert.False(new EquilibriumSolver().TrySolve(system, x, out var report));
        Assert.Equal(SolveExitReason.InputNotFinite, report.ExitReason);
        Assert.Contains("warm start", report.Message);
        Assert.Contains("X[1]", report.Message);
        Assert.Equal(new[] { 1, double.NaN, 2 }, x);
        var e = Assert.Throws<InputNotFiniteException>(() => new EquilibriumSolver().Solve(system, x));

        // Every throwing form carries the report its Try form returns, under one catchable base.
        Assert.Equal(SolveExitReason.InputNotFinite, e.Report.ExitReason);
        Assert.Contains("X[1]", e.Report.Message);
        Assert.Equal(SolverKind.None, e.Report.Kind);
        Assert.IsAssignableFrom<EquilibriumException>(e);
    }

    [Fact]
    public void ANaNCoordinateIsNamedEvenWithoutSolvabilityChecks()
    {
        var system = new EquilibriumSystem(ReboundModel.ThreeSector());
        system.InterventionCoordinates(ReboundModel.Efficiency)[0] = double.PositiveInfinity;
        var solver = new EquilibriumSolver(new EquilibriumSolverOptions { CheckSolvability = false });
        Assert.False(solver.TrySolve(system, system.ReadState(), out var report));
        Assert.Equal(SolveExitReason.InputNotFinite, report.ExitReason);
        Assert.Contains("Lie intervention 'Efficiency'", report.Message);
    }

    [Fact]
    public void ASingularAffineSystemSaysSoAndHandsTheWarmStartBack()
    {
        // x = x + 1: I - J = 0, no fixed point; every method used to end in NaN.
        var system = new EquilibriumSystem(new NoFixedPoint { X = new double[2] });
        var x = new double[] { 3, 4 };
        Assert.False(new EquilibriumSolver().TrySolve(system, x, out var report));
        Assert.Equal(SolveExitReason.SingularJacobian, report.ExitReason);
        Assert.Contains("singular", report.Message);
        Assert.Equal(new double[] { 3, 4 }, x);

        // The same with the direct method forced.
        var direct = new EquilibriumSolver(new EquilibriumSolverOptions { Method = EquilibriumMethod.Direct });
        Assert.False(direct.TrySolve(system, x, out report));
        Assert.Equal(SolveExitReason.SingularJacobian, report.ExitReason);
    }

    [Fact]
    public void AParameterChangedAfterTheSolveRefusesTheAdjointUntilTheNextSolve()
    {
        var model = ReboundModel.ThreeSector();
        var layer = new DifferentiableEquilibrium(new EquilibriumSystem(model));
        layer.Solve();
        var seed = new double[layer.System.Dimension];
        seed[ReboundModel.Energy] = 1;
        var gradU = new double[1];
        layer.Backpropagate(seed, default, gradU);
        double before = gradU[0];

        model.A[0, 1] = 0.15; // edited in place: the stale factorisation must not be reused
        Assert.False(layer.TrySolveAdjoint(seed, out var report));
        Assert.Equal(SolveExitReason.ParametersChanged, report.ExitReason);
        var ex = Assert.Throws<EquilibriumNotConvergedException>(() => layer.Backpropagate(seed, default, gradU));
        Assert.Equal(SolveExitReason.ParametersChanged, ex.Report.ExitReason);
        Assert.False(layer.TryTangent(default, [1.0], new double[layer.System.Dimension], out report));
        Assert.Equal(SolveExitReason.ParametersChanged, report.ExitReason);

        // A coordinate change is a change too.
        layer.Solve();
        layer.System.InterventionCoordinates(ReboundModel.Efficiency)[0] = Math.Log(0.9);
        Assert.False(layer.TrySolveAdjoint(seed, out report));
        Assert.Equal(SolveExitReason.ParametersChanged, report.ExitReason);

        // After a new solve the gradient is that of the new parameters.
        layer.System.InterventionCoordinates(ReboundModel.Efficiency)[0] = 0;
        layer.Solve();
        gradU[0] = 0;
        layer.Backpropagate(seed, default, gradU);
        Assert.NotEqual(before, gradU[0]);
        Assert.True(double.IsFinite(gradU[0]));
    }

    [Fact]
    public void ANaNSeedIsNamedByItsNodeElementAndTheLastAdjointKept()
    {
        var layer = new DifferentiableEquilibrium(new EquilibriumSystem(Leontief()));
        layer.Solve();
        layer.Backpropagate([1, 1, 1], default, default);
        var adjoint = layer.Adjoint.ToArray();
        Assert.False(layer.TrySolveAdjoint([1, double.NaN, 1], out var report));
        Assert.Equal(SolveExitReason.InputNotFinite, report.ExitReason);
        Assert.Contains("X[1]", report.Message);
        Assert.Equal(adjoint, layer.Adjoint.ToArray());
        Assert.Throws<InputNotFiniteException>(() => layer.Backpropagate([1, double.NaN, 1], default, default));

        Assert.False(layer.TryTangent([0, 0, 0, 0, 0, 0, 0, 0, 0, double.NaN, 0, 0], default, new double[3], out report));
        Assert.Equal(SolveExitReason.InputNotFinite, report.ExitReason);
        Assert.Contains("entry 9", report.Message);
    }

    [Fact]
    public void AConvergedSolveAtANearSingularRootCarriesAConditioningWarning()
    {
        var system = new EquilibriumSystem(new DoubleRoot { X = 0 });
        var x = new double[] { 0.5 };
        Assert.True(new EquilibriumSolver().TrySolve(system, x, out var report), report.ToString());
        double error = Math.Abs(x[0] - 1);
        Assert.True(error > 1e3 * report.Threshold, $"the test needs an ill-determined root: error {error}, {report}");
        Assert.NotNull(report.ConditioningWarning);
        Assert.Contains("ill-determined", report.ConditioningWarning);
        // The estimate is of the right size: within a factor of 10 of the true error.
        Assert.InRange(report.EstimatedError, error / 10, error * 10);

        // A well-conditioned Leontief solve stays quiet, with an estimate at or above its true error.
        var leontief = new EquilibriumSystem(Leontief());
        var y = new double[3];
        Assert.True(new EquilibriumSolver().TrySolve(leontief, y, out report));
        Assert.Null(report.ConditioningWarning);
        Assert.True(report.EstimatedError <= 10 * report.Threshold, report.EstimatedError.ToString());
    }
}
