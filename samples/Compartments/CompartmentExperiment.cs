using LieInter.Differentiation;
using LieInter.Solvers;
using LieInter.Torch;

namespace LieInter.Samples.Compartments;

public sealed record CompartmentSettings
{
    /// <summary>Multiplicative factors e^u and e^v of the evaluation grid (Fig. 5).</summary>
    public IReadOnlyList<double> GridFactors { get; init; } = [0.8, 0.9, 1.0, 1.1, 1.2];

    /// <summary>Values of the free parameter D1 on the evaluation grid (the figures use the middle one); D3 stays at
    /// its reference value there.</summary>
    public IReadOnlyList<double> GridD1 { get; init; } = [0.82, 1.0, 1.18];

    /// <summary>Training factors for u and v, and values of D1 and D3: none on the evaluation grid.</summary>
    public IReadOnlyList<double> TrainingFactors { get; init; } = [0.78, 0.92, 1.08, 1.23];

    public IReadOnlyList<double> TrainingD1 { get; init; } = [0.78, 0.9, 1.06, 1.22];

    public IReadOnlyList<double> TrainingD3 { get; init; } = [0.64, 0.74, 0.86, 0.96];

    public MlpOptions Network { get; init; } = new() { HiddenSizes = [8, 8], Seed = 11 };

    public InvarianceTrainingOptions Training { get; init; } = new() { Solver = CompartmentExperiment.Solver, MaxEpochs = 300, Construction = InvarianceConstruction.IntervenedGraph };
}

/// <summary>One (u, v, D1) point: equilibria without intervention, with the two learned invariant interventions (II)
/// and with the plain Lie interventions (LI), and the largest sensitivities of each compartment to each intervention
/// under II and LI.</summary>
public sealed record CompartmentPoint(double FactorU, double FactorV, double D1, double[] Reference, double[] Invariant, double[] PlainLie, double[][] InvariantSensitivity, double[][] PlainLieSensitivity)
{
    /// <summary>max_j in C1 |dx_j/dv| / max_j in C1 |dx_j/du| under II.</summary>
    public double CrossRatio1 => InvariantSensitivity[1][0] / InvariantSensitivity[0][0];

    /// <summary>max_j in C2 |dx_j/du| / max_j in C2 |dx_j/dv| under II.</summary>
    public double CrossRatio2 => InvariantSensitivity[0][1] / InvariantSensitivity[1][1];

    public double PlainLieCrossRatio1 => PlainLieSensitivity[1][0] / PlainLieSensitivity[0][0];

    public double PlainLieCrossRatio2 => PlainLieSensitivity[0][1] / PlainLieSensitivity[1][1];
}

public sealed record CompartmentResult(
    CompartmentSettings Settings,
    CompartmentConditionsReport Structure,
    IReadOnlyList<InvarianceConditionsReport> Proposition3,
    InvarianceTrainingReport Training,
    InvarianceReport Invariance,
    IReadOnlyList<CompartmentPoint> Grid)
{
    public double MaxCrossRatio => Grid.Max(p => Math.Max(p.CrossRatio1, p.CrossRatio2));

    public double MinPlainLieCrossRatio => Grid.Min(p => Math.Min(p.PlainLieCrossRatio1, p.PlainLieCrossRatio2));
}

/// <summary>
/// Fig. 5 of the paper: two invariant interventions, U on compartment 1 and V on compartment 2, learned together so
/// that the nodes carrying the cross-compartment arrows (X2 and X4) keep their unintervened values over a range of
/// D1 and of both interventions. By Prop. 4 each compartment then answers to its own intervention only.
/// </summary>
public static class CompartmentExperiment
{
    public static EquilibriumSolverOptions Solver { get; } = new()
    {
        Tolerances = new SolverOptions { AbsoluteTolerance = 1e-15, RelativeTolerance = 1e-14 },
    };

    public static InvarianceScenario Scenario(double factorU, double factorV, double d1, double d3 = 0.8) => new(
        $"u={factorU:R},v={factorV:R},d1={d1:R},d3={d3:R}",
        model =>
        {
            var m = (CompartmentModel)model;
            (m.D1, m.D3) = (d1, d3);
        },
        [Math.Log(factorU), Math.Log(factorV)]);

    public static CompartmentResult Run(CompartmentSettings settings, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.GridD1.Any(d => settings.TrainingD1.Any(t => Math.Abs(t - d) < 1e-9)))
        {
            throw new ArgumentException("An evaluation value of D1 is also a training value: the evaluation must be held out.", nameof(settings));
        }

        var structure = CompartmentConditions.Check(typeof(CompartmentModel), ((IEquilibriumModel)new CompartmentModel()).Schema);
        var targets = InvarianceTarget.AllFromAttributes(typeof(CompartmentModel));
        using var trainer = new InvariantInterventionTrainer(() => new CompartmentModel(), targets, settings.Network, settings.Training);
        var layout = ((IEquilibriumModel)new CompartmentModel()).GetLayout();
        int[] free = [layout.Parameter(nameof(CompartmentModel.D1)).Offset, layout.Parameter(nameof(CompartmentModel.D3)).Offset];
        var proposition3 = Enumerable.Range(0, targets.Count).Select(t => trainer.CheckConditions(Scenario(1, 1, 1), free, t)).ToList();

        var training = (from d1 in settings.TrainingD1
                        from d3 in settings.TrainingD3
                        from u in settings.TrainingFactors
                        from v in settings.TrainingFactors
                        select Scenario(u, v, d1, d3)).ToList();
        var report = trainer.Train(training);
        log?.Invoke($"trained on {training.Count} scenarios: {report}");

        var grid = (from d in settings.GridD1
                    from u in settings.GridFactors
                    from v in settings.GridFactors
                    select (u, v, d)).ToList();
        var scenarios = grid.Select(g => Scenario(g.u, g.v, g.d)).ToList();
        var invariance = trainer.Evaluate(scenarios);
        log?.Invoke($"held-out grid: {invariance}");

        var plainModel = new CompartmentModel();
        var plain = new DifferentiableEquilibrium(new EquilibriumSystem(plainModel), Solver);
        var deployed = new DifferentiableEquilibrium(trainer.DeployedSystem, Solver);
        var points = new List<CompartmentPoint>();
        foreach (var ((u, v, d), scenario) in grid.Zip(scenarios))
        {
            var (reference, invariant, lie) = trainer.Solve(scenario);

            // trainer.Solve left the deployed system at this scenario's parameters and coordinates.
            deployed.SetState(invariant);
            deployed.Solve();
            var invariantSensitivity = CompartmentConditions.CrossSensitivity(deployed, CompartmentModel.Compartments);
            plainModel.D1 = d;
            scenario.Coordinates.CopyTo(plain.System.Coordinates);
            plain.SetState(lie);
            plain.Solve();
            var lieSensitivity = CompartmentConditions.CrossSensitivity(plain, CompartmentModel.Compartments);
            points.Add(new CompartmentPoint(u, v, d, reference, invariant, lie, invariantSensitivity, lieSensitivity));
        }

        return new CompartmentResult(settings, structure, proposition3, report, invariance, points);
    }
}
