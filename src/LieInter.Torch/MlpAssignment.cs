using System.Diagnostics;
using System.Runtime.InteropServices;
using LieInter.Equilibrium;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LieInter.Torch;

/// <summary>
/// A learned soft intervention: a node's assignment replaced by a multilayer perceptron of the node's parents
/// (Sec. 4 and Fig. 2c of the paper), optionally as a residual correction of a baseline such as the unintervened
/// assignment (<see cref="AssignmentBaselines.Original"/>) or one parent (<see cref="AssignmentBaselines.Parent"/>).
/// </summary>
/// <remarks>
/// <para>value = baseline(parents) + OutputScale * N((parents - InputShift) / InputScale), where N has
/// <see cref="MlpOptions.HiddenSizes"/> hidden layers with the chosen activation and a linear output layer, all float64.</para>
/// <para>The parameters live in torch tensors (<see cref="Parameters"/>: W0, b0, W1, b1, ...; W row-major, output by
/// input) so torch optimisers train them; <see cref="AccumulateParameterGradient(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
/// adds into their <c>grad</c>. The solver's hot path (<see cref="Evaluate"/>, <see cref="Jvp"/>, <see cref="Vjp"/>) runs on a
/// managed copy of the weights with exact hand-written forward and reverse sweeps and allocates nothing; the copy is
/// refreshed after <see cref="ParametersChanged"/> (which <see cref="AdamTrainer"/> and <see cref="WriteParameters"/>
/// call). Changing the tensors any other way without calling it is detected at the next parameter-gradient call.</para>
/// <para>Not thread-safe: it owns reusable buffers, like <see cref="EquilibriumSystem"/>.</para>
/// </remarks>
public sealed class MlpAssignment : ILearnedAssignment
{
    private readonly int[] _widths;
    private readonly Parameter[] _parameters;
    private readonly double[][] _weights;
    private readonly double[][] _biases;
    private readonly double[] _inputShift;
    private readonly double[] _inputInverseScale;
    private readonly double[] _outputScale;
    private readonly IAssignmentOverride? _baseline;

    // Workspace: _activations[l] is the input of layer l (normalised parents for l = 0), _preActivations[l] the
    // pre-activation of hidden layer l; tangents and adjoints mirror them.
    private readonly double[][] _activations;
    private readonly double[][] _preActivations;
    private readonly double[][] _activationTangents;
    private readonly double[][] _preActivationTangents;
    private readonly double[][] _activationAdjoints;
    private readonly double[][] _preActivationAdjoints;
    private readonly double[] _output;
    private readonly double[] _outputTangent;
    private readonly double[] _baselineValue;
    private readonly double[] _baselineTangent;
    private readonly double[] _baselineParentAdjoint;
    private bool _weightsStale = true;
    private bool _disposed;

    public MlpAssignment(int inputLength, int outputLength, MlpOptions? options = null, IAssignmentOverride? baseline = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputLength, 1);
        Options = options ?? new MlpOptions();
        if (Options.HiddenSizes.Any(h => h < 1))
        {
            throw new ArgumentException($"Hidden layer widths must be positive; got [{string.Join(", ", Options.HiddenSizes)}].", nameof(options));
        }

        if (!double.IsFinite(Options.OutputInitScale))
        {
            throw new ArgumentException($"OutputInitScale must be finite; got {Options.OutputInitScale}.", nameof(options));
        }

        InputLength = inputLength;
        OutputLength = outputLength;
        _baseline = baseline;
        _inputShift = Fixed(Options.InputShift, inputLength, 0.0, nameof(MlpOptions.InputShift), mustBeNonzero: false);
        var inputScale = Fixed(Options.InputScale, inputLength, 1.0, nameof(MlpOptions.InputScale), mustBeNonzero: true);
        _inputInverseScale = inputScale.Select(s => 1.0 / s).ToArray();
        _outputScale = Fixed(Options.OutputScale, outputLength, 1.0, nameof(MlpOptions.OutputScale), mustBeNonzero: false);

        _widths = [inputLength, .. Options.HiddenSizes, outputLength];
        int layers = _widths.Length - 1;
        _weights = new double[layers][];
        _biases = new double[layers][];
        _activations = new double[layers][];
        _activationTangents = new double[layers][];
        _activationAdjoints = new double[layers][];
        _preActivations = new double[layers - 1][];
        _preActivationTangents = new double[layers - 1][];
        _preActivationAdjoints = new double[layers][];
        for (int l = 0; l < layers; l++)
        {
            _weights[l] = new double[_widths[l + 1] * _widths[l]];
            _biases[l] = new double[_widths[l + 1]];
            _activations[l] = new double[_widths[l]];
            _activationTangents[l] = new double[_widths[l]];
            _activationAdjoints[l] = new double[_widths[l]];
            _preActivationAdjoints[l] = new double[_widths[l + 1]];
            if (l < layers - 1)
            {
                _preActivations[l] = new double[_widths[l + 1]];
                _preActivationTangents[l] = new double[_widths[l + 1]];
            }
        }

        _output = new double[outputLength];
        _outputTangent = new double[outputLength];
        _baselineValue = new double[outputLength];
        _baselineTangent = new double[outputLength];
        _baselineParentAdjoint = new double[inputLength];

        InitialiseWeights();
        TorchRuntime.EnsureInitialized();
        _parameters = new Parameter[2 * layers];
        for (int l = 0; l < layers; l++)
        {
            _parameters[2 * l] = NewParameter(_weights[l], [_widths[l + 1], _widths[l]]);
            _parameters[2 * l + 1] = NewParameter(_biases[l], [_widths[l + 1]]);
        }

        ParameterCount = _weights.Sum(w => w.Length) + _biases.Sum(b => b.Length);
        _weightsStale = false;
    }

    public MlpOptions Options { get; }

    /// <summary>Length of the parent vector the network reads.</summary>
    public int InputLength { get; }

    /// <summary>Length of the overridden node.</summary>
    public int OutputLength { get; }

    /// <summary>The function this network corrects, or null when the network is the whole assignment.</summary>
    public IAssignmentOverride? Baseline => _baseline;

    /// <summary>Where the override sits, once attached with <see cref="EquilibriumSystem.Override"/>.</summary>
    public OverrideBinding? Binding { get; private set; }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public int ParameterCount { get; }

    public void Bind(OverrideBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (binding.ParentLength != InputLength || binding.NodeLength != OutputLength)
        {
            throw new ArgumentException(
                $"MLP for node '{binding.Node}' was built for {InputLength} parent value(s) and {OutputLength} output(s), but the node has " +
                $"{binding.NodeLength} value(s) and its parents [{string.Join(", ", binding.Parents.Select(p => $"{p.Name}:{p.Length}"))}] have {binding.ParentLength}.",
                nameof(binding));
        }

        _baseline?.Bind(binding);
        Binding = binding;
    }

    public void Evaluate(ReadOnlySpan<double> parents, Span<double> value)
    {
        CheckLengths(parents, value);
        Forward(parents, value);
        if (_baseline is not null)
        {
            _baseline.Evaluate(parents, _baselineValue);
            Add(_baselineValue, value);
        }
    }

    public void Jvp(ReadOnlySpan<double> parents, ReadOnlySpan<double> dParents, Span<double> value, Span<double> dValue)
    {
        CheckLengths(parents, value);
        CheckLength(dParents, InputLength, nameof(dParents));
        CheckLength(dValue, OutputLength, nameof(dValue));
        RefreshWeights();
        var x = _activations[0];
        var dx = _activationTangents[0];
        for (int i = 0; i < InputLength; i++)
        {
            x[i] = (parents[i] - _inputShift[i]) * _inputInverseScale[i];
            dx[i] = dParents[i] * _inputInverseScale[i];
        }

        int layers = _weights.Length;
        for (int l = 0; l < layers; l++)
        {
            bool hidden = l < layers - 1;
            var a = hidden ? _preActivations[l].AsSpan() : value;
            var da = hidden ? _preActivationTangents[l].AsSpan() : dValue;
            Affine(l, _activations[l], a);
            Linear(l, _activationTangents[l], da);
            if (hidden)
            {
                var h = _activations[l + 1];
                var dh = _activationTangents[l + 1];
                for (int r = 0; r < a.Length; r++)
                {
                    h[r] = Activate(a[r], out double slope);
                    dh[r] = slope * da[r];
                }
            }
        }

        for (int r = 0; r < OutputLength; r++)
        {
            value[r] *= _outputScale[r];
            dValue[r] *= _outputScale[r];
        }

        if (_baseline is not null)
        {
            _baseline.Jvp(parents, dParents, _baselineValue, _baselineTangent);
            Add(_baselineValue, value);
            Add(_baselineTangent, dValue);
        }
    }

    public void Vjp(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, Span<double> wParents)
    {
        CheckLength(parents, InputLength, nameof(parents));
        CheckLength(wValue, OutputLength, nameof(wValue));
        CheckLength(wParents, InputLength, nameof(wParents));
        Forward(parents, _output);
        Backward(wValue);
        var xBar = _activationAdjoints[0];
        for (int i = 0; i < InputLength; i++)
        {
            wParents[i] = xBar[i] * _inputInverseScale[i];
        }

        if (_baseline is not null)
        {
            _baseline.Vjp(parents, wValue, _baselineParentAdjoint);
            Add(_baselineParentAdjoint, wParents);
        }
    }

    /// <summary>Adds wValue^T d value / d theta (theta: this network's parameters) into the tensors' <c>grad</c>. In the
    /// implicit-gradient outer loop wValue is the adjoint lambda restricted to the overridden node, and parents are
    /// the parents' values at the equilibrium.</summary>
    /// <remarks>Computed by the same hand-written reverse sweep as <see cref="Vjp"/> (dW_l = a_l-bar h_l^T,
    /// db_l = a_l-bar) and added straight into the gradient tensors: a few microseconds instead of the ~0.5 ms a
    /// torch autograd pass costs for a network this small. The tests check it against torch autograd and central
    /// differences. Throws when the tensors were changed without <see cref="ParametersChanged"/>.</remarks>
    public void AccumulateParameterGradient(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue) =>
        AccumulateParameterGradient(parents, wValue, 1);

    /// <summary>Batched form: <paramref name="parents"/> holds <paramref name="count"/> parent vectors one after
    /// the other and <paramref name="wValue"/> as many cotangents; their contributions are summed.</summary>
    public void AccumulateParameterGradient(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        CheckLength(parents, count * InputLength, nameof(parents));
        CheckLength(wValue, count * OutputLength, nameof(wValue));
        RefreshWeights();
        EnsureCopyMatchesTensors();
        for (int k = 0; k < count; k++)
        {
            Forward(parents.Slice(k * InputLength, InputLength), _output);
            Backward(wValue.Slice(k * OutputLength, OutputLength));
            for (int l = 0; l < _weights.Length; l++)
            {
                using var weightGradient = GradientOf(_parameters[2 * l]);
                using var biasGradient = GradientOf(_parameters[2 * l + 1]);
                var gw = MemoryMarshal.Cast<byte, double>(weightGradient.bytes);
                var gb = MemoryMarshal.Cast<byte, double>(biasGradient.bytes);
                var aBar = _preActivationAdjoints[l];
                var h = _activations[l];
                int n = h.Length;
                for (int r = 0; r < aBar.Length; r++)
                {
                    double ar = aBar[r];
                    gb[r] += ar;
                    var row = gw.Slice(r * n, n);
                    for (int c = 0; c < n; c++)
                    {
                        row[c] += ar * h[c];
                    }
                }
            }
        }
    }

    /// <summary>The same gradient through torch autograd on the network written in torch ops: the independent
    /// oracle the tests compare <see cref="AccumulateParameterGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/> with.</summary>
    internal void AccumulateParameterGradientByAutograd(ReadOnlySpan<double> parents, ReadOnlySpan<double> wValue, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckLength(parents, count * InputLength, nameof(parents));
        CheckLength(wValue, count * OutputLength, nameof(wValue));
        using var scope = NewDisposeScope();
        var x = empty([count, InputLength], ScalarType.Float64);
        var xData = MemoryMarshal.Cast<byte, double>(x.bytes);
        for (int k = 0; k < count; k++)
        {
            for (int i = 0; i < InputLength; i++)
            {
                xData[k * InputLength + i] = (parents[k * InputLength + i] - _inputShift[i]) * _inputInverseScale[i];
            }
        }

        var output = TorchForward(x);
        var w = empty([count, OutputLength], ScalarType.Float64);
        wValue.CopyTo(MemoryMarshal.Cast<byte, double>(w.bytes));
        output.mul(w).sum().backward();
    }

    /// <summary>Sets every parameter's <c>grad</c> to zero.</summary>
    public void ZeroGradient()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var p in _parameters)
        {
            using var g = p.grad;
            g?.zero_();
        }
    }

    /// <summary>Copies the accumulated gradient (zeros where none was accumulated) into a flat vector in the order of
    /// <see cref="Parameters"/>.</summary>
    public void ReadGradient(Span<double> gradient)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckLength(gradient, ParameterCount, nameof(gradient));
        int offset = 0;
        foreach (var p in _parameters)
        {
            int n = (int)p.numel();
            using var g = p.grad;
            if (g is null)
            {
                gradient.Slice(offset, n).Clear();
            }
            else
            {
                MemoryMarshal.Cast<byte, double>(g.bytes).CopyTo(gradient.Slice(offset, n));
            }

            offset += n;
        }
    }

    /// <summary>Copies the parameters into a flat vector (W0 row-major, b0, W1, b1, ...).</summary>
    public void ReadParameters(Span<double> parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckLength(parameters, ParameterCount, nameof(parameters));
        int offset = 0;
        foreach (var p in _parameters)
        {
            var data = MemoryMarshal.Cast<byte, double>(p.bytes);
            data.CopyTo(parameters.Slice(offset, data.Length));
            offset += data.Length;
        }
    }

    /// <summary>Overwrites the parameters from a flat vector laid out as in <see cref="ReadParameters"/>.</summary>
    public void WriteParameters(ReadOnlySpan<double> parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckLength(parameters, ParameterCount, nameof(parameters));
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!double.IsFinite(parameters[i]))
            {
                throw new ArgumentException($"Parameter {i} is {parameters[i]}; MLP parameters must be finite.", nameof(parameters));
            }
        }

        int offset = 0;
        foreach (var p in _parameters)
        {
            var data = MemoryMarshal.Cast<byte, double>(p.bytes);
            parameters.Slice(offset, data.Length).CopyTo(data);
            offset += data.Length;
        }

        ParametersChanged();
    }

    /// <summary>Replaces the fixed input normalisation (see <see cref="MlpOptions.InputShift"/>). This changes the
    /// function the network computes, so it is meant for before training, when the parents' typical range becomes
    /// known (the invariant-intervention trainer sets it from the training scenarios' equilibria).</summary>
    public void SetInputNormalization(ReadOnlySpan<double> shift, ReadOnlySpan<double> scale)
    {
        CheckLength(shift, InputLength, nameof(shift));
        CheckLength(scale, InputLength, nameof(scale));
        for (int i = 0; i < InputLength; i++)
        {
            if (!double.IsFinite(shift[i]) || !double.IsFinite(scale[i]) || scale[i] == 0)
            {
                throw new ArgumentException($"Input {i}: shift {shift[i]} and scale {scale[i]} must be finite and the scale nonzero.");
            }
        }

        shift.CopyTo(_inputShift);
        for (int i = 0; i < InputLength; i++)
        {
            _inputInverseScale[i] = 1.0 / scale[i];
        }
    }

    public void NormalizeInputs(IReadOnlyList<double[]> parentSamples)
    {
        ArgumentNullException.ThrowIfNull(parentSamples);
        if (parentSamples.Count == 0)
        {
            throw new ArgumentException("Normalisation needs at least one parent sample.", nameof(parentSamples));
        }

        var shift = new double[InputLength];
        var scale = new double[InputLength];
        for (int i = 0; i < InputLength; i++)
        {
            double mean = parentSamples.Average(v => v[i]);
            double spread = Math.Sqrt(parentSamples.Average(v => (v[i] - mean) * (v[i] - mean)));

            // An input that barely varies is scaled by its size instead, so the network does not amplify noise.
            scale[i] = Math.Max(spread, 1e-3 * Math.Max(Math.Abs(mean), 1e-12));
            shift[i] = mean;
        }

        SetInputNormalization(shift, scale);
    }

    public void ParametersChanged() => _weightsStale = true;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var p in _parameters)
        {
            p.Dispose();
        }
    }

    /// <summary>The network's contribution alone (no baseline) into <paramref name="output"/>, keeping the
    /// activations for a reverse sweep.</summary>
    private void Forward(ReadOnlySpan<double> parents, Span<double> output)
    {
        RefreshWeights();
        var x = _activations[0];
        for (int i = 0; i < InputLength; i++)
        {
            x[i] = (parents[i] - _inputShift[i]) * _inputInverseScale[i];
        }

        int layers = _weights.Length;
        for (int l = 0; l < layers; l++)
        {
            if (l < layers - 1)
            {
                var a = _preActivations[l];
                var h = _activations[l + 1];
                Affine(l, _activations[l], a);
                for (int r = 0; r < a.Length; r++)
                {
                    h[r] = Activate(a[r], out _);
                }
            }
            else
            {
                Affine(l, _activations[l], output);
            }
        }

        for (int r = 0; r < OutputLength; r++)
        {
            output[r] *= _outputScale[r];
        }
    }

    /// <summary>Reverse sweep after <see cref="Forward"/>: leaves wValue^T dN/dx in _activationAdjoints[0] (x being
    /// the normalised input) and each layer's pre-activation adjoint in _preActivationAdjoints.</summary>
    private void Backward(ReadOnlySpan<double> wValue)
    {
        int layers = _weights.Length;
        var top = _preActivationAdjoints[layers - 1];
        for (int r = 0; r < OutputLength; r++)
        {
            top[r] = wValue[r] * _outputScale[r];
        }

        for (int l = layers - 1; l >= 0; l--)
        {
            TransposedLinear(l, _preActivationAdjoints[l], _activationAdjoints[l]);
            if (l > 0)
            {
                var a = _preActivations[l - 1];
                var hBar = _activationAdjoints[l];
                var aBar = _preActivationAdjoints[l - 1];
                for (int r = 0; r < a.Length; r++)
                {
                    Activate(a[r], out double slope);
                    aBar[r] = slope * hBar[r];
                }
            }
        }
    }

    /// <summary>y = W_l x + b_l.</summary>
    private void Affine(int l, ReadOnlySpan<double> x, Span<double> y)
    {
        var w = _weights[l];
        var b = _biases[l];
        int n = x.Length;
        for (int r = 0; r < y.Length; r++)
        {
            y[r] = b[r] + Dot(w.AsSpan(r * n, n), x);
        }
    }

    /// <summary>y = W_l x.</summary>
    private void Linear(int l, ReadOnlySpan<double> x, Span<double> y)
    {
        var w = _weights[l];
        int n = x.Length;
        for (int r = 0; r < y.Length; r++)
        {
            y[r] = Dot(w.AsSpan(r * n, n), x);
        }
    }

    /// <summary>x = W_l^T y.</summary>
    private void TransposedLinear(int l, ReadOnlySpan<double> y, Span<double> x)
    {
        var w = _weights[l];
        int n = x.Length;
        x.Clear();
        for (int r = 0; r < y.Length; r++)
        {
            double yr = y[r];
            var row = w.AsSpan(r * n, n);
            for (int c = 0; c < n; c++)
            {
                x[c] += row[c] * yr;
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => LieInter.Generated.Kernels.Dot(a, b);

    private double Activate(double a, out double slope)
    {
        if (Options.Activation == MlpActivation.Tanh)
        {
            double t = Math.Tanh(a);
            slope = 1.0 - t * t;
            return t;
        }

        // Softplus in the overflow-free form max(a, 0) + log1p(e^-|a|); its slope is the logistic function.
        double e = Math.Exp(-Math.Abs(a));
        slope = a >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        return Math.Max(a, 0.0) + Log1p(e);
    }

    /// <summary>log(1 + e) accurate for small e (Goldberg's trick; double.LogP1 is log(1 + e) as written).</summary>
    private static double Log1p(double e)
    {
        double u = 1.0 + e;
        return u == 1.0 ? e : Math.Log(u) * e / (u - 1.0);
    }

    /// <summary>The network in torch ops (same formulas as the hot path), for autograd.</summary>
    private Tensor TorchForward(Tensor x)
    {
        int layers = _weights.Length;
        var h = x;
        for (int l = 0; l < layers; l++)
        {
            var a = nn.functional.linear(h, _parameters[2 * l], _parameters[2 * l + 1]);
            if (l == layers - 1)
            {
                var scale = tensor(_outputScale, ScalarType.Float64);
                return a.mul(scale);
            }

            h = Options.Activation == MlpActivation.Tanh ? a.tanh() : a.relu().add(a.abs().neg().exp().log1p());
        }

        throw new UnreachableException();
    }

    /// <summary>The parameter's gradient tensor, created as zeros when an optimiser reset it to none.</summary>
    private static Tensor GradientOf(Parameter parameter)
    {
        var gradient = parameter.grad;
        if (gradient is not null)
        {
            return gradient;
        }

        using (var zeros = zeros_like(parameter))
        {
            parameter.grad = zeros;
        }

        return parameter.grad!;
    }

    /// <summary>Guards the gradient against a stale managed copy: someone changed the tensors in place without
    /// calling <see cref="ParametersChanged"/>, so the last solves used other weights than the gradient would.</summary>
    private void EnsureCopyMatchesTensors()
    {
        for (int l = 0; l < _weights.Length; l++)
        {
            if (!MemoryMarshal.Cast<byte, double>(_parameters[2 * l].bytes).SequenceEqual(_weights[l]) ||
                !MemoryMarshal.Cast<byte, double>(_parameters[2 * l + 1].bytes).SequenceEqual(_biases[l]))
            {
                throw new InvalidOperationException(
                    $"The MLP's layer-{l} tensors differ from the copy Evaluate, Jvp and Vjp used: they were changed without a call to " +
                    "ParametersChanged(). Call it after modifying Parameters outside AdamTrainer and WriteParameters.");
            }
        }
    }

    private void RefreshWeights()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_weightsStale)
        {
            return;
        }

        for (int l = 0; l < _weights.Length; l++)
        {
            MemoryMarshal.Cast<byte, double>(_parameters[2 * l].bytes).CopyTo(_weights[l]);
            MemoryMarshal.Cast<byte, double>(_parameters[2 * l + 1].bytes).CopyTo(_biases[l]);
        }

        _weightsStale = false;
    }

    /// <summary>PyTorch's default Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases,
    /// drawn from a SplitMix64 stream so it is reproducible without torch; the output layer is scaled by
    /// <see cref="MlpOptions.OutputInitScale"/>.</summary>
    private void InitialiseWeights()
    {
        ulong state = Options.Seed;
        for (int l = 0; l < _weights.Length; l++)
        {
            double bound = 1.0 / Math.Sqrt(_widths[l]);
            double factor = l == _weights.Length - 1 ? Options.OutputInitScale : 1.0;
            foreach (var array in new[] { _weights[l], _biases[l] })
            {
                for (int i = 0; i < array.Length; i++)
                {
                    array[i] = factor * bound * (2.0 * NextUniform(ref state) - 1.0);
                }
            }
        }
    }

    private static double NextUniform(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static Parameter NewParameter(double[] values, long[] shape)
    {
        // Parameters outlive any dispose scope the caller may have open.
        var data = tensor(values, shape, ScalarType.Float64);
        var parameter = new Parameter(data, requires_grad: true);
        parameter.DetachFromDisposeScope();
        data.DetachFromDisposeScope();

        // A gradient tensor from the start, so accumulation and optimisers never meet a missing one.
        using var gradient = zeros_like(parameter);
        parameter.grad = gradient;
        return parameter;
    }

    private static double[] Fixed(IReadOnlyList<double>? values, int length, double fallback, string name, bool mustBeNonzero)
    {
        if (values is null)
        {
            return Enumerable.Repeat(fallback, length).ToArray();
        }

        if (values.Count != length)
        {
            throw new ArgumentException($"MlpOptions.{name} has {values.Count} entries; expected {length}.", name);
        }

        for (int i = 0; i < length; i++)
        {
            if (!double.IsFinite(values[i]) || (mustBeNonzero && values[i] == 0.0))
            {
                throw new ArgumentException($"MlpOptions.{name}[{i}] is {values[i]}; it must be finite{(mustBeNonzero ? " and nonzero" : "")}.", name);
            }
        }

        return values.ToArray();
    }

    private void CheckLengths(ReadOnlySpan<double> parents, Span<double> value)
    {
        CheckLength(parents, InputLength, nameof(parents));
        CheckLength(value, OutputLength, nameof(value));
    }

    private static void CheckLength(ReadOnlySpan<double> span, int expected, string name)
    {
        if (span.Length != expected)
        {
            throw new ArgumentException($"{name} has length {span.Length}; expected {expected}.", name);
        }
    }

    private static void Add(ReadOnlySpan<double> source, Span<double> target)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
