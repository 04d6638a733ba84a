namespace LieInter.Optimization;

/// <summary>
/// Widths for <see cref="SmoothingContinuation"/>: w_0 = <see cref="InitialWidth"/>, w_{k+1} = w_k *
/// <see cref="ShrinkFactor"/>, ending with exactly <see cref="FinalWidth"/>.
/// </summary>
public sealed record ContinuationOptions
{
    public required double InitialWidth { get; init; }

    public required double FinalWidth { get; init; }

    public double ShrinkFactor { get; init; } = 0.1;

    /// <summary>Evaluation budget over all stages (each stage also obeys its optimiser's own budget).</summary>
    public int MaxTotalEvaluations { get; init; } = int.MaxValue;

    /// <summary>The widths in order.</summary>
    public IReadOnlyList<double> Widths()
    {
        if (!(FinalWidth > 0) || !(InitialWidth >= FinalWidth) || !double.IsFinite(InitialWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialWidth), $"Continuation needs 0 < final width <= initial width < infinity, got initial {InitialWidth} and final {FinalWidth}.");
        }

        if (!(ShrinkFactor > 0 && ShrinkFactor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ShrinkFactor), ShrinkFactor, "The shrink factor must lie strictly between 0 and 1.");
        }

        if (MaxTotalEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTotalEvaluations), MaxTotalEvaluations, "The evaluation budget must be positive.");
        }

        var widths = new List<double>();
        double w = InitialWidth;
        while (w > FinalWidth * (1 + 1e-12))
        {
            widths.Add(w);
            w *= ShrinkFactor;
        }

        widths.Add(FinalWidth);
        return widths;
    }
}
