using System.Runtime.InteropServices;
using LieInter.Optimization;
using TorchSharp;
using TorchSharp.Modules;

namespace LieInter.Torch;

/// <summary>
/// torch's Adam on the parameters of one or more <see cref="ITorchTrainable"/>s, driven by gradients computed
/// outside torch's autograd graph: accumulate them (for example <see cref="MlpAssignment.AccumulateParameterGradient(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
/// after an adjoint solve) or pass a flat gradient to <see cref="Step(ReadOnlySpan{double})"/>, then step. Each step
/// tells the trainables their parameters changed. Deterministic: the update is elementwise and runs on one thread.
/// </summary>
public sealed class AdamTrainer : IDisposable
{
    private readonly ITorchTrainable[] _trainables;
    private readonly Parameter[] _parameters;
    private readonly Adam _adam;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "One trainable or a list of them; no call can bind to both.")]
    public AdamTrainer(ITorchTrainable trainable, AdamOptions? options = null)
        : this([trainable], options)
    {
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "One trainable or a list of them; no call can bind to both.")]
    public AdamTrainer(IReadOnlyList<ITorchTrainable> trainables, AdamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainables);
        if (trainables.Count == 0 || trainables.Any(t => t is null))
        {
            throw new ArgumentException("AdamTrainer needs at least one trainable and no nulls.", nameof(trainables));
        }

        Options = options ?? new AdamOptions();
        Options.Validate();
        TorchRuntime.EnsureInitialized(Math.Max(1, TorchRuntime.Threads));
        _trainables = trainables.ToArray();
        _parameters = _trainables.SelectMany(t => t.Parameters).ToArray();
        ParameterCount = _trainables.Sum(t => t.ParameterCount);
        _adam = torch.optim.Adam(_parameters, Options.LearningRate, Options.Beta1, Options.Beta2, Options.Epsilon, Options.WeightDecay);
    }

    public AdamOptions Options { get; }

    /// <summary>Length of the flat gradient: the trainables' parameters one after the other.</summary>
    public int ParameterCount { get; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Sets every parameter's gradient to zero (call before accumulating the next batch).</summary>
    public void ZeroGradient()
    {
        foreach (var p in _parameters)
        {
            using var g = p.grad;
            g?.zero_();
        }
    }

    /// <summary>One Adam step with the gradients accumulated in the parameters' <c>grad</c>.</summary>
    public void Step()
    {
        foreach (var p in _parameters)
        {
            using var g = p.grad;
            if (g is null)
            {
                throw new InvalidOperationException("A parameter has no gradient: accumulate one (or call Step with a flat gradient) before stepping.");
            }

            foreach (double v in MemoryMarshal.Cast<byte, double>(g.bytes))
            {
                if (!double.IsFinite(v))
                {
                    throw new InvalidOperationException($"The accumulated gradient contains {v}; refusing to step.");
                }
            }
        }

        if (Options.MaxGradientNorm is double maxNorm)
        {
            torch.nn.utils.clip_grad_norm_(_parameters, maxNorm, 2.0);
        }

        using (torch.no_grad())
        {
            _adam.step();
        }

        Steps++;
        foreach (var t in _trainables)
        {
            t.ParametersChanged();
        }
    }

    /// <summary>Writes <paramref name="gradient"/> (laid out like the trainables' flat parameter vectors, one after the
    /// other) into the parameters' <c>grad</c>, replacing what was there, and steps.</summary>
    public void Step(ReadOnlySpan<double> gradient)
    {
        if (gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"gradient has length {gradient.Length}; expected {ParameterCount}.", nameof(gradient));
        }

        int offset = 0;
        foreach (var p in _parameters)
        {
            int n = (int)p.numel();
            var g = p.grad;
            if (g is null)
            {
                p.grad = torch.zeros_like(p).DetachFromDisposeScope();
                g = p.grad!;
            }

            gradient.Slice(offset, n).CopyTo(MemoryMarshal.Cast<byte, double>(g.bytes));
            g.Dispose();
            offset += n;
        }

        Step();
    }

    public void Dispose() => _adam.Dispose();
}
