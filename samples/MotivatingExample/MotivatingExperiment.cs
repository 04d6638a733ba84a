using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Solvers;
using LieInter.Torch;

namespace LieInter.Samples.Motivating;

/// <summary>One point of the linear check: z under the compensating intervention u_z = 1 / u_y, under the plain
/// intervention on y alone (u_z = 1), and the closed form z*.</summary>
public sealed record LinearPoint(double Tau, double Alpha, double Beta, double Gamma, double Uy, double ClosedForm, double Invariant, double PlainLie)
{
    public double RelativeError => Math.Abs(Invariant - ClosedForm) / Math.Abs(ClosedForm);

    public double PlainLieRelativeChange => Math.Abs(PlainLie - ClosedForm) / Math.Abs(ClosedForm);
}

/// <summary>The invariance at the Lie-algebra level, at u = 0: dz/ds along the compensating direction
/// (ln u_y, ln u_z) = (s, -s) and along the plain direction (s, 0), both from the equilibrium layer's tangent solve;
/// the plain one against its closed form gamma alpha tau / (1 - beta gamma)^2 and a central difference of re-solved
/// equilibria.</summary>
public sealed record LinearTangent(double Tau, double Alpha, double Beta, double Gamma, double CompensatedDerivative, double PlainDerivative, double ClosedFormDerivative, double FiniteDifference)
{
    /// <summary>|dz/ds| along (s, -s), relative to the plain derivative (0 up to round-off when z is invariant).</summary>
    public double CompensatedRelative => Math.Abs(CompensatedDerivative) / Math.Abs(PlainDerivative);

    public double ClosedFormRelativeError => Math.Abs(PlainDerivative - ClosedFormDerivative) / Math.Abs(ClosedFormDerivative);

    public double FiniteDifferenceRelativeError => Math.Abs(PlainDerivative - FiniteDifference) / Math.Abs(ClosedFormDerivative);
}

/// <summary>One held-out point of the nonlinear experiment.</summary>
public sealed record NonlinearPoint(string Scenario, double Uy, double Alpha, double Gamma, double Reference, double PlainLie, double Invariant)
{
    public double RelativeError => Math.Abs(Invariant - Reference) / Math.Abs(Reference);

    public double PlainLieRelativeChange => Math.Abs(PlainLie - Reference) / Math.Abs(Reference);
}

/// <summary>The learned assignment z = f^(u)(y) on a dense grid of y against the exact invariant soft intervention
/// tanh(gamma y / u_y) (if z stays at z*, y = u_y y*, and z* = tanh(gamma y*) = tanh(gamma y / u_y)), over the
/// range of y the intervened system reaches on the held-out grid.</summary>
public sealed record AssignmentComparison(double[] Y, double[] Learned, double[] Ideal, double[] Original)
{
    public double MaxDeviation => Y.Select((_, i) => Math.Abs(Learned[i] - Ideal[i])).Max();

    /// <summary>The size of the correction the network had to learn: largest |tanh(gamma y / u_y) - tanh(gamma y)|.</summary>
    public double MaxCorrection => Y.Select((_, i) => Math.Abs(Ideal[i] - Original[i])).Max();
}

/// <summary>The learned invariant intervention for one value of u_y (Def. 4 asks for a soft intervention f^(u) for
/// each u; the network sees only z's parent y, which cannot tell u_y and alpha apart, so each u_y gets its own).</summary>
public sealed record NonlinearRun(double Uy, InvarianceTrainingReport Training, InvarianceReport HeldOut, IReadOnlyList<NonlinearPoint> Points, AssignmentComparison Assignment)
{
    public double MinPlainLieChange => Points.Min(p => p.PlainLieRelativeChange);
}

/// <summary>The same training with two free parameters (alpha and gamma) for one parent y: Prop. 3's rank condition
/// fails, and so does the learned invariance, since equal values of y then call for different corrections.</summary>
public sealed record TwoFreeParameterRun(double Uy, InvarianceConditionsReport Conditions, InvarianceTrainingReport Training, InvarianceReport TrainingSet, InvarianceReport HeldOut, IReadOnlyList<NonlinearPoint> Points);

/// <summary>z against u_y at one held-out alpha: the reference, the plain Lie intervention on a dense grid, and the
/// invariant intervention at the trained u_y values.</summary>
public sealed record UyCurve(double Alpha, double Reference, IReadOnlyList<(double Uy, double PlainLie)> PlainLie, IReadOnlyList<(double Uy, double Invariant)> Invariant);

public sealed record MotivatingResult(
    MotivatingSettings Settings,
    IReadOnlyList<LinearPoint> Linear,
    IReadOnlyList<LinearPoint> LinearCurve,
    IReadOnlyList<LinearTangent> Tangents,
    IReadOnlyList<NonlinearRun> Nonlinear,
    UyCurve NonlinearCurve,
    InvarianceConditionsReport Conditions,
    TwoFreeParameterRun? TwoFree)
{
    public double LinearMaxRelativeError => Linear.Max(p => p.RelativeError);

    public double LinearMinPlainLieChange => Linear.Where(p => p.Uy != 1).Min(p => p.PlainLieRelativeChange);

    public double TangentMaxCompensatedRelative => Tangents.Max(t => t.CompensatedRelative);

    public double TangentMaxClosedFormError => Tangents.Max(t => t.ClosedFormRelativeError);

    public double TangentMaxFiniteDifferenceError => Tangents.Max(t => t.FiniteDifferenceRelativeError);

    public double NonlinearMaxRelativeError => Nonlinear.Max(r => r.HeldOut.MaxRelativeError);

    public double NonlinearRmse => Math.Sqrt(Nonlinear.Sum(r => r.HeldOut.Rmse * r.HeldOut.Rmse * r.Points.Count) / Nonlinear.Sum(r => r.Points.Count));

    public int NonlinearHeldOutPoints => Nonlinear.Sum(r => r.Points.Count);
}

public sealed record MotivatingSettings
{
    /// <summary>Intervention strengths u_y of the nonlinear experiment, one network each (u_y = 1 is the identity).</summary>
    public IReadOnlyList<double> NonlinearUy { get; init; } = [0.7, 0.8, 0.9, 1.1, 1.2, 1.3];

    /// <summary>Range of the free parameter alpha (Def. 4: a neighbourhood of the reference parameter 0.5).</summary>
    public double MinAlpha { get; init; } = 0.3;

    public double MaxAlpha { get; init; } = 0.7;

    /// <summary>Training alphas: midpoints of this many equal cells of [MinAlpha, MaxAlpha].</summary>
    public int TrainingPoints { get; init; } = 20;

    /// <summary>Held-out grid (includes both ends; no point coincides with a training point).</summary>
    public int GridPoints { get; init; } = 51;

    /// <summary>The held-out alpha of the z-against-u_y curve (must be on the held-out grid).</summary>
    public double CurveAlpha { get; init; } = 0.5;

    /// <summary>Range of gamma in the two-free-parameter run (alpha over [MinAlpha, MaxAlpha]).</summary>
    public double MinGamma { get; init; } = 0.6;

    public double MaxGamma { get; init; } = 1.0;

    /// <summary>Run the two-free-parameter counterexample (at the largest u_y).</summary>
    public bool TwoFreeParameters { get; init; } = true;

    public MlpOptions Network { get; init; } = new() { HiddenSizes = [8, 8], Seed = 3 };

    public InvarianceTrainingOptions Training { get; init; } = new() { Solver = MotivatingExperiment.Solver };
}

/// <summary>Sec. 3.3 of the paper: u_z = 1 / u_y keeps z invariant in the linear model (eq. 4); with z = tanh(gamma y)
/// no such closed form exists, and the auxiliary assignment of z is learned.</summary>
public static class MotivatingExperiment
{
    /// <summary>The reference parameters theta = (tau, alpha, beta, gamma).</summary>
    public const double Tau = 1, Alpha = 0.5, Beta = 0.3, Gamma = 0.8;

    /// <summary>Tight tolerances: the linear check is at 1e-12.</summary>
    public static EquilibriumSolverOptions Solver { get; } = new()
    {
        Tolerances = new SolverOptions { AbsoluteTolerance = 1e-15, RelativeTolerance = 1e-14 },
    };

    public static MotivatingResult Run(MotivatingSettings settings, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var linear = LinearCheck(
            taus: [0.5, 1.0, 2.0], alphas: [0.3, 0.5, 0.7], betas: [0.2, 0.3], gammas: [0.6, 0.8, 0.95],
            uys: [0.5, 0.8, 1.0, 1.25, 2.0]);
        log?.Invoke($"linear: largest relative error of z under u_z = 1/u_y: {linear.Max(p => p.RelativeError):E2} over {linear.Count} points");
        var curve = LinearCheck([Tau], [Alpha], [Beta], [Gamma], Enumerable.Range(0, 31).Select(k => 0.5 * Math.Pow(4, k / 30.0)).ToArray());
        var tangents = TangentCheck([0.5, 1.0, 2.0], [0.3, 0.5, 0.7], [0.2, 0.3], [0.6, 0.8, 0.95]);

        var trainingAlpha = Cells(settings.MinAlpha, settings.MaxAlpha, settings.TrainingPoints);
        var gridAlpha = Grid(settings.MinAlpha, settings.MaxAlpha, settings.GridPoints);
        if (gridAlpha.Any(a => trainingAlpha.Any(t => Math.Abs(a - t) < 1e-9)))
        {
            throw new ArgumentException("A held-out alpha coincides with a training alpha: choose other grid or training sizes.", nameof(settings));
        }

        if (!gridAlpha.Any(a => Math.Abs(a - settings.CurveAlpha) < 1e-12))
        {
            throw new ArgumentException($"CurveAlpha {settings.CurveAlpha} is not on the held-out grid of alpha.", nameof(settings));
        }

        var target = InvarianceTarget.FromAttribute(typeof(NonlinearMotivating));
        var runs = new List<NonlinearRun>();
        InvarianceConditionsReport? conditions = null;
        foreach (double uy in settings.NonlinearUy)
        {
            using var trainer = new InvariantInterventionTrainer(() => new NonlinearMotivating(), target, settings.Network, settings.Training);
            conditions ??= trainer.CheckConditions(Scenario(Alpha, Gamma, 1), [ParameterIndex(nameof(NonlinearMotivating.Alpha))]);
            var training = trainer.Train(trainingAlpha.Select(a => Scenario(a, Gamma, uy)).ToList());
            var held = gridAlpha.Select(a => Scenario(a, Gamma, uy)).ToList();
            var report = trainer.Evaluate(held);
            var points = Points(trainer, held, gridAlpha.Select(a => (a, Gamma)).ToList(), uy);
            runs.Add(new NonlinearRun(uy, training, report, points, CompareAssignment(trainer, points, uy)));
            log?.Invoke($"nonlinear u_y = {uy}: {training}; held out: {report}");
        }

        var nonlinearCurve = new UyCurve(
            settings.CurveAlpha,
            runs[0].Points.Single(p => Math.Abs(p.Alpha - settings.CurveAlpha) < 1e-12).Reference,
            Grid(0.7, 1.3, 61).Select(uy => (uy, PlainLieZ(settings.CurveAlpha, uy))).ToList(),
            runs.Select(r => (r.Uy, r.Points.Single(p => Math.Abs(p.Alpha - settings.CurveAlpha) < 1e-12).Invariant)).ToList());

        TwoFreeParameterRun? twoFree = null;
        if (settings.TwoFreeParameters)
        {
            twoFree = RunTwoFreeParameters(settings, target, settings.NonlinearUy.MaxBy(u => Math.Abs(Math.Log(u))));
            log?.Invoke($"two free parameters (alpha, gamma), u_y = {twoFree.Uy}: {twoFree.Training}; training set: {twoFree.TrainingSet}; held out: {twoFree.HeldOut}");
        }

        return new MotivatingResult(settings, linear, curve, tangents, runs, nonlinearCurve, conditions!, twoFree);
    }

    /// <summary>Index of a parameter of the nonlinear model in theta.</summary>
    public static int ParameterIndex(string name) => ((IEquilibriumModel)new NonlinearMotivating()).GetLayout().Parameter(name).Offset;

    public static InvarianceScenario Scenario(double alpha, double gamma, double uy) => new(
        $"alpha={alpha:R},gamma={gamma:R},uy={uy:R}",
        model => (((NonlinearMotivating)model).Alpha, ((NonlinearMotivating)model).Gamma) = (alpha, gamma),
        [Math.Log(uy)]);

    /// <summary>The closed-form invariance over a grid of parameters and intervention strengths, through the
    /// generated model and the default solver.</summary>
    public static List<LinearPoint> LinearCheck(double[] taus, double[] alphas, double[] betas, double[] gammas, double[] uys)
    {
        var points = new List<LinearPoint>();
        var model = new LinearMotivating();
        var system = new EquilibriumSystem(model);
        var equilibrium = new DifferentiableEquilibrium(system, Solver);
        int z = system.Layout.Node(nameof(LinearMotivating.Z)).Offset;
        foreach (double tau in taus)
            foreach (double alpha in alphas)
                foreach (double beta in betas)
                    foreach (double gamma in gammas)
                        foreach (double uy in uys)
                        {
                            (model.Tau, model.Alpha, model.Beta, model.Gamma) = (tau, alpha, beta, gamma);
                            double zStar = model.ClosedFormZ();
                            points.Add(new LinearPoint(tau, alpha, beta, gamma, uy, zStar, SolveZ(uy, 1 / uy), SolveZ(uy, 1)));
                        }

        return points;

        double SolveZ(double uy, double uz)
        {
            system.Coordinates[0] = Math.Log(uy);
            system.Coordinates[1] = Math.Log(uz);
            equilibrium.SetState(system.ReadState());
            return equilibrium.Solve()[z];
        }
    }

    /// <summary>dz/ds at u = 0 along (s, -s) and (s, 0) from <see cref="DifferentiableEquilibrium.TryTangent"/>.</summary>
    public static List<LinearTangent> TangentCheck(double[] taus, double[] alphas, double[] betas, double[] gammas)
    {
        const double h = 1e-5;
        var tangents = new List<LinearTangent>();
        var model = new LinearMotivating();
        var system = new EquilibriumSystem(model);
        var equilibrium = new DifferentiableEquilibrium(system, Solver);
        int z = system.Layout.Node(nameof(LinearMotivating.Z)).Offset;
        var dx = new double[system.Dimension];
        foreach (double tau in taus)
            foreach (double alpha in alphas)
                foreach (double beta in betas)
                    foreach (double gamma in gammas)
                    {
                        (model.Tau, model.Alpha, model.Beta, model.Gamma) = (tau, alpha, beta, gamma);
                        double zPlus = SolveZ(h), zMinus = SolveZ(-h);
                        SolveZ(0);
                        double compensated = Tangent([1, -1]);
                        double plain = Tangent([1, 0]);

                        // z = p gamma alpha tau / (1 - p beta gamma) with p = u_y u_z = e^s: dz/ds at s = 0.
                        double closed = gamma * alpha * tau / ((1 - beta * gamma) * (1 - beta * gamma));
                        tangents.Add(new LinearTangent(tau, alpha, beta, gamma, compensated, plain, closed, (zPlus - zMinus) / (2 * h)));
                    }

        return tangents;

        double SolveZ(double s)
        {
            system.Coordinates[0] = s;
            system.Coordinates[1] = 0;
            equilibrium.SetState(system.ReadState());
            return equilibrium.Solve()[z];
        }

        double Tangent(double[] du)
        {
            if (!equilibrium.TryTangent([], du, dx, out var report))
            {
                throw new EquilibriumNotConvergedException(report);
            }

            return dx[z];
        }
    }

    /// <summary>z of the nonlinear model under the plain Lie intervention on y (no learned assignment).</summary>
    public static double PlainLieZ(double alpha, double uy, double gamma = Gamma)
    {
        var model = new NonlinearMotivating { Alpha = alpha, Gamma = gamma };
        var system = new EquilibriumSystem(model);
        system.Coordinates[0] = Math.Log(uy);
        var equilibrium = new DifferentiableEquilibrium(system, Solver);
        equilibrium.SetState(system.ReadState());
        return equilibrium.Solve()[system.Layout.Node(nameof(NonlinearMotivating.Z)).Offset];
    }

    private static TwoFreeParameterRun RunTwoFreeParameters(MotivatingSettings settings, InvarianceTarget target, double uy)
    {
        using var trainer = new InvariantInterventionTrainer(() => new NonlinearMotivating(), target, settings.Network, settings.Training);
        var free = new[] { ParameterIndex(nameof(NonlinearMotivating.Alpha)), ParameterIndex(nameof(NonlinearMotivating.Gamma)) };
        var conditions = trainer.CheckConditions(Scenario(Alpha, Gamma, 1), free);
        int side = Math.Max(2, (int)Math.Round(Math.Sqrt(settings.TrainingPoints)) + 1);
        var training = Cells(settings.MinAlpha, settings.MaxAlpha, side)
            .SelectMany(a => Cells(settings.MinGamma, settings.MaxGamma, side).Select(g => Scenario(a, g, uy))).ToList();
        var report = trainer.Train(training);
        var grid = Grid(settings.MinAlpha, settings.MaxAlpha, 8).SelectMany(a => Grid(settings.MinGamma, settings.MaxGamma, 8).Select(g => (a, g))).ToList();
        var held = grid.Select(p => Scenario(p.a, p.g, uy)).ToList();
        return new TwoFreeParameterRun(uy, conditions, report, trainer.Evaluate(training), trainer.Evaluate(held), Points(trainer, held, grid, uy));
    }

    private static List<NonlinearPoint> Points(InvariantInterventionTrainer trainer, List<InvarianceScenario> held, List<(double Alpha, double Gamma)> parameters, double uy)
    {
        int z = trainer.DeployedSystem.Layout.Node(nameof(NonlinearMotivating.Z)).Offset;
        return held.Zip(parameters, (s, p) =>
        {
            var (reference, invariant, plain) = trainer.Solve(s);
            return new NonlinearPoint(s.Label, uy, p.Alpha, p.Gamma, reference[z], plain[z], invariant[z]);
        }).ToList();
    }

    private static AssignmentComparison CompareAssignment(InvariantInterventionTrainer trainer, IReadOnlyList<NonlinearPoint> points, double uy)
    {
        // The range of y in the intervened system with z held at z*: y = u_y (alpha tau + beta z*).
        var ys = points.Select(p => uy * (p.Alpha * Tau + Beta * p.Reference)).ToArray();
        var y = Grid(ys.Min(), ys.Max(), 101);
        var value = new double[1];
        var learned = y.Select(v =>
        {
            trainer.Network.Evaluate([v], value);
            return value[0];
        }).ToArray();
        return new AssignmentComparison(y, learned, y.Select(v => Math.Tanh(Gamma * v / uy)).ToArray(), y.Select(v => Math.Tanh(Gamma * v)).ToArray());
    }

    private static double[] Cells(double min, double max, int count) =>
        Enumerable.Range(0, count).Select(k => min + (k + 0.5) * (max - min) / count).ToArray();

    private static double[] Grid(double min, double max, int count) =>
        Enumerable.Range(0, count).Select(k => min + k * (max - min) / (count - 1)).ToArray();
}
