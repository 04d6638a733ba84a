namespace LieInter.Optimization;

/// <summary>A term with a smoothing width that continuation can shrink.</summary>
public interface ISmoothedTerm : IObjectiveTerm
{
    /// <summary>Smoothing width w &gt;= 0 in the term's own units (0: exact, with a subgradient at kinks).</summary>
    double SmoothingWidth { get; set; }
}
