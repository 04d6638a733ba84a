namespace LieInter.Optimization;

/// <summary>
/// A surrogate with one smoothing width that can be changed between optimiser runs (continuation). For every u,
/// |exact - surrogate| &lt;= <see cref="SmoothingErrorBound"/>; when the smoothed parts carry nonnegative weights
/// the surrogate lies in [exact - bound, exact].
/// </summary>
public interface ISmoothableFunction : ISurrogateFunction
{
    /// <summary>The smoothing width w of every smoothed part; 0 means exact (non-smooth) parts with subgradients.</summary>
    double SmoothingWidth { get; set; }

    /// <summary>Bound on exact minus surrogate at the current width, valid for every u.</summary>
    double SmoothingErrorBound { get; }
}
