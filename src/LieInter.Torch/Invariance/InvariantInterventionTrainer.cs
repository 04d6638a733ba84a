using System.Diagnostics;
using System.Reflection;
using LieInter.Differentiation;
using LieInter.Equilibrium;
using LieInter.Modeling;
using LieInter.Optimization;
using LieInter.Solvers;

namespace LieInter.Torch;

/// <summary>
/// Learns invariant soft interventions (Def. 4): for each target, the auxiliary node's assignment is replaced by an
/// MLP of its parents, trained so that the invariant node keeps its unintervened value over a set of scenarios
/// (parameters theta and Lie coordinates u). Several targets are trained together (compartmentalized
/// interventions, Def. 5, need one per compartment). Equilibria are solved by the runtime's policy; gradients pass
/// through them by implicit differentiation with the generated VJPs; the MLPs' own gradients are exact.
/// </summary>
public sealed class InvariantInterventionTrainer : IDisposable
{
    private readonly InvarianceTrainingOptions _options;
    private readonly ScenarioSystem _reference;
    private readonly ScenarioSystem _training;
    private readonly ScenarioSystem _deployed;
    private readonly ScenarioSystem _plain;
    private readonly TargetState[] _targets;
    private readonly MlpOptions _mlpOptions;
    private readonly Dictionary<string, double[]> _referenceStates = new();
    private readonly Dictionary<string, double[]> _pinnedStates = new();
    private bool _normalized;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "One target or a list of them; no call can bind to both.")]
    public InvariantInterventionTrainer(Func<IEquilibriumModel> createModel, InvarianceTarget target, MlpOptions? mlp = null, InvarianceTrainingOptions? options = null)
        : this(createModel, [target ?? throw new ArgumentNullException(nameof(target))], mlp, options)
    {
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "One target or a list of them; no call can bind to both.")]
    public InvariantInterventionTrainer(Func<IEquilibriumModel> createModel, IReadOnlyList<InvarianceTarget> targets, MlpOptions? mlp = null, InvarianceTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            throw new ArgumentException("Give at least one invariance target.", nameof(targets));
        }

        _options = options ?? new InvarianceTrainingOptions();
        TorchRuntime.EnsureInitialized();
        _reference = new ScenarioSystem(createModel(), _options.Solver);
        _plain = new ScenarioSystem(createModel(), _options.Solver);
        _training = new ScenarioSystem(createModel(), _options.Solver);
        _deployed = new ScenarioSystem(createModel(), _options.Solver);
        _mlpOptions = (mlp ?? new MlpOptions()) with { OutputInitScale = mlp?.OutputInitScale ?? 0.01 };

        var auxiliaries = new HashSet<string>();
        _targets = new TargetState[targets.Count];
        for (int t = 0; t < targets.Count; t++)
        {
            var target = targets[t] ?? throw new ArgumentNullException(nameof(targets), $"Target {t} is null.");
            if (!auxiliaries.Add(target.AuxiliaryNode))
            {
                throw new ArgumentException($"Two targets leverage the same auxiliary node '{target.AuxiliaryNode}'; each invariant intervention needs its own auxiliary node.", nameof(targets));
            }

            _targets[t] = CreateTarget(target, t);
        }

        // Pin every invariant node after all networks are installed: a pin wraps whatever assignment the node has.
        if (_options.Construction == InvarianceConstruction.IntervenedGraph)
        {
            foreach (var state in _targets.Where(s => s.Pin is null))
            {
                var shared = _targets.Where(s => s.Target.InvariantNode == state.Target.InvariantNode).ToArray();
                var pin = new PinnedElements(AssignmentBaselines.Original(_training.System), shared.SelectMany(s => s.InvariantElements).ToArray());
                _training.System.Override(state.Target.InvariantNode, pin);
                int slot = 0;
                foreach (var t in shared)
                {
                    t.Pin = pin;
                    t.PinSlot = slot;
                    slot += t.InvariantElements.Length;
                }
            }
        }
    }

    public IReadOnlyList<InvarianceTarget> Targets => _targets.Select(t => t.Target).ToList();

    /// <summary>The first target.</summary>
    public InvarianceTarget Target => _targets[0].Target;

    /// <summary>The learned auxiliary assignment of the first target.</summary>
    public ILearnedAssignment Network => _targets[0].Network;

    /// <summary>The learned auxiliary assignments, one per target.</summary>
    public IReadOnlyList<ILearnedAssignment> Networks => _targets.Select(t => t.Network).ToList();

    /// <summary>The intervened system with the learned assignments (the deployed soft interventions).</summary>
    public EquilibriumSystem DeployedSystem => _deployed.System;

    public InvarianceTrainingReport Train(IReadOnlyList<InvarianceScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("Training needs at least one scenario.", nameof(scenarios));
        }

        if (scenarios.Select(s => s.Label).Distinct().Count() != scenarios.Count)
        {
            throw new ArgumentException("Scenario labels must be unique: references and warm starts are cached by label.", nameof(scenarios));
        }

        if (_options.NormalizeInputs && !_normalized && _mlpOptions.InputShift is null)
        {
            Normalize(scenarios);
        }

        _normalized = true;
        var clock = Stopwatch.StartNew();
        int solves0 = _training.Equilibrium.Solves, adjoints0 = _training.Equilibrium.AdjointSolves;
        var (epochs, rmse, history) = _options.Method == InvarianceTrainingMethod.Adam ? TrainAdam(scenarios) : TrainLevenbergMarquardt(scenarios);
        return new InvarianceTrainingReport(_options.Method, epochs, rmse, history, clock.Elapsed,
            _training.Equilibrium.Solves - solves0, _training.Equilibrium.AdjointSolves - adjoints0);
    }

    /// <summary>Invariance errors in the true intervened system with the learned assignments.</summary>
    public InvarianceReport Evaluate(IReadOnlyList<InvarianceScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var values = new List<InvarianceValue>();
        double sq = 0, rel = 0, maxRel = 0;
        foreach (var s in scenarios)
        {
            var (reference, intervened, _) = Solve(s);
            foreach (var (t, slot) in Slots())
            {
                int index = t.InvariantIndices[slot];
                var v = new InvarianceValue(s.Label, t.Target, reference[index], intervened[index]) { Element = t.InvariantElements[slot] };
                values.Add(v);
                sq += (v.Intervened - v.Reference) * (v.Intervened - v.Reference);
                rel += v.RelativeError * v.RelativeError;
                maxRel = Math.Max(maxRel, v.RelativeError);
            }
        }

        int count = Math.Max(values.Count, 1);
        return new InvarianceReport(Math.Sqrt(sq / count), Math.Sqrt(rel / count), maxRel, values);
    }

    /// <summary>Equilibria of one scenario: unintervened, with the learned invariant interventions, and under the
    /// plain Lie interventions alone.</summary>
    public (double[] Reference, double[] Invariant, double[] PlainLie) Solve(InvarianceScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var reference = _reference.Solve(scenario, null);
        var invariant = _deployed.Solve(scenario, scenario.Coordinates);
        var plain = _plain.Solve(scenario, scenario.Coordinates);
        return (reference, invariant, plain);
    }

    /// <summary>Checks the conditions of Prop. 3 for one target at a reference scenario, for the given free
    /// parameters (indices into theta); for a target with several invariant elements, for the first.</summary>
    public InvarianceConditionsReport CheckConditions(InvarianceScenario reference, IReadOnlyList<int> freeParameters, int target = 0) =>
        CheckConditionsByElement(reference, freeParameters, target).First().Value;

    /// <summary>Checks the conditions of Prop. 3 at a reference scenario for every invariant element of one target
    /// (keyed by element), each with the auxiliary element that serves it.</summary>
    public IReadOnlyDictionary<int, InvarianceConditionsReport> CheckConditionsByElement(InvarianceScenario reference, IReadOnlyList<int> freeParameters, int target = 0)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, _targets.Length);
        var state = _targets[target];
        var x = _reference.Solve(reference, null);
        var parents = state.ParentSegments.SelectMany(s => Enumerable.Range(s.Offset, s.Length)).ToList();
        var result = new Dictionary<int, InvarianceConditionsReport>();
        for (int slot = 0; slot < state.InvariantElements.Length; slot++)
        {
            result[state.InvariantElements[slot]] = InvarianceConditions.Check(_reference.System, x, state.InvariantIndices[slot], state.AuxiliaryIndices[slot], parents, freeParameters);
        }

        return result;
    }

    /// <summary>The relative residuals (scenario-major, one per target and invariant element) in the training construction and their
    /// Jacobian with respect to all networks' parameters (concatenated in target order): what Levenberg-Marquardt
    /// sees, exposed for the finite-difference tests.</summary>
    internal (double[] Residuals, double[,] Jacobian) LinearizeAt(IReadOnlyList<InvarianceScenario> scenarios)
    {
        int p = _targets.Sum(t => t.Network.ParameterCount);
        var r = new double[scenarios.Count * ResidualsPerScenario];
        var jac = new double[r.Length, p];
        Linearize(scenarios, r, jac);
        return (r, jac);
    }

    /// <summary>The relative residuals (scenario-major, one per target) in the training construction.</summary>
    internal double[] ResidualsAt(IReadOnlyList<InvarianceScenario> scenarios)
    {
        var r = new List<double>();
        foreach (var s in scenarios)
        {
            var x = SolveTraining(s);
            r.AddRange(Slots().Select(ts => Residual(s, ts.Target, ts.Slot, x)));
        }

        return r.ToArray();
    }

    internal double[] ReadAllParameters()
    {
        var psi = new double[_targets.Sum(t => t.Network.ParameterCount)];
        ReadParameters(psi);
        return psi;
    }

    internal void WriteAllParameters(double[] psi) => WriteParameters(psi);

    /// <summary>Residuals per scenario: one per invariant element of every target.</summary>
    private int ResidualsPerScenario => _targets.Sum(t => t.InvariantElements.Length);

    /// <summary>Every (target, slot) in residual order: target-major, then the target's invariant elements.</summary>
    private IEnumerable<(TargetState Target, int Slot)> Slots() =>
        _targets.SelectMany(t => Enumerable.Range(0, t.InvariantElements.Length).Select(slot => (t, slot)));

    public void Dispose()
    {
        foreach (var t in _targets)
        {
            t.Network.Dispose();
        }
    }

    private TargetState CreateTarget(InvarianceTarget target, int index)
    {
        var layout = _reference.System.Layout;
        var schema = _reference.System.Schema;
        schema.InterventionIndex(target.Intervention);
        var structure = InvarianceConditions.CheckStructure(schema, target.Intervention, target.InvariantNode, target.AuxiliaryNode);
        if (!structure.AllHold)
        {
            throw new ArgumentException($"{target} cannot hold its invariant node (Prop. 3): {string.Join("; ", structure.Failed.Select(c => c.Description))}.", nameof(target));
        }

        var invariantSegment = layout.Node(target.InvariantNode);
        var auxiliarySegment = layout.Node(target.AuxiliaryNode);
        if (target.InvariantElement >= invariantSegment.Length || target.AuxiliaryElement >= auxiliarySegment.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"Element outside its node: {target}.");
        }

        var invariantElements = target.ResolveInvariantElements(invariantSegment.Length);

        var parentNames = schema.Graph.ParentsOf(target.AuxiliaryNode).ToHashSet();
        var parentSegments = schema.Nodes.Where(n => parentNames.Contains(n.Name)).Select(n => layout.Node(n.Name)).ToArray();
        int parentLength = parentSegments.Sum(s => s.Length);
        if (parentLength == 0)
        {
            throw new ArgumentException($"Auxiliary node '{target.AuxiliaryNode}' has no parents: a soft intervention on it could only be a constant (Prop. 3).");
        }

        if (target.ShareNetworkAcrossElements && (target.AuxiliaryElement >= 0 || parentSegments.Any(s => s.Length != auxiliarySegment.Length)))
        {
            throw new ArgumentException($"A network shared over the elements of '{target.AuxiliaryNode}' replaces the whole node (auxiliary element -1) and needs parents of its length; its parents are [{string.Join(", ", parentSegments.Select(s => $"{s.Name}:{s.Length}"))}] ({target}).", nameof(target));
        }

        // Element e of the invariant node is served by element e of a whole auxiliary node of the same length (the
        // pairing of an elementwise soft intervention), else by the named auxiliary element.
        bool paired = target.AuxiliaryElement < 0 && auxiliarySegment.Length == invariantSegment.Length && auxiliarySegment.Length > 1;
        var auxiliaryIndices = invariantElements.Select(e => auxiliarySegment.Offset + (paired ? e : Math.Max(target.AuxiliaryElement, 0))).ToArray();

        // Different seeds so that two networks of the same shape do not start identical.
        var options = _mlpOptions with { Seed = _mlpOptions.Seed + (ulong)index };
        bool sameNode = target.InvariantNode == target.AuxiliaryNode && (invariantSegment.Length == 1 || target.AuxiliaryElement < 0 || invariantElements.SequenceEqual([target.AuxiliaryElement]));
        bool inTraining = !(sameNode && _options.Construction == InvarianceConstruction.IntervenedGraph);
        var network = Install(_deployed.System, target, parentSegments.Length, parentLength, auxiliarySegment.Length, options, network: null);
        if (inTraining)
        {
            Install(_training.System, target, parentSegments.Length, parentLength, auxiliarySegment.Length, options, network);
        }

        return new TargetState(target, network, parentSegments, invariantElements, invariantElements.Select(e => invariantSegment.Offset + e).ToArray(),
            auxiliarySegment.Offset, auxiliaryIndices, inTraining);
    }

    private (int Epochs, double Rmse, List<double> History) TrainAdam(IReadOnlyList<InvarianceScenario> scenarios)
    {
        var history = new List<double>();
        int epochs = 0;
        double rmse = double.NaN;
        double lr = _options.LearningRate;
        int phaseEnd1 = (int)(0.6 * _options.MaxEpochs), phaseEnd2 = (int)(0.85 * _options.MaxEpochs);
        var networks = _targets.Select(t => (ITorchTrainable)t.Network).ToArray();
        var adam = new AdamTrainer(networks, new AdamOptions { LearningRate = lr });
        int residualCount = scenarios.Count * ResidualsPerScenario;
        try
        {
            while (epochs < _options.MaxEpochs)
            {
                if (epochs == phaseEnd1 || epochs == phaseEnd2)
                {
                    adam.Dispose();
                    lr /= 10;
                    adam = new AdamTrainer(networks, new AdamOptions { LearningRate = lr });
                }

                adam.ZeroGradient();
                double sum = 0;
                foreach (var s in scenarios)
                {
                    var x = SolveTraining(s);
                    foreach (var (t, slot) in Slots())
                    {
                        double e = Residual(s, t, slot, x);
                        sum += e * e;

                        // d(e^2 / count)/dpsi = (2 e / count) de/dpsi.
                        AccumulateResidualGradient(t, slot, x, 2 * e / residualCount);
                    }
                }

                rmse = Math.Sqrt(sum / residualCount);
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

        return (epochs, rmse, history);
    }

    /// <summary>Levenberg-Marquardt with Marquardt's damping update: solve (J^T J + mu I) delta = -J^T r in the
    /// smaller of parameter and residual space, accept the step when the residual norm falls.</summary>
    private (int Epochs, double Rmse, List<double> History) TrainLevenbergMarquardt(IReadOnlyList<InvarianceScenario> scenarios)
    {
        int p = _targets.Sum(t => t.Network.ParameterCount);
        int m = scenarios.Count * ResidualsPerScenario;
        var psi = new double[p];
        ReadParameters(psi);
        var history = new List<double>();
        var r = new double[m];
        var jac = new double[m, p];
        double cost = Linearize(scenarios, r, jac);
        double rmse = Math.Sqrt(cost / m);
        history.Add(rmse);
        double mu = -1;
        int epochs = 0;
        while (epochs < _options.MaxEpochs && rmse >= _options.TargetRelativeRmse)
        {
            var jm = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(jac);
            var rv = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(r);
            var small = m < p ? jm * jm.Transpose() : jm.Transpose() * jm;
            if (mu < 0)
            {
                mu = 1e-3 * Math.Max(small.Diagonal().Maximum(), 1e-300);
            }

            var gradient = jm.Transpose() * rv;
            if (gradient.InfinityNorm() == 0)
            {
                break;
            }

            bool accepted = false;
            while (!accepted && epochs < _options.MaxEpochs)
            {
                epochs++;
                var damped = small + MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(small.RowCount) * mu;
                var delta = m < p ? -(jm.Transpose() * damped.Cholesky().Solve(rv)) : -damped.Cholesky().Solve(gradient);
                var trial = psi.Zip(delta, (a, b) => a + b).ToArray();
                WriteParameters(trial);
                double trialCost = double.PositiveInfinity;
                try
                {
                    trialCost = Cost(scenarios);
                }
                catch (EquilibriumException)
                {
                    // A step that makes the intervened system unsolvable (its declared condition fails, or the solve
                    // does not converge) is rejected like any other bad step; more damping shortens the next one.
                }

                if (trialCost < cost)
                {
                    psi = trial;
                    mu = Math.Max(mu / 3, 1e-300);
                    accepted = true;
                }
                else
                {
                    WriteParameters(psi);
                    mu *= 4;
                    if (mu > 1e20 * Math.Max(small.Diagonal().Maximum(), 1e-300))
                    {
                        // No descent left at any step length: a (local) minimum of the residual norm.
                        rmse = Math.Sqrt(cost / m);
                        return (epochs, rmse, history);
                    }
                }

                _options.Progress?.Invoke(epochs, Math.Sqrt(Math.Min(cost, trialCost) / m));
            }

            if (!accepted)
            {
                break;
            }

            cost = Linearize(scenarios, r, jac);
            rmse = Math.Sqrt(cost / m);
            history.Add(rmse);
        }

        return (epochs, rmse, history);
    }

    /// <summary>Residuals and their gradient rows with respect to all networks' parameters; returns the sum of
    /// squares.</summary>
    private double Linearize(IReadOnlyList<InvarianceScenario> scenarios, double[] r, double[,] jac)
    {
        int p = jac.GetLength(1);
        var row = new double[p];
        double cost = 0;
        int k = 0;
        foreach (var s in scenarios)
        {
            var x = SolveTraining(s);
            foreach (var (t, slot) in Slots())
            {
                r[k] = Residual(s, t, slot, x);
                cost += r[k] * r[k];
                foreach (var n in _targets)
                {
                    n.Network.ZeroGradient();
                }

                AccumulateResidualGradient(t, slot, x, 1.0);
                int offset = 0;
                foreach (var n in _targets)
                {
                    n.Network.ReadGradient(row.AsSpan(offset, n.Network.ParameterCount));
                    offset += n.Network.ParameterCount;
                }

                for (int c = 0; c < p; c++)
                {
                    jac[k, c] = row[c];
                }

                k++;
            }
        }

        return cost;
    }

    private double Cost(IReadOnlyList<InvarianceScenario> scenarios) => ResidualsAt(scenarios).Sum(e => e * e);

    private double[] SolveTraining(InvarianceScenario s)
    {
        // The networks' "original assignment" baselines evaluate through the deployed system's model (they were
        // created there), so it must carry this scenario's parameters and coordinates whenever the networks are
        // evaluated for it in training; otherwise a varied parameter of the auxiliary node's own assignment would
        // stay at its last deployed value.
        s.Configure(_deployed.Model);
        s.Coordinates.CopyTo(_deployed.System.Coordinates);

        // In the paper's construction with every invariant node its own auxiliary node, no network is part of the
        // training system: its equilibria do not depend on the weights, so each scenario is solved once.
        bool independentOfWeights = _targets.All(t => !t.InTrainingSystem);
        if (independentOfWeights && _pinnedStates.TryGetValue(s.Label, out var cached))
        {
            return cached;
        }

        var reference = ReferenceState(s);
        foreach (var (t, slot) in Slots())
        {
            t.Pin?.SetValue(t.PinSlot + slot, reference[t.InvariantIndices[slot]]);
        }

        var x = _training.Solve(s, s.Coordinates);
        if (independentOfWeights)
        {
            _pinnedStates[s.Label] = x;
        }

        return x;
    }

    /// <summary>Relative residual of one invariant element (slot) of a target at the training equilibrium x
    /// (already solved for s).</summary>
    private double Residual(InvarianceScenario s, TargetState t, int slot, double[] x)
    {
        int index = t.InvariantIndices[slot];
        double target = ReferenceState(s)[index];
        double scale = Math.Max(Math.Abs(target), 1e-300);
        double value;
        if (_options.Construction == InvarianceConstruction.Equilibrium)
        {
            value = x[index];
        }
        else if (!t.InTrainingSystem)
        {
            // j is the auxiliary node: its assignment is the network itself, evaluated at the pinned equilibrium.
            t.Gather(x);
            t.Network.Evaluate(t.Parents, t.NetworkValue);
            value = t.NetworkValue[t.NetworkOutputElement(slot)];
        }
        else
        {
            // f_j(x): the invariant node's own assignment at the pinned equilibrium.
            var fx = new double[x.Length];
            _training.System.Model.Evaluate(x, _training.System.Coordinates, fx);
            value = fx[index];
        }

        t.LastScales[slot] = scale;
        return (value - target) / scale;
    }

    /// <summary>Adds weight * d e_t / dpsi to the networks' gradients, where e_t is <see cref="Residual"/> at the
    /// training equilibrium x: one adjoint solve through the training system, then each installed network's share.</summary>
    private void AccumulateResidualGradient(TargetState t, int slot, double[] x, double weight)
    {
        double factor = weight / t.LastScales[slot];
        int index = t.InvariantIndices[slot];
        if (_options.Construction == InvarianceConstruction.IntervenedGraph && !t.InTrainingSystem)
        {
            t.Gather(x);
            Array.Clear(t.NetworkCotangent);
            t.NetworkCotangent[t.NetworkOutputElement(slot)] = factor;
            t.Network.AccumulateParameterGradient(t.Parents, t.NetworkCotangent);
            return;
        }

        var system = _training.System;
        int n = system.Dimension;
        var gradX = new double[n];
        if (_options.Construction == InvarianceConstruction.Equilibrium)
        {
            gradX[index] = factor;
        }
        else
        {
            system.Model.JacobianRow(x, system.Coordinates, index, gradX);
            for (int i = 0; i < n; i++)
            {
                gradX[i] *= factor;
            }
        }

        if (!_training.Equilibrium.TrySolveAdjoint(gradX, out var report))
        {
            throw new EquilibriumNotConvergedException(report);
        }

        var lambda = _training.Equilibrium.Adjoint;
        foreach (var net in _targets.Where(s => s.InTrainingSystem))
        {
            net.Gather(x);
            if (net.Network.OutputLength == 1)
            {
                net.NetworkCotangent[0] = lambda[net.AuxiliaryIndices[0]];
                net.Network.AccumulateParameterGradient(net.Parents, net.NetworkCotangent);
            }
            else
            {
                var aux = system.Layout.Node(net.Target.AuxiliaryNode);
                net.Network.AccumulateParameterGradient(net.Parents, lambda.Slice(aux.Offset, aux.Length));
            }
        }
    }

    private double[] ReferenceState(InvarianceScenario s)
    {
        if (!_referenceStates.TryGetValue(s.Label, out var x))
        {
            x = _reference.Solve(s, null);
            _referenceStates[s.Label] = x;
        }

        return x;
    }

    /// <summary>Input normalisation of each network: mean and spread of its parents over the reference and
    /// plain-Lie equilibria of the training scenarios (the range the network will see).</summary>
    private void Normalize(IReadOnlyList<InvarianceScenario> scenarios)
    {
        var samples = new List<double[]>();
        foreach (var s in scenarios)
        {
            samples.Add(ReferenceState(s));
            samples.Add(_plain.Solve(s, s.Coordinates));
        }

        foreach (var t in _targets)
        {
            t.Network.NormalizeInputs(samples.Select(x =>
            {
                t.Gather(x);
                return (double[])t.Parents.Clone();
            }).ToList());
        }
    }

    private void ReadParameters(double[] psi)
    {
        int offset = 0;
        foreach (var t in _targets)
        {
            t.Network.ReadParameters(psi.AsSpan(offset, t.Network.ParameterCount));
            offset += t.Network.ParameterCount;
        }
    }

    private void WriteParameters(double[] psi)
    {
        int offset = 0;
        foreach (var t in _targets)
        {
            t.Network.WriteParameters(psi.AsSpan(offset, t.Network.ParameterCount));
            offset += t.Network.ParameterCount;
        }
    }

    private static ILearnedAssignment Install(EquilibriumSystem system, InvarianceTarget target, int parentNodes, int parentLength, int nodeLength, MlpOptions options, ILearnedAssignment? network)
    {
        var original = AssignmentBaselines.Original(system);
        if (target.ShareNetworkAcrossElements)
        {
            network ??= new ElementwiseMlpAssignment(nodeLength, parentNodes, target.ElementFeatures, target.ElementCommonInputs, options, original);
            system.Override(target.AuxiliaryNode, network);
        }
        else if (target.AuxiliaryElement >= 0 && nodeLength > 1)
        {
            network ??= new MlpAssignment(parentLength, 1, options, new ElementOf(original, target.AuxiliaryElement, nodeLength));
            system.Override(target.AuxiliaryNode, new ElementAssignment(original, network, target.AuxiliaryElement));
        }
        else
        {
            network ??= new MlpAssignment(parentLength, nodeLength, options, original);
            system.Override(target.AuxiliaryNode, network);
        }

        return network;
    }

    /// <summary>A target with its network, index bookkeeping and scratch buffers.</summary>
    private sealed class TargetState(InvarianceTarget target, ILearnedAssignment network, Segment[] parentSegments, int[] invariantElements, int[] invariantIndices, int auxiliaryOffset, int[] auxiliaryIndices, bool inTrainingSystem)
    {
        public InvarianceTarget Target { get; } = target;

        public ILearnedAssignment Network { get; } = network;

        public Segment[] ParentSegments { get; } = parentSegments;

        /// <summary>The invariant node's elements that must not move; a slot is a position in this list.</summary>
        public int[] InvariantElements { get; } = invariantElements;

        /// <summary>State indices of the invariant elements, per slot.</summary>
        public int[] InvariantIndices { get; } = invariantIndices;

        /// <summary>State index of the auxiliary element serving each slot.</summary>
        public int[] AuxiliaryIndices { get; } = auxiliaryIndices;

        /// <summary>False in the paper's construction when j = k: the network is then not part of the training
        /// system (j is pinned there) and its residual is a direct regression at the pinned equilibrium.</summary>
        public bool InTrainingSystem { get; } = inTrainingSystem;

        public double[] Parents { get; } = new double[parentSegments.Sum(s => s.Length)];

        public double[] NetworkValue { get; } = new double[network.OutputLength];

        public double[] NetworkCotangent { get; } = new double[network.OutputLength];

        /// <summary>The network output that a slot's residual reads (j = k): the auxiliary element serving it.</summary>
        public int NetworkOutputElement(int slot) => Network.OutputLength == 1 ? 0 : AuxiliaryIndices[slot] - auxiliaryOffset;

        public PinnedElements? Pin { get; set; }

        /// <summary>The pin's slot of this target's first invariant element (the others follow).</summary>
        public int PinSlot { get; set; }

        public double[] LastScales { get; } = Enumerable.Repeat(1.0, invariantElements.Length).ToArray();

        public void Gather(ReadOnlySpan<double> x)
        {
            int offset = 0;
            foreach (var seg in ParentSegments)
            {
                x.Slice(seg.Offset, seg.Length).CopyTo(Parents.AsSpan(offset, seg.Length));
                offset += seg.Length;
            }
        }
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
