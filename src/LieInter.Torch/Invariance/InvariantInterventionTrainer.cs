using System.Diagnostics;
using System.Reflection;
using LieInter.Differentiation;
using LieInter.Solvers;

namespace LieInter.Torch;

/// <summary>How the training graph is built (Sec. 4 of the paper, "Learning invariant interventions").</summary>
public enum InvarianceConstruction
{
    /// <summary>Train in the intervened system itself: the auxiliary assignment is the MLP, the loss is
    /// (x_j^(u) - x_j^*)^2, gradients pass through the equilibrium by implicit differentiation.</summary>
    Equilibrium,

    /// <summary>The paper's construction: in the intervened layer, arrows out of the invariant node j come from its
    /// unintervened value x_j^* (j is pinned for its children), and the loss is (f_j(x) - x_j^*)^2 with f_j the
    /// assignment of j (the MLP when j is the auxiliary node). When the loss vanishes, the constructed equilibrium
    /// is an equilibrium of the true intervened system with x_j = x_j^*. Pinning j cuts the feedback through it, so
    /// training is better conditioned; evaluation always uses the true intervened system.</summary>
    IntervenedGraph,
}

/// <summary>Which nodes play which role: the Lie intervention (on node i), the invariant node j and the auxiliary
/// node k, with elements for vector nodes (-1: scalar node or whole node).</summary>
public sealed record InvarianceTarget(string Intervention, string InvariantNode, int InvariantElement, string AuxiliaryNode, int AuxiliaryElement)
{
    /// <summary>Reads the model type's <see cref="InvariantInterventionAttribute"/> (the one for
    /// <paramref name="intervention"/> when the type declares several).</summary>
    public static InvarianceTarget FromAttribute(Type modelType, string? intervention = null)
    {
        var attributes = modelType.GetCustomAttributes<InvariantInterventionAttribute>().Where(a => intervention is null || a.Intervention == intervention).ToList();
        if (attributes.Count != 1)
        {
            throw new ArgumentException($"Model '{modelType.Name}' declares {attributes.Count} [InvariantIntervention] attributes{(intervention is null ? "" : $" for '{intervention}'")}; name the intervention or declare exactly one.");
        }

        var a = attributes[0];
        return new InvarianceTarget(a.Intervention, a.Invariant, a.InvariantElement, a.Auxiliary, a.AuxiliaryElement);
    }
}

/// <summary>One training or evaluation condition: parameter values (set on a fresh model by
/// <see cref="Configure"/>) and the Lie-intervention coordinates of the intervened system.</summary>
public sealed record InvarianceScenario(string Label, Action<IEquilibriumModel> Configure, double[] Coordinates);

public sealed record InvarianceTrainingOptions
{
    public InvarianceConstruction Construction { get; init; } = InvarianceConstruction.Equilibrium;

    public int MaxEpochs { get; init; } = 3000;

    /// <summary>Stop when the training RMSE of the relative invariance error falls below this.</summary>
    public double TargetRelativeRmse { get; init; } = 1e-6;

    /// <summary>Adam learning rate; it is divided by 10 at 60% and again at 85% of the epochs.</summary>
    public double LearningRate { get; init; } = 3e-3;

    public EquilibriumSolverOptions? Solver { get; init; }

    /// <summary>Called after each epoch with the epoch and the training RMSE of the relative error.</summary>
    public Action<int, double>? Progress { get; init; }
}

/// <summary>Invariance errors over a set of scenarios, in the true intervened system with the learned assignment.</summary>
public sealed record InvarianceReport(double Rmse, double RelativeRmse, double MaxRelativeError, IReadOnlyList<(string Label, double Reference, double Intervened)> Values)
{
    public override string ToString() => $"invariance error over {Values.Count} scenarios: RMSE {Rmse:E3}, relative RMSE {RelativeRmse:E3}, largest relative error {MaxRelativeError:E3}";
}

public sealed record InvarianceTrainingReport(int Epochs, double FinalRelativeRmse, IReadOnlyList<double> History, TimeSpan Elapsed, int Solves, int AdjointSolves);

/// <summary>
/// Learns an invariant soft intervention (Def. 4): the auxiliary node's assignment is replaced by an MLP of its
/// parents, trained so that the invariant node keeps its unintervened value over a set of scenarios (parameters
/// theta and Lie coordinates u). Equilibria are solved by the runtime's policy; gradients pass through them by
/// implicit differentiation with the generated VJPs; the MLP's own gradients are exact (checked against torch).
/// </summary>
public sealed class InvariantInterventionTrainer : IDisposable
{
    private readonly Func<IEquilibriumModel> _createModel;
    private readonly InvarianceTrainingOptions _options;
    private readonly ScenarioSystem _reference;
    private readonly ScenarioSystem _training;
    private readonly ScenarioSystem _deployed;
    private readonly ScenarioSystem _plain;
    private readonly PinnedElement? _pin;
    private readonly int _invariantIndex;
    private readonly Segment[] _parentSegments;
    private readonly double[] _parents;
    private readonly double[] _wValue = new double[1];
    private readonly Dictionary<string, double> _targets = new();
    private readonly bool _mlpInTrainingSystem;

    public InvariantInterventionTrainer(Func<IEquilibriumModel> createModel, InvarianceTarget target, MlpOptions? mlp = null, InvarianceTrainingOptions? options = null)
    {
        _createModel = createModel ?? throw new ArgumentNullException(nameof(createModel));
        Target = target ?? throw new ArgumentNullException(nameof(target));
        _options = options ?? new InvarianceTrainingOptions();
        TorchRuntime.EnsureInitialized();

        _reference = new ScenarioSystem(createModel(), _options.Solver);
        _plain = new ScenarioSystem(createModel(), _options.Solver);
        _training = new ScenarioSystem(createModel(), _options.Solver);
        _deployed = new ScenarioSystem(createModel(), _options.Solver);
        var layout = _reference.System.Layout;
        var schema = _reference.System.Schema;
        schema.InterventionIndex(target.Intervention);
        var invariantSegment = layout.Node(target.InvariantNode);
        var auxiliarySegment = layout.Node(target.AuxiliaryNode);
        _invariantIndex = invariantSegment.Offset + Math.Max(target.InvariantElement, 0);
        if (target.InvariantElement >= invariantSegment.Length || target.AuxiliaryElement >= auxiliarySegment.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"Element outside its node: {target}.");
        }

        // The network: an MLP of the auxiliary node's parents, as a residual on the node's own assignment so that
        // it starts at the unintervened model.
        bool sameNode = target.InvariantNode == target.AuxiliaryNode && target.InvariantElement == target.AuxiliaryElement;
        _mlpInTrainingSystem = !(sameNode && _options.Construction == InvarianceConstruction.IntervenedGraph);
        var parentNames = schema.Graph.ParentsOf(target.AuxiliaryNode).ToHashSet();
        _parentSegments = schema.Nodes.Where(n => parentNames.Contains(n.Name)).Select(n => layout.Node(n.Name)).ToArray();
        int parentLength = _parentSegments.Sum(s => s.Length);
        if (parentLength == 0)
        {
            throw new ArgumentException($"Auxiliary node '{target.AuxiliaryNode}' has no parents: a soft intervention on it could only be a constant (Prop. 3).");
        }

        _parents = new double[parentLength];
        var mlpOptions = (mlp ?? new MlpOptions()) with { OutputInitScale = mlp?.OutputInitScale ?? 0.01 };
        Network = Install(_deployed.System, parentLength, auxiliarySegment.Length, mlpOptions, network: null);
        if (_mlpInTrainingSystem)
        {
            Install(_training.System, parentLength, auxiliarySegment.Length, mlpOptions, Network);
        }

        if (_options.Construction == InvarianceConstruction.IntervenedGraph)
        {
            _pin = new PinnedElement(AssignmentBaselines.Original(_training.System), Math.Max(target.InvariantElement, 0));
            _training.System.Override(target.InvariantNode, _pin);
        }
    }

    public InvarianceTarget Target { get; }

    /// <summary>The learned auxiliary assignment.</summary>
    public MlpAssignment Network { get; }

    /// <summary>The intervened system with the learned assignment (the deployed soft intervention).</summary>
    public EquilibriumSystem DeployedSystem => _deployed.System;

    public InvarianceTrainingReport Train(IReadOnlyList<InvarianceScenario> scenarios)
    {
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("Training needs at least one scenario.", nameof(scenarios));
        }

        var clock = Stopwatch.StartNew();
        var history = new List<double>();
        int epochs = 0;
        double rmse = double.NaN;
        double lr = _options.LearningRate;
        int phaseEnd1 = (int)(0.6 * _options.MaxEpochs), phaseEnd2 = (int)(0.85 * _options.MaxEpochs);
        var adam = new AdamTrainer(Network, new AdamOptions { LearningRate = lr });
        try
        {
            while (epochs < _options.MaxEpochs)
            {
                if (epochs == phaseEnd1 || epochs == phaseEnd2)
                {
                    adam.Dispose();
                    lr /= 10;
                    adam = new AdamTrainer(Network, new AdamOptions { LearningRate = lr });
                }

                adam.ZeroGradient();
                double sum = 0;
                foreach (var s in scenarios)
                {
                    double e = AccumulateGradient(s, 1.0 / scenarios.Count);
                    sum += e * e;
                }

                rmse = Math.Sqrt(sum / scenarios.Count);
                history.Add(rmse);
                epochs++;
                _options.Progress?.Invoke(epochs, rmse);
                if (rmse < _options.TargetRelativeRmse)
                {
                    break;
                }

                adam.Step();
            }
        }
        finally
        {
            adam.Dispose();
        }

        return new InvarianceTrainingReport(epochs, rmse, history, clock.Elapsed, _training.Equilibrium.Solves, _training.Equilibrium.AdjointSolves);
    }

    /// <summary>Invariance errors in the true intervened system with the learned assignment.</summary>
    public InvarianceReport Evaluate(IReadOnlyList<InvarianceScenario> scenarios)
    {
        var values = new List<(string, double, double)>();
        double sq = 0, rel = 0, maxRel = 0;
        foreach (var s in scenarios)
        {
            var (reference, intervened, _) = Solve(s);
            double r = reference[_invariantIndex], v = intervened[_invariantIndex];
            values.Add((s.Label, r, v));
            sq += (v - r) * (v - r);
            double e = Math.Abs(v - r) / Math.Max(Math.Abs(r), 1e-300);
            rel += e * e;
            maxRel = Math.Max(maxRel, e);
        }

        return new InvarianceReport(Math.Sqrt(sq / scenarios.Count), Math.Sqrt(rel / scenarios.Count), maxRel, values);
    }

    /// <summary>Equilibria of one scenario: unintervened, with the learned invariant intervention, and under the
    /// plain Lie intervention alone.</summary>
    public (double[] Reference, double[] Invariant, double[] PlainLie) Solve(InvarianceScenario scenario)
    {
        var reference = _reference.Solve(scenario, null);
        var invariant = _deployed.Solve(scenario, scenario.Coordinates);
        var plain = _plain.Solve(scenario, scenario.Coordinates);
        return (reference, invariant, plain);
    }

    /// <summary>Checks the conditions of Prop. 3 at a reference scenario for the given free parameters.</summary>
    public InvarianceConditionsReport CheckConditions(InvarianceScenario reference, IReadOnlyList<int> freeParameters)
    {
        var x = _reference.Solve(reference, null);
        var layout = _reference.System.Layout;
        var aux = layout.Node(Target.AuxiliaryNode);
        int auxIndex = aux.Offset + Math.Max(Target.AuxiliaryElement, 0);
        var parents = _parentSegments.SelectMany(s => Enumerable.Range(s.Offset, s.Length)).ToList();
        return InvarianceConditions.Check(_reference.System, x, _invariantIndex, auxIndex, parents, freeParameters);
    }

    public void Dispose() => Network.Dispose();

    /// <summary>One scenario's relative invariance error in the training construction; adds weight * d(e^2)/dpsi to
    /// the network's gradient.</summary>
    private double AccumulateGradient(InvarianceScenario s, double weight)
    {
        double target = ReferenceValue(s);
        double scale = Math.Max(Math.Abs(target), 1e-300);
        _pin?.SetValue(target);
        var x = _training.Solve(s, s.Coordinates);
        var system = _training.System;
        int n = system.Dimension;
        var gradX = new double[n];
        double value;
        bool networkDirect = false;
        if (_options.Construction == InvarianceConstruction.Equilibrium)
        {
            value = x[_invariantIndex];
            gradX[_invariantIndex] = 1;
        }
        else if (!_mlpInTrainingSystem)
        {
            // j is the auxiliary node: its assignment is the network itself, evaluated at the pinned equilibrium.
            Gather(x);
            var v = new double[Network.OutputLength];
            Network.Evaluate(_parents, v);
            value = v[Math.Max(Target.AuxiliaryElement, 0) * 0 + (Network.OutputLength == 1 ? 0 : Math.Max(Target.AuxiliaryElement, 0))];
            networkDirect = true;
        }
        else
        {
            // f_j(x): the invariant node's own assignment at the pinned equilibrium.
            var fx = new double[n];
            system.Model.Evaluate(x, system.Coordinates, fx);
            value = fx[_invariantIndex];
            system.Model.JacobianRow(x, system.Coordinates, _invariantIndex, gradX);
        }

        double e = (value - target) / scale;
        double factor = weight * 2 * e / scale;
        if (networkDirect)
        {
            Gather(x);
            var w = new double[Network.OutputLength];
            w[Network.OutputLength == 1 ? 0 : Math.Max(Target.AuxiliaryElement, 0)] = factor;
            Network.AccumulateParameterGradient(_parents, w);
            return e;
        }

        // Adjoint through the (training) equilibrium, then the network's share of it.
        for (int i = 0; i < n; i++)
        {
            gradX[i] *= factor;
        }

        if (!_training.Equilibrium.TrySolveAdjoint(gradX, out var report))
        {
            throw new EquilibriumNotConvergedException(report);
        }

        var lambda = _training.Equilibrium.Adjoint;
        var aux = system.Layout.Node(Target.AuxiliaryNode);
        Gather(x);
        if (Network.OutputLength == 1)
        {
            _wValue[0] = lambda[aux.Offset + Math.Max(Target.AuxiliaryElement, 0)];
            Network.AccumulateParameterGradient(_parents, _wValue);
        }
        else
        {
            Network.AccumulateParameterGradient(_parents, lambda.Slice(aux.Offset, aux.Length));
        }

        return e;
    }

    private double ReferenceValue(InvarianceScenario s)
    {
        if (!_targets.TryGetValue(s.Label, out double t))
        {
            t = _reference.Solve(s, null)[_invariantIndex];
            _targets[s.Label] = t;
        }

        return t;
    }

    private void Gather(ReadOnlySpan<double> x)
    {
        int offset = 0;
        foreach (var seg in _parentSegments)
        {
            x.Slice(seg.Offset, seg.Length).CopyTo(_parents.AsSpan(offset, seg.Length));
            offset += seg.Length;
        }
    }

    private MlpAssignment Install(EquilibriumSystem system, int parentLength, int nodeLength, MlpOptions options, MlpAssignment? network)
    {
        var original = AssignmentBaselines.Original(system);
        if (Target.AuxiliaryElement >= 0 && nodeLength > 1)
        {
            network ??= new MlpAssignment(parentLength, 1, options, new ElementOf(original, Target.AuxiliaryElement, nodeLength));
            system.Override(Target.AuxiliaryNode, new ElementAssignment(original, network, Target.AuxiliaryElement));
        }
        else
        {
            network ??= new MlpAssignment(parentLength, nodeLength, options, original);
            system.Override(Target.AuxiliaryNode, network);
        }

        return network;
    }

    /// <summary>A model instance, its system and layer, with per-scenario warm starts.</summary>
    private sealed class ScenarioSystem
    {
        private readonly Dictionary<string, double[]> _warm = new();

        public ScenarioSystem(IEquilibriumModel model, EquilibriumSolverOptions? options)
        {
            Model = model;
            System = new EquilibriumSystem(model);
            Equilibrium = new DifferentiableEquilibrium(System, options);
        }

        public IEquilibriumModel Model { get; }

        public EquilibriumSystem System { get; }

        public DifferentiableEquilibrium Equilibrium { get; }

        public double[] Solve(InvarianceScenario s, double[]? coordinates)
        {
            s.Configure(Model);
            if (coordinates is null)
            {
                System.Coordinates.Clear();
            }
            else
            {
                coordinates.CopyTo(System.Coordinates);
            }

            Equilibrium.SetState(_warm.TryGetValue(s.Label, out var w) ? w : System.ReadState());
            Equilibrium.Solve();
            var x = Equilibrium.State.ToArray();
            _warm[s.Label] = x;
            return x;
        }
    }
}

/// <summary>Holds one element of a node at a set value (the unintervened value of the invariant node, for its
/// children, in the paper's construction); the other elements keep the node's own assignment.</summary>
internal sealed class PinnedElement : IAssignmentOverride
{
    private readonly IAssignmentOverride _rest;
    private readonly int _element;
    private double _value;

    public PinnedElement(IAssignmentOverride rest, int element)
    {
        _rest = rest;
        _element = element;
    }

    public void SetValue(double value) => _value = value;

    public void Bind(OverrideBinding binding) => _rest.Bind(binding);

    public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
    {
        _rest.Evaluate(parents, value);
        value[_element] = _value;
    }

    public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
    {
        _rest.Jvp(parents, dParents, value, dValue);
        value[_element] = _value;
        dValue[_element] = 0;
    }

    public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
    {
        var w = wValue.ToArray();
        w[_element] = 0;
        _rest.Vjp(parents, w, wParents);
    }
}
