namespace LieInter.Solvers;

/// <summary>
/// Restarted GMRES (Saad and Schultz) for A z = b with a matrix-free operator: modified Gram-Schmidt Arnoldi,
/// Givens rotations, restart length k. Converges when ||b - A z||_2 &lt;= atol + rtol ||b||_2.
/// </summary>
public sealed class Gmres
{
    private double[] _basis = [];
    private double[] _w = [];
    private double[] _hess = [];
    private double[] _cs = [];
    private double[] _sn = [];
    private double[] _s = [];
    private double[] _y = [];

    public Gmres(int restart = 40)
    {
        if (restart < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(restart), restart, "GMRES restart length must be at least 1.");
        }

        Restart = restart;
    }

    public int Restart { get; }

    /// <summary>Solves A z = b from the initial guess in <paramref name="z"/>. <paramref name="operatorName"/> names
    /// the system in the report.</summary>
    // Optimised at the first call: the first solves of a process otherwise iterate in unoptimised code, which also
    // misleads the policy's measured cost per iteration.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool TrySolve(LinearOperator a, ReadOnlySpan<double> b, Span<double> z, SolverOptions options, out SolveReport report, string operatorName = "GMRES")
    {
        int n = b.Length;
        int k = Math.Min(Restart, Math.Max(n, 1));
        Ensure(n, k);
        var monitor = new SolveMonitor(SolverKind.Gmres, $"{operatorName} (restart {k})", options);
        double bNorm = Vec.Norm(b);
        var r = _w.AsSpan(0, n);
        while (true)
        {
            // r = b - A z
            a(z, r);
            monitor.JacobianVectorProducts++;
            for (int i = 0; i < n; i++)
            {
                r[i] = b[i] - r[i];
            }

            double beta = Vec.Norm(r);
            var stop = monitor.Observe(beta, bNorm);
            if (stop is { } reason)
            {
                report = monitor.Report(reason);
                return reason == SolveExitReason.Converged;
            }

            var v0 = _basis.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                v0[i] = r[i] / beta;
            }

            Array.Clear(_s);
            _s[0] = beta;
            int j = 0;
            double threshold = options.Threshold(bNorm);
            for (; j < k; j++)
            {
                var vj = _basis.AsSpan(j * n, n);
                var w = _basis.AsSpan((j + 1) * n, n);
                a(vj, w);
                monitor.JacobianVectorProducts++;
                for (int i = 0; i <= j; i++)
                {
                    var vi = _basis.AsSpan(i * n, n);
                    double hij = Vec.Dot(w, vi);
                    _hess[i * k + j] = hij;
                    Vec.Axpy(-hij, vi, w);
                }

                double hNext = Vec.Norm(w);
                if (hNext > 0)
                {
                    for (int i = 0; i < n; i++)
                    {
                        w[i] /= hNext;
                    }
                }

                // Apply previous rotations to column j, then a new one to annihilate hNext.
                for (int i = 0; i < j; i++)
                {
                    double t = _cs[i] * _hess[i * k + j] + _sn[i] * _hess[(i + 1) * k + j];
                    _hess[(i + 1) * k + j] = -_sn[i] * _hess[i * k + j] + _cs[i] * _hess[(i + 1) * k + j];
                    _hess[i * k + j] = t;
                }

                double hjj = _hess[j * k + j];
                double denom = double.Hypot(hjj, hNext);
                _cs[j] = denom == 0 ? 1 : hjj / denom;
                _sn[j] = denom == 0 ? 0 : hNext / denom;
                _hess[j * k + j] = denom;
                _s[j + 1] = -_sn[j] * _s[j];
                _s[j] = _cs[j] * _s[j];
                monitor.Iterations++;
                if (Math.Abs(_s[j + 1]) <= threshold || hNext == 0 || monitor.Iterations >= options.MaxIterations)
                {
                    j++;
                    break;
                }
            }

            // Back substitution for y, then z += V y.
            for (int i = j - 1; i >= 0; i--)
            {
                double t = _s[i];
                for (int c = i + 1; c < j; c++)
                {
                    t -= _hess[i * k + c] * _y[c];
                }

                _y[i] = t / _hess[i * k + i];
            }

            for (int i = 0; i < j; i++)
            {
                Vec.Axpy(_y[i], _basis.AsSpan(i * n, n), z);
            }
        }
    }

    private void Ensure(int n, int k)
    {
        if (_basis.Length < (k + 1) * n)
        {
            _basis = new double[(k + 1) * n];
        }

        if (_w.Length < n)
        {
            _w = new double[n];
        }

        if (_hess.Length < (k + 1) * k)
        {
            _hess = new double[(k + 1) * k];
            _cs = new double[k];
            _sn = new double[k];
            _s = new double[k + 1];
            _y = new double[k];
        }
    }
}
