using LieInter.Equilibrium;
using TorchSharp.Modules;

namespace LieInter.Torch;

/// <summary>
/// One small network shared by every element of a vector node: element i of the node is
/// baseline_i(parents) + N(z_i), where z_i holds element i of each parent node, then the parent values every element
/// sees (<see cref="CommonInputs"/>, e.g. the price of energy), then row i of fixed <see cref="Features"/> (what tells
/// the elements apart, e.g. a sector's energy cost share). Its size does not grow
/// with the node, and it learns one rule for all elements (a tax as a function of a sector's own price), where an
/// <see cref="MlpAssignment"/> of the whole parent vector has to learn one per element. Every parent node must have
/// the node's length.
/// </summary>
/// <remarks>Not thread-safe: it owns reusable buffers.</remarks>
public sealed class ElementwiseMlpAssignment : ILearnedAssignment
{
    private readonly double[,] _features;
    private readonly int[] _common;
    private readonly IAssignmentOverride? _baseline;
    private readonly double[] _z;
    private readonly double[] _dz;
    private readonly double[] _wz;
    private readonly double[] _one = new double[1];
    private readonly double[] _dOne = new double[1];
    private readonly double[] _wOne = new double[1];
    private int[] _parentOffsets = [];
    private double[] _batch = [];

    /// <param name="nodeLength">Length of the overridden node.</param>
    /// <param name="parentNodes">Number of parent nodes (each of length <paramref name="nodeLength"/>).</param>
    /// <param name="features">nodeLength x f fixed inputs per element (null: none).</param>
    /// <param name="commonInputs">Indices into the parent vector that every element sees (null: none).</param>
    /// <param name="options">Shape of the shared network (one output).</param>
    /// <param name="baseline">What the network corrects, e.g. <see cref="AssignmentBaselines.Original"/>; null: nothing.</param>
    public ElementwiseMlpAssignment(int nodeLength, int parentNodes, double[,]? features = null, IReadOnlyList<int>? commonInputs = null, MlpOptions? options = null, IAssignmentOverride? baseline = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parentNodes, 1);
        _features = features ?? new double[nodeLength, 0];
        if (_features.GetLength(0) != nodeLength)
        {
            throw new ArgumentException($"Features have {_features.GetLength(0)} rows; the node has {nodeLength} elements.", nameof(features));
        }

        foreach (double f in _features)
        {
            if (!double.IsFinite(f))
            {
                throw new ArgumentException($"Feature {f} is not finite.", nameof(features));
            }
        }

        _common = commonInputs?.ToArray() ?? [];
        if (_common.Any(c => c < 0 || c >= nodeLength * parentNodes))
        {
            throw new ArgumentOutOfRangeException(nameof(commonInputs), $"Common inputs [{string.Join(", ", _common)}] must index the parent vector of {nodeLength * parentNodes} values.");
        }

        NodeLength = nodeLength;
        ParentNodes = parentNodes;
        _baseline = baseline;
        Network = new MlpAssignment(parentNodes + _common.Length + _features.GetLength(1), 1, options);
        _z = new double[Network.InputLength];
        _dz = new double[Network.InputLength];
        _wz = new double[Network.InputLength];
    }

    /// <summary>The shared network: element i's correction is its value at z_i.</summary>
    public MlpAssignment Network { get; }

    public int NodeLength { get; }

    public int ParentNodes { get; }

    /// <summary>Indices into the parent vector that every element sees.</summary>
    public IReadOnlyList<int> CommonInputs => _common;

    /// <summary>The fixed per-element inputs (a copy).</summary>
    public double[,] Features => (double[,])_features.Clone();

    public int OutputLength => NodeLength;

    public IReadOnlyList<Parameter> Parameters => Network.Parameters;

    public int ParameterCount => Network.ParameterCount;

    public void Bind(OverrideBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (binding.NodeLength != NodeLength || binding.Parents.Count != ParentNodes || binding.Parents.Any(p => p.Length != NodeLength))
        {
            throw new ArgumentException(
                $"The shared network for node '{binding.Node}' was built for {NodeLength} element(s) and {ParentNodes} parent node(s) of that length, but the node has " +
                $"{binding.NodeLength} and its parents are [{string.Join(", ", binding.Parents.Select(p => $"{p.Name}:{p.Length}"))}].",
                nameof(binding));
        }

        _baseline?.Bind(binding);
        _parentOffsets = binding.Parents.Select(p => p.Offset).ToArray();
        _batch = new double[NodeLength * Network.InputLength];
    }

    public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
    {
        Baseline(parents, value);
        for (int i = 0; i < NodeLength; i++)
        {
            Gather(parents, i, _z);
            Network.Evaluate(_z, _one);
            value[i] += _one[0];
        }
    }

    public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
    {
        if (_baseline is null)
        {
            value.Clear();
            dValue.Clear();
        }
        else
        {
            _baseline.Jvp(parents, dParents, value, dValue);
        }

        for (int i = 0; i < NodeLength; i++)
        {
            Gather(parents, i, _z);
            Gather(dParents, i, _dz);
            _dz.AsSpan(ParentNodes + _common.Length).Clear();
            Network.Jvp(_z, _dz, _one, _dOne);
            value[i] += _one[0];
            dValue[i] += _dOne[0];
        }
    }

    public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
    {
        if (_baseline is null)
        {
            wParents.Clear();
        }
        else
        {
            _baseline.Vjp(parents, wValue, wParents);
        }

        for (int i = 0; i < NodeLength; i++)
        {
            Gather(parents, i, _z);
            _wOne[0] = wValue[i];
            Network.Vjp(_z, _wOne, _wz);
            for (int k = 0; k < ParentNodes; k++)
            {
                wParents[_parentOffsets[k] + i] += _wz[k];
            }

            for (int c = 0; c < _common.Length; c++)
            {
                wParents[_common[c]] += _wz[ParentNodes + c];
            }
        }
    }

    public void AccumulateParameterGradient(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue)
    {
        int width = Network.InputLength;
        for (int i = 0; i < NodeLength; i++)
        {
            Gather(parents, i, _batch.AsSpan(i * width, width));
        }

        Network.AccumulateParameterGradient(_batch, wValue, NodeLength);
    }

    public void NormalizeInputs(IReadOnlyList<double[]> parentSamples)
    {
        ArgumentNullException.ThrowIfNull(parentSamples);
        var inputs = new List<double[]>(parentSamples.Count * NodeLength);
        foreach (var sample in parentSamples)
        {
            for (int i = 0; i < NodeLength; i++)
            {
                var z = new double[Network.InputLength];
                Gather(sample, i, z);
                inputs.Add(z);
            }
        }

        Network.NormalizeInputs(inputs);
    }

    public void ZeroGradient() => Network.ZeroGradient();

    public void ReadGradient(Span<double> gradient) => Network.ReadGradient(gradient);

    public void ReadParameters(Span<double> parameters) => Network.ReadParameters(parameters);

    public void WriteParameters(ReadOnlySpan<double> parameters) => Network.WriteParameters(parameters);

    public void ParametersChanged() => Network.ParametersChanged();

    public void Dispose() => Network.Dispose();

    private void Baseline(ReadOnlySpan<double> parents, Span<double> value)
    {
        if (_baseline is null)
        {
            value.Clear();
        }
        else
        {
            _baseline.Evaluate(parents, value);
        }
    }

    /// <summary>z_i: element i of each parent node, the common inputs, then row i of the features.</summary>
    private void Gather(ReadOnlySpan<double> parents, int i, Span<double> z)
    {
        if (_parentOffsets.Length != ParentNodes)
        {
            throw new InvalidOperationException("The shared network is not attached to a node yet (EquilibriumSystem.Override binds it).");
        }

        for (int k = 0; k < ParentNodes; k++)
        {
            z[k] = parents[_parentOffsets[k] + i];
        }

        for (int c = 0; c < _common.Length; c++)
        {
            z[ParentNodes + c] = parents[_common[c]];
        }

        int offset = ParentNodes + _common.Length;
        for (int f = 0; f < _features.GetLength(1); f++)
        {
            z[offset + f] = _features[i, f];
        }
    }
}
