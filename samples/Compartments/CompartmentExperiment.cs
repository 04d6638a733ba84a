using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Models;
using LieInter.Solvers;
using LieInter.Torch;

namespace LieInter.Samples.Compartments;

public sealed record CompartmentSettings
{
    /// <summary>Factors e^u of intervention U (on Target1) on the evaluation grid (Fig. 5's x axis).</summary>
    public IReadOnlyList<double> UFactors { get; init; } = [0.8, 0.9, 1.0, 1.1, 1.2];

    /// <summary>Factors e^v of intervention V (on Target2) on the evaluation grid (one line each in Fig. 5).</summary>
    public IReadOnlyList<double> VFactors { get; init; } = [0.8, 0.9, 1.0, 1.1, 1.2];

    /// <summary>The free parameters theta: the suppliers' final demands, varied over these ranges in training
    /// (Def. 4 asks invariance over a neighbourhood of the reference parameters, not at one point).</summary>
    public (double Min, double Max) Supplier1Demand { get; init; } = (0.3, 0.7);

    public (double Min, double Max) Supplier2Demand { get; init; } = (0.4, 0.8);

    /// <summary>Range of both factors in training: a little beyond the grid so the grid's ends are inside.</summary>
    public (double Min, double Max) TrainingFactors { get; init; } = (0.75, 1.25);

    /// <summary>Training scenarios: points of a Halton sequence over the box of (supplier demands, log factors), so
    /// none coincides with an evaluation point.</summary>
    public int TrainingScenarios { get; init; } = 96;

    /// <summary>Supplier demands at which the grid is evaluated besides the reference (0.5, 0.6) of Fig. 5.</summary>
    public IReadOnlyList<(double Supplier1, double Supplier2)> HeldOutDemands { get; init; } = [(0.35, 0.75), (0.65, 0.45)];

    public MlpOptions Network { get; init; } = new() { HiddenSizes = [8, 8], Seed = 11 };

    /// <summary>The paper's construction: each trader pinned at its unintervened value for its children, so the
    /// training equilibria do not depend on the weights and each scenario is solved once (about 4 s in all here; the
    /// equilibrium construction reaches the same accuracy with an adjoint solve per residual).</summary>
    public InvarianceTrainingOptions Training { get; init; } = new() { Solver = CompartmentExperiment.Solver, Construction = InvarianceConstruction.IntervenedGraph };

    /// <summary>Central-difference step in u and v for the independent check of the tangents.</summary>
    public double DifferenceStep { get; init; } = 1e-4;
}

/// <summary>One (theta, u, v) evaluation point: equilibria of the reference economy, under the learned invariant
/// interventions (II), under the plain Lie interventions (LI) and under the ideal compartmentalized intervention
/// (both traders held at their reference values, a closed form), with cross-compartment sensitivities.</summary>
public sealed record CompartmentPoint(
    double Supplier1Demand,
    double Supplier2Demand,
    double UFactor,
    double VFactor,
    double[] Reference,
    double[] Invariant,
    double[] PlainLie,
    double[] Ideal,
    CrossSensitivityReport InvariantTangent,
    CrossSensitivityReport InvariantDifference,
    CrossSensitivityReport PlainTangent)
{
    /// <summary>|x_R1 under II - x_R1*| / x_R1*: how far the invariant node of region 1 moved.</summary>
    public double Trader1Move => RelativeMove(Invariant, CompartmentModel.R1);

    public double Trader2Move => RelativeMove(Invariant, CompartmentModel.R2);

    public double PlainTrader1Move => RelativeMove(PlainLie, CompartmentModel.R1);

    /// <summary>Largest relative distance of the II equilibrium from the ideal one over the six sectors.</summary>
    public double DistanceFromIdeal => Enumerable.Range(0, 6).Max(i => Math.Abs(Invariant[i] - Ideal[i]) / Math.Abs(Ideal[i]));

    private double RelativeMove(double[] state, int i) => Math.Abs(state[i] - Reference[i]) / Math.Abs(Reference[i]);
}

public sealed record CompartmentResult(
    CompartmentSettings Settings,
    CompartmentConditionsReport Structure,
    IReadOnlyList<InvarianceConditionsReport> Proposition3,
    InvarianceTrainingReport Training,
    InvarianceReport HeldOut,
    LocalSolvabilityReport DeployedSolvability,
    IReadOnlyList<CompartmentPoint> Points)
{
    /// <summary>The Fig. 5 grid: the points at the reference supplier demands.</summary>
    public IReadOnlyList<CompartmentPoint> Figure5 => Points.Where(p => p.Supplier1Demand == CompartmentExperiment.ReferenceSupplier1 && p.Supplier2Demand == CompartmentExperiment.ReferenceSupplier2).ToList();

    public double MaxTrader1Move => Points.Max(p => p.Trader1Move);

    public double MaxTrader2Move => Points.Max(p => p.Trader2Move);

    /// <summary>Smallest move of Trader1 under LI over the points with u or v away from the identity.</summary>
    public double MinPlainTrader1Move => Points.Where(p => p.UFactor != 1 || p.VFactor != 1).Min(p => p.PlainTrader1Move);

    public double MaxDistanceFromIdeal => Points.Max(p => p.DistanceFromIdeal);

    /// <summary>Largest cross/own sensitivity ratio of an intervention over all points, by tangents.</summary>
    public double MaxCrossRatio(string intervention) => Points.Max(p => p.InvariantTangent[intervention].Ratio);

    /// <summary>The same by central differences of solved equilibria.</summary>
    public double MaxCrossRatioByDifferences(string intervention) => Points.Max(p => p.InvariantDifference[intervention].Ratio);

    /// <summary>Smallest cross/own ratio of the plain Lie intervention: how much it leaks without invariance.</summary>
    public double MinPlainCrossRatio(string intervention) => Points.Min(p => p.PlainTangent[intervention].Ratio);

    /// <summary>Largest gap between tangent and central-difference sensitivities (inside and outside), relative to the
    /// own-compartment sensitivity.</summary>
    public double MaxTangentDifferenceGap => Points.Max(p => p.InvariantTangent.Interventions.Max(s =>
    {
        var d = p.InvariantDifference[s.Intervention];
        return Math.Max(Math.Abs(s.OwnMax - d.OwnMax), Math.Abs(s.CrossMax - d.CrossMax)) / s.OwnMax;
    }));

    /// <summary>For each theta and u, the spread of Target1 over v relative to its reference value, largest over all:
    /// 0 when the intervened node of region 1 depends on u only.</summary>
    public double MaxTarget1SpreadOverV(bool invariant) => Points
        .GroupBy(p => (p.Supplier1Demand, p.Supplier2Demand, p.UFactor))
        .Max(g =>
        {
            var values = g.Select(p => (invariant ? p.Invariant : p.PlainLie)[CompartmentModel.T1]).ToList();
            return (values.Max() - values.Min()) / g.First().Reference[CompartmentModel.T1];
        });
}

/// <summary>
/// Fig. 5 of the paper: two invariant interventions, U on region 1 and V on region 2 of the two-compartment Leontief
/// model (Fig. 2a), each holding its region's trader (the only node with arrows into the other region) at its
/// unintervened value by a learned soft intervention on the trader's own assignment. Both networks are trained
/// together over a range of supplier demands (theta) and of both factors. By Prop. 4 the interventions are then
/// compartmentalized: region 1 answers to u only, region 2 to v only.
/// </summary>
public static class CompartmentExperiment
{
    public const double ReferenceSupplier1 = 0.5;
    public const double ReferenceSupplier2 = 0.6;

    /// <summary>Tight tolerances: the cross sensitivities checked are 1e-3 of the own ones or less, and central
    /// differences divide solve errors by the step.</summary>
    public static EquilibriumSolverOptions Solver { get; } = new()
    {
        Tolerances = new SolverOptions { AbsoluteTolerance = 1e-14, RelativeTolerance = 1e-13 },
    };

    /// <summary>Both [InvariantIntervention] declarations of the model (U then V).</summary>
    public static IReadOnlyList<InvarianceTarget> Targets => InvarianceTarget.AllFromAttributes(typeof(CompartmentModel));

    /// <summary>A scenario: supplier demands (theta) and the factors of U and V.</summary>
    public static InvarianceScenario Scenario(double supplier1, double supplier2, double uFactor, double vFactor)
    {
        var coordinates = new double[Layout.InterventionLength];
        coordinates[Layout.Intervention(CompartmentModel.U).Offset] = Math.Log(uFactor);
        coordinates[Layout.Intervention(CompartmentModel.V).Offset] = Math.Log(vFactor);
        return new InvarianceScenario(
            $"s1={supplier1:R},s2={supplier2:R},u={uFactor:R},v={vFactor:R}",
            model => Configure((CompartmentModel)model, supplier1, supplier2),
            coordinates);
    }

    /// <summary>Indices in theta of the free parameters (the suppliers' final demands), for Prop. 3.</summary>
    public static IReadOnlyList<int> FreeParameters
    {
        get
        {
            int offset = Layout.Parameter(nameof(CompartmentModel.FinalDemand)).Offset;
            return [offset + CompartmentModel.S1, offset + CompartmentModel.S2];
        }
    }

    public static CompartmentModel Model(double supplier1, double supplier2) => Configure(CompartmentModel.Reference(), supplier1, supplier2);

    public static CompartmentResult Run(CompartmentSettings settings, Action<int, double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.UFactors.Count == 0 || settings.VFactors.Count == 0 || settings.TrainingScenarios < 1
            || settings.UFactors.Concat(settings.VFactors).Any(f => !(f > 0))
            || !(settings.TrainingFactors.Min > 0 && settings.TrainingFactors.Min < settings.TrainingFactors.Max))
        {
            throw new ArgumentException("Need positive factors on the grid, at least one training scenario and a training factor range 0 < min < max.", nameof(settings));
        }

        var structure = CompartmentConditions.Check(typeof(CompartmentModel), CompartmentModel.Schema);
        var training = TrainingScenarios(settings);
        var demands = new List<(double, double)> { (ReferenceSupplier1, ReferenceSupplier2) };
        demands.AddRange(settings.HeldOutDemands);
        var evaluation = (from d in demands from u in settings.UFactors from v in settings.VFactors select (d, u, v)).ToList();

        var options = settings.Training with { Progress = progress ?? settings.Training.Progress };
        using var trainer = new InvariantInterventionTrainer(() => CompartmentModel.Reference(), Targets, settings.Network, options);
        var center = Scenario(ReferenceSupplier1, ReferenceSupplier2, 1, 1);
        var proposition3 = Enumerable.Range(0, trainer.Targets.Count).Select(t => trainer.CheckConditions(center, FreeParameters, t)).ToList();
        var report = trainer.Train(training);
        var heldOut = trainer.Evaluate(evaluation.Select(e => Scenario(e.d.Item1, e.d.Item2, e.u, e.v)).ToList());

        var plain = new EquilibriumSystem(CompartmentModel.Reference());
        var points = new List<CompartmentPoint>();
        foreach (var ((s1, s2), u, v) in evaluation)
        {
            var scenario = Scenario(s1, s2, u, v);

            // Solve configures the deployed system (learned networks installed) at this scenario.
            var (reference, invariant, lie) = trainer.Solve(scenario);
            var deployed = trainer.DeployedSystem;
            var tangent = CompartmentConditions.MeasureCrossSensitivity(deployed, invariant, structure, SensitivityMethod.Tangent, Solver);
            var differences = CompartmentConditions.MeasureCrossSensitivity(deployed, invariant, structure, SensitivityMethod.CentralDifference, Solver, settings.DifferenceStep);

            Configure((CompartmentModel)plain.Model, s1, s2);
            scenario.Coordinates.CopyTo(plain.Coordinates);
            var plainTangent = CompartmentConditions.MeasureCrossSensitivity(plain, lie, structure, SensitivityMethod.Tangent, Solver);

            var model = Model(s1, s2);
            var referenceClosed = CompartmentClosedForm.Solve(model, 1, 1);
            var ideal = CompartmentClosedForm.Solve(model, u, v, (referenceClosed[CompartmentModel.R1], referenceClosed[CompartmentModel.R2]));
            points.Add(new CompartmentPoint(s1, s2, u, v, reference, invariant, lie, ideal, tangent, differences, plainTangent));
        }

        // Prop. 1 for the deployed system at the centre: the learned soft interventions keep the equilibrium unique.
        var layer = new DifferentiableEquilibrium(trainer.DeployedSystem, Solver);
        layer.SetState(trainer.Solve(center).Invariant);
        layer.Solve();
        var solvability = layer.LocalSolvability();

        return new CompartmentResult(settings, structure, proposition3, report, heldOut, solvability, points);
    }

    /// <summary>Halton points (bases 2, 3, 5, 7) over supplier demands and log factors.</summary>
    public static IReadOnlyList<InvarianceScenario> TrainingScenarios(CompartmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double lo = Math.Log(settings.TrainingFactors.Min), hi = Math.Log(settings.TrainingFactors.Max);
        return Enumerable.Range(1, settings.TrainingScenarios).Select(k =>
        {
            double s1 = Lerp(settings.Supplier1Demand, Halton(k, 2));
            double s2 = Lerp(settings.Supplier2Demand, Halton(k, 3));
            double u = Math.Exp(lo + (hi - lo) * Halton(k, 5));
            double v = Math.Exp(lo + (hi - lo) * Halton(k, 7));
            return Scenario(s1, s2, u, v);
        }).ToList();
    }

    private static ModelLayout Layout { get; } = ((IEquilibriumModel)CompartmentModel.Reference()).GetLayout();

    private static CompartmentModel Configure(CompartmentModel model, double supplier1, double supplier2)
    {
        model.FinalDemand[CompartmentModel.S1] = supplier1;
        model.FinalDemand[CompartmentModel.S2] = supplier2;
        return model;
    }

    private static double Lerp((double Min, double Max) range, double t) => range.Min + t * (range.Max - range.Min);

    private static double Halton(int index, int radix)
    {
        double f = 1, r = 0;
        for (int i = index; i > 0; i /= radix)
        {
            f /= radix;
            r += f * (i % radix);
        }

        return r;
    }
}
