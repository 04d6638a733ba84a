using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Models;
using LieInter.Solvers;
using LieInter.Torch;

namespace LieInter.Samples.Rebound;

public sealed record ReboundSettings
{
    /// <summary>The efficiency of the experiment: every sector needs d times the energy per unit of output.</summary>
    public double Efficiency { get; init; } = 0.6;

    /// <summary>Range of the free parameter a = A[0, 1].</summary>
    public double MinA { get; init; } = 0.01;

    public double MaxA { get; init; } = 0.19;

    /// <summary>Points of the evaluation grid over a (held out: none coincides with a training point).</summary>
    public int GridPoints { get; init; } = 61;

    /// <summary>Training values of a (evenly spread inside the range) ...</summary>
    public int TrainingPointsA { get; init; } = 8;

    /// <summary>... times these efficiencies: the policy is learned over a distribution of Lie elements, not only
    /// the one evaluated.</summary>
    public IReadOnlyList<double> TrainingEfficiencies { get; init; } = [0.5, 0.6, 0.7, 0.85, 1.0];

    public MlpOptions Network { get; init; } = new() { HiddenSizes = [16, 16], Seed = 7 };

    public InvarianceTrainingOptions Training { get; init; } = new() { Solver = ReboundExperiment.Solver };
}

/// <summary>One value of a on the evaluation grid: equilibria of the reference (unintervened) economy, under the
/// plain efficiency intervention (Lie), under the ideal invariant intervention (sector 0's demand sees its
/// reference price exactly) and under the learned one.</summary>
public sealed record ReboundPoint(double A, double[] ReferenceX, double[] ReferenceP, double[] LieX, double[] LieP, double[] IdealX, double[] InvariantX, double InvariantConsumerPrice0, double ReferenceDemand0, double InvariantDemand0)
{
    public int Energy => ReboundModel.Energy;

    /// <summary>The learned policy read as a tax on sector 0: consumer price minus producer price.</summary>
    public double Tax0 => InvariantConsumerPrice0 - LieP[0];

    /// <summary>Largest |x_invariant - x_ideal| over the sectors.</summary>
    public double DeviationFromIdeal => ReferenceX.Select((_, i) => Math.Abs(InvariantX[i] - IdealX[i])).Max();
}

public sealed record ReboundResult(
    ReboundSettings Settings,
    IReadOnlyList<ReboundPoint> Grid,
    InvarianceTrainingReport Training,
    InvarianceReport Invariance,
    InvarianceConditionsReport Conditions)
{
    public double MaxDeviationFromIdeal => Grid.Max(p => p.DeviationFromIdeal);

    /// <summary>Smallest reference-minus-invariant energy output over the grid: positive means energy use fell at
    /// every point.</summary>
    public double MinEnergySaving => Grid.Min(p => p.ReferenceX[ReboundModel.Energy] - p.InvariantX[ReboundModel.Energy]);

    /// <summary>Smallest Lie-minus-reference energy output: positive means the plain intervention backfires everywhere.</summary>
    public double MinBackfire => Grid.Min(p => p.LieX[ReboundModel.Energy] - p.ReferenceX[ReboundModel.Energy]);
}

/// <summary>
/// Fig. 4 of the paper: an energy-efficiency gain (a multiplicative Lie intervention on the energy row of A)
/// lowers prices and raises demand until more energy is used than before (backfire). An invariant intervention
/// keeps sector 0's final demand at its unintervened value by softly intervening on the price that demand sees
/// (an adaptive tax): an MLP of the producer prices, learned over a range of a = A[0, 1] and of efficiencies.
/// </summary>
public static class ReboundExperiment
{
    /// <summary>Tighter than the default tolerances: the comparisons with the closed forms are at 1e-10 and the
    /// finite-difference checks divide solve errors by small steps.</summary>
    public static EquilibriumSolverOptions Solver { get; } = new()
    {
        Tolerances = new SolverOptions { AbsoluteTolerance = 1e-14, RelativeTolerance = 1e-13 },
    };

    public static InvarianceTarget Target => InvarianceTarget.FromAttribute(typeof(ReboundModel));

    /// <summary>A scenario: parameter a and efficiency d (Lie coordinate ln d).</summary>
    public static InvarianceScenario Scenario(double a, double d) => new(
        $"a={a:R},d={d:R}",
        model => ((ReboundModel)model).A[0, 1] = a,
        [Math.Log(d)]);

    public static ReboundResult Run(ReboundSettings settings, Action<int, double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.GridPoints < 2 || settings.TrainingPointsA < 1 || !(settings.MinA < settings.MaxA))
        {
            throw new ArgumentException($"Need MinA < MaxA, at least 2 grid points and 1 training point; got a in [{settings.MinA}, {settings.MaxA}], {settings.GridPoints} grid and {settings.TrainingPointsA} training points.", nameof(settings));
        }

        // Training a: midpoints of equal cells, so none falls on the evaluation grid (which includes both ends).
        var trainingA = Enumerable.Range(0, settings.TrainingPointsA)
            .Select(k => settings.MinA + (k + 0.5) * (settings.MaxA - settings.MinA) / settings.TrainingPointsA).ToArray();
        var training = trainingA.SelectMany(a => settings.TrainingEfficiencies.Select(d => Scenario(a, d))).ToList();
        var gridA = Enumerable.Range(0, settings.GridPoints)
            .Select(k => settings.MinA + k * (settings.MaxA - settings.MinA) / (settings.GridPoints - 1)).ToArray();
        var held = gridA.Select(a => Scenario(a, settings.Efficiency)).ToList();
        var overlap = gridA.Where(a => trainingA.Any(t => Math.Abs(t - a) < 1e-9) && settings.TrainingEfficiencies.Contains(settings.Efficiency)).ToList();
        if (overlap.Count > 0)
        {
            throw new ArgumentException($"Evaluation grid points a = {string.Join(", ", overlap)} coincide with training points: choose other grid or training sizes so the evaluation is held out.", nameof(settings));
        }

        var options = settings.Training with { Progress = progress ?? settings.Training.Progress };
        using var trainer = new InvariantInterventionTrainer(() => ReboundModel.ThreeSector(), Target, settings.Network, options);
        var conditions = trainer.CheckConditions(Scenario(0.1, 1.0), [ParameterIndexOfA01()]);
        var report = trainer.Train(training);
        var invariance = trainer.Evaluate(held);

        var ideal = new IdealInvariantSystem();
        var points = new List<ReboundPoint>();
        var demand = trainer.DeployedSystem.Layout.Node(nameof(ReboundModel.Demand));
        var consumer = trainer.DeployedSystem.Layout.Node(nameof(ReboundModel.ConsumerPrice));
        foreach (var (a, scenario) in gridA.Zip(held))
        {
            var (reference, invariant, lie) = trainer.Solve(scenario);
            var idealState = ideal.Solve(a, settings.Efficiency, Slice(reference, nameof(ReboundModel.P), trainer)[0]);
            points.Add(new ReboundPoint(
                a,
                Slice(reference, nameof(ReboundModel.X), trainer),
                Slice(reference, nameof(ReboundModel.P), trainer),
                Slice(lie, nameof(ReboundModel.X), trainer),
                Slice(lie, nameof(ReboundModel.P), trainer),
                Slice(idealState, nameof(ReboundModel.X), trainer),
                Slice(invariant, nameof(ReboundModel.X), trainer),
                invariant[consumer.Offset],
                reference[demand.Offset],
                invariant[demand.Offset]));
        }

        return new ReboundResult(settings, points, report, invariance, conditions);
    }

    /// <summary>Index of A[0, 1] in the parameter vector theta (the parameter that varies, for Prop. 3).</summary>
    public static int ParameterIndexOfA01()
    {
        var model = ReboundModel.ThreeSector();
        var segment = ((IEquilibriumModel)model).GetLayout().Parameter(nameof(ReboundModel.A));
        return segment.Offset + 0 * model.A.GetLength(1) + 1;
    }

    private static double[] Slice(double[] state, string node, InvariantInterventionTrainer trainer) =>
        state.AsSpan(trainer.DeployedSystem.Layout.Node(node).Range).ToArray();

    /// <summary>The ideal invariant intervention through the runtime: the consumer price of sector 0 pinned to its
    /// reference value (a hard intervention on the auxiliary node), other sectors unchanged.</summary>
    private sealed class IdealInvariantSystem
    {
        private readonly ReboundModel _model = ReboundModel.ThreeSector();
        private readonly EquilibriumSystem _system;
        private readonly PinnedElements _pin;
        private readonly DifferentiableEquilibrium _equilibrium;

        public IdealInvariantSystem()
        {
            _system = new EquilibriumSystem(_model);
            _pin = new PinnedElements(AssignmentBaselines.Original(_system), 0);
            _system.Override(nameof(ReboundModel.ConsumerPrice), _pin);
            _equilibrium = new DifferentiableEquilibrium(_system, Solver);
        }

        public double[] Solve(double a, double d, double referencePrice0)
        {
            _model.A[0, 1] = a;
            _system.Coordinates[0] = Math.Log(d);
            _pin.SetValue(0, referencePrice0);
            _equilibrium.SetState(_system.ReadState());
            _equilibrium.Solve();
            return _equilibrium.State.ToArray();
        }
    }
}
