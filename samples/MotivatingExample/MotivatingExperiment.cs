using LieInter.Differentiation;
using LieInter.Solvers;
using LieInter.Torch;

namespace LieInter.Samples.Motivating;

/// <summary>One point of the linear check: z under the compensating intervention u_z = 1 / u_y, under the plain
/// intervention on y alone, and the closed form z*.</summary>
public sealed record LinearPoint(double Tau, double Alpha, double Beta, double Gamma, double Uy, double ClosedForm, double Invariant, double PlainLie)
{
    public double RelativeError => Math.Abs(Invariant - ClosedForm) / Math.Abs(ClosedForm);

    public double PlainLieRelativeChange => Math.Abs(PlainLie - ClosedForm) / Math.Abs(ClosedForm);
}

/// <summary>One held-out point of the nonlinear experiment.</summary>
public sealed record NonlinearPoint(double Uy, double Alpha, double Reference, double PlainLie, double Invariant)
{
    public double RelativeError => Math.Abs(Invariant - Reference) / Math.Abs(Reference);
}

/// <summary>The learned invariant intervention for one value of u_y (Def. 4 asks for a soft intervention f^(u) for
/// each u; the only parent of z is y, which cannot tell alpha and u_y apart, so each u_y gets its own network).</summary>
public sealed record NonlinearRun(double Uy, InvarianceTrainingReport Training, InvarianceReport HeldOut, IReadOnlyList<NonlinearPoint> Points);

public sealed record MotivatingResult(IReadOnlyList<LinearPoint> Linear, IReadOnlyList<NonlinearRun> Nonlinear, InvarianceConditionsReport Conditions)
{
    public double LinearMaxRelativeError => Linear.Max(p => p.RelativeError);

    public double LinearMinPlainLieChange => Linear.Where(p => p.Uy != 1).Min(p => p.PlainLieRelativeChange);

    public double NonlinearMaxRelativeError => Nonlinear.Max(r => r.HeldOut.MaxRelativeError);
}

public sealed record MotivatingSettings
{
    /// <summary>Intervention strengths u_y of the nonlinear experiment.</summary>
    public IReadOnlyList<double> NonlinearUy { get; init; } = [0.8, 1.25];

    /// <summary>Range of the free parameter alpha (Def. 4: a neighbourhood of the reference parameter).</summary>
    public double MinAlpha { get; init; } = 0.3;

    public double MaxAlpha { get; init; } = 0.7;

    public int TrainingPoints { get; init; } = 20;

    /// <summary>Held-out grid (includes both ends; no point coincides with a training point).</summary>
    public int GridPoints { get; init; } = 51;

    public MlpOptions Network { get; init; } = new() { HiddenSizes = [8, 8], Seed = 3 };

    public InvarianceTrainingOptions Training { get; init; } = new() { Solver = MotivatingExperiment.Solver };
}

/// <summary>Sec. 3.3 of the paper: u_z = 1 / u_y keeps z invariant in the linear model (eq. 4); with z = tanh(gamma y)
/// no such closed form exists, and the auxiliary assignment of z is learned.</summary>
public static class MotivatingExperiment
{
    /// <summary>Tight tolerances: the linear check is at 1e-12.</summary>
    public static EquilibriumSolverOptions Solver { get; } = new()
    {
        Tolerances = new SolverOptions { AbsoluteTolerance = 1e-15, RelativeTolerance = 1e-14 },
    };

    public static MotivatingResult Run(MotivatingSettings settings, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var linear = LinearCheck();
        log?.Invoke($"linear: largest relative error of z under u_z = 1/u_y: {linear.Max(p => p.RelativeError):E2} over {linear.Count} points");

        var trainingAlpha = Enumerable.Range(0, settings.TrainingPoints)
            .Select(k => settings.MinAlpha + (k + 0.5) * (settings.MaxAlpha - settings.MinAlpha) / settings.TrainingPoints).ToArray();
        var gridAlpha = Enumerable.Range(0, settings.GridPoints)
            .Select(k => settings.MinAlpha + k * (settings.MaxAlpha - settings.MinAlpha) / (settings.GridPoints - 1)).ToArray();
        if (gridAlpha.Any(a => trainingAlpha.Any(t => Math.Abs(a - t) < 1e-9)))
        {
            throw new ArgumentException("A held-out alpha coincides with a training alpha: choose other grid or training sizes.", nameof(settings));
        }

        var target = InvarianceTarget.FromAttribute(typeof(NonlinearMotivating));
        var runs = new List<NonlinearRun>();
        InvarianceConditionsReport? conditions = null;
        foreach (double uy in settings.NonlinearUy)
        {
            using var trainer = new InvariantInterventionTrainer(() => new NonlinearMotivating(), target, settings.Network, settings.Training);
            conditions ??= trainer.CheckConditions(Scenario(0.5, 1), [AlphaIndex]);
            var training = trainer.Train(trainingAlpha.Select(a => Scenario(a, uy)).ToList());
            var held = gridAlpha.Select(a => Scenario(a, uy)).ToList();
            var report = trainer.Evaluate(held);
            var z = trainer.DeployedSystem.Layout.Node(nameof(NonlinearMotivating.Z)).Offset;
            var points = held.Zip(gridAlpha, (s, a) =>
            {
                var (reference, invariant, plain) = trainer.Solve(s);
                return new NonlinearPoint(uy, a, reference[z], plain[z], invariant[z]);
            }).ToList();
            runs.Add(new NonlinearRun(uy, training, report, points));
            log?.Invoke($"nonlinear u_y = {uy}: {training}; held out: {report}");
        }

        return new MotivatingResult(linear, runs, conditions!);
    }

    /// <summary>Index of Alpha in theta (the free parameter).</summary>
    public static int AlphaIndex => ((IEquilibriumModel)new NonlinearMotivating()).GetLayout().Parameter(nameof(NonlinearMotivating.Alpha)).Offset;

    public static InvarianceScenario Scenario(double alpha, double uy) => new(
        $"alpha={alpha:R},uy={uy:R}",
        model => ((NonlinearMotivating)model).Alpha = alpha,
        [Math.Log(uy)]);

    /// <summary>The closed-form invariance over a grid of parameters and intervention strengths, through the
    /// generated model and the default solver.</summary>
    public static List<LinearPoint> LinearCheck()
    {
        var points = new List<LinearPoint>();
        var model = new LinearMotivating();
        var system = new EquilibriumSystem(model);
        var equilibrium = new DifferentiableEquilibrium(system, Solver);
        int z = system.Layout.Node(nameof(LinearMotivating.Z)).Offset;
        foreach (double tau in new[] { 0.5, 1.0, 2.0 })
        foreach (double alpha in new[] { 0.3, 0.5, 0.7 })
        foreach (double beta in new[] { 0.2, 0.3 })
        foreach (double gamma in new[] { 0.6, 0.8, 0.95 })
        foreach (double uy in new[] { 0.5, 0.8, 1.0, 1.25, 2.0 })
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
}
