namespace LieInter.Torch;

/// <summary>Shape and initialisation of an <see cref="MlpAssignment"/>.</summary>
public sealed record MlpOptions
{
    /// <summary>Widths of the hidden layers; two by default, as in the paper's Appendix D.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [32, 32];

    public MlpActivation Activation { get; init; } = MlpActivation.Tanh;

    /// <summary>Seed of the weight initialisation (a SplitMix64 stream, independent of torch's generator).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Factor on the output layer's initial weights and bias. 0 makes the network start as the zero
    /// function, so a residual <see cref="MlpAssignment"/> starts exactly at its baseline (the unintervened
    /// assignment or a parent); a small value starts it near the baseline.</summary>
    public double OutputInitScale { get; init; } = 1.0;

    /// <summary>Fixed input normalisation: the network sees (parents - InputShift) / InputScale. Null means 0 and 1.
    /// Lengths must equal the parent length.</summary>
    public IReadOnlyList<double>? InputShift { get; init; }

    /// <summary>See <see cref="InputShift"/>; entries must be finite and nonzero.</summary>
    public IReadOnlyList<double>? InputScale { get; init; }

    /// <summary>Fixed per-output factor on the network's output (before the baseline is added). Null means 1.</summary>
    public IReadOnlyList<double>? OutputScale { get; init; }
}
