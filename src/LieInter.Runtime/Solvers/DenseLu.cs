namespace LieInter.Solvers;

/// <summary>Which implementation factorises and solves.</summary>
internal enum DenseLuBackend
{
    /// <summary>LAPACK when one loads (<see cref="NativeLapack"/>), the managed LU otherwise.</summary>
    Automatic,

    /// <summary>LAPACK's dgetrf/dgetrs; refused when none loads.</summary>
    Native,

    /// <summary>The C# blocked LU (<see cref="ManagedLu"/>).</summary>
    Managed,
}

/// <summary>Dense LU factorisation with partial pivoting, reusable for solves with the matrix and its transpose. Used
/// by the direct solver for models affine in the state and by the adjoint of those models.</summary>
/// <remarks>
/// The row-major matrix A stored as it is reads as the column-major matrix M = A^T, so both backends factorise M
/// in LAPACK's layout without a transposed copy: P M = L U. Then A z = b is M^T z = b (dgetrs 'T') and
/// A^T z = b is M z = b (dgetrs 'N'). The pivoting is that of LAPACK on M (interchanges of A's columns).
/// Solves only read the factors, so concurrent solves with one factorisation are safe.
/// </remarks>
public sealed class DenseLu
{
    private readonly double[] _lu;
    private readonly int[] _pivot;

    /// <summary>Factorises the n x n row-major matrix <paramref name="matrix"/> (copied).</summary>
    public DenseLu(ReadOnlySpan<double> matrix, int n)
        : this(n, CheckedCopy(matrix, n), DenseLuBackend.Automatic)
    {
    }

    /// <summary>Factorises a copy of the n x n row-major <paramref name="matrix"/> with the chosen backend.</summary>
    internal DenseLu(ReadOnlySpan<double> matrix, int n, DenseLuBackend backend)
        : this(n, CheckedCopy(matrix, n), backend)
    {
    }

    /// <summary>Factorises the n x n row-major <paramref name="matrix"/> in place: the instance owns it from here on
    /// (callers that assemble a matrix only to factorise it save a copy of n^2 values).</summary>
    internal static DenseLu FactoriseInPlace(double[] matrix, int n, DenseLuBackend backend = DenseLuBackend.Automatic) =>
        new(n, matrix, backend);

    // Private, with n first, and reached through a named factory: an overload (double[], int, ...) would be picked
    // silently for array arguments meant to be copied, and overwrite them.
    private DenseLu(int n, double[] matrix, DenseLuBackend backend)
    {
        CheckShape(matrix.Length, n);
        if (backend == DenseLuBackend.Native && !NativeLapack.IsAvailable)
        {
            throw new InvalidOperationException($"The native dense LU was asked for, but {NativeLapack.Unavailable}.");
        }

        N = n;
        _lu = matrix;
        _pivot = new int[n];
        // Small orders go to the managed unblocked LU: LAPACK's call and blocking overhead dominates there (dgetrf
        // took 37 us at n = 56, the unblocked loop a fraction of that).
        Backend = backend == DenseLuBackend.Automatic
            ? (NativeLapack.IsAvailable && n > ManagedLu.UnblockedUpTo ? DenseLuBackend.Native : DenseLuBackend.Managed)
            : backend;
        Factorise();
    }

    public int N { get; }

    /// <summary>Smallest |U_kk| / largest |U_kk|: a cheap indicator of near-singularity (not a condition number).
    /// Zero when a pivot is exactly zero.</summary>
    public double PivotRatio { get; private set; }

    public bool IsSingular => !(PivotRatio > 1e-15);

    /// <summary>The implementation this factorisation used (<see cref="DenseLuBackend.Native"/> or
    /// <see cref="DenseLuBackend.Managed"/>).</summary>
    internal DenseLuBackend Backend { get; }

    /// <summary>LAPACK's 1-based row interchanges of M = A^T (interchanges of A's columns), in order.</summary>
    internal ReadOnlySpan<int> Pivots => _pivot;

    private static double[] CheckedCopy(ReadOnlySpan<double> matrix, int n)
    {
        CheckShape(matrix.Length, n);

        // Every entry is overwritten by the copy: skip zeroing n^2 values first.
        var copy = GC.AllocateUninitializedArray<double>(matrix.Length);
        matrix.CopyTo(copy);
        return copy;
    }

    private static void CheckShape(int length, int n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "A matrix dimension cannot be negative.");
        }

        if (length != (long)n * n)
        {
            throw new ArgumentException($"Expected {(long)n * n} entries for a {n} x {n} matrix, got {length}.", "matrix");
        }
    }

    private unsafe void Factorise()
    {
        int n = N;
        if (n == 0)
        {
            PivotRatio = 1;
            return;
        }

        int info;
        fixed (double* a = _lu)
        fixed (int* ipiv = _pivot)
        {
            // info > 0: U_kk is exactly zero, the factorisation is still complete and PivotRatio below says so;
            // callers check IsSingular rather than catch.
            info = Backend == DenseLuBackend.Native ? NativeLapack.Getrf(n, a, ipiv) : ManagedLu.Factor(a, n, ipiv);
        }

        double maxPivot = 0, minPivot = double.PositiveInfinity;
        for (int k = 0; k < n; k++)
        {
            double u = Math.Abs(_lu[k * (n + 1)]);
            maxPivot = Math.Max(maxPivot, u);
            minPivot = Math.Min(minPivot, u);
        }

        PivotRatio = info > 0 ? 0 : minPivot / Math.Max(maxPivot, double.Epsilon);
    }

    /// <summary>Solves A z = b in place (b becomes z).</summary>
    public unsafe void Solve(Span<double> b) => Run(b, lapackTranspose: true, &ManagedSolve);

    /// <summary>Solves A^T z = b in place.</summary>
    public unsafe void SolveTransposed(Span<double> b) => Run(b, lapackTranspose: false, &ManagedSolveTransposed);

    // The factors are stored row-major, which LAPACK reads as those of M = A^T: A z = b is its transposed solve.
    private unsafe void Run(Span<double> b, bool lapackTranspose, delegate*<double*, int*, double*, int, void> managed)
    {
        CheckRightHandSide(b);
        int n = N;
        if (n == 0)
        {
            return;
        }

        fixed (double* a = _lu)
        fixed (int* ipiv = _pivot)
        fixed (double* x = b)
        {
            if (Backend == DenseLuBackend.Native)
            {
                NativeLapack.Getrs(lapackTranspose, n, a, ipiv, x);
            }
            else
            {
                managed(a, ipiv, x, n);
            }
        }
    }

    // M^T z = U^T L^T P z = b. Column k of M's factors is row k of the stored array, so both triangular solves run
    // along contiguous rows: U^T y = b forward and L^T w = y backward, each a dot product.
    private static unsafe void ManagedSolve(double* a, int* ipiv, double* x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            double* col = a + (long)i * n;
            x[i] = (x[i] - ManagedLu.Dot(col, x, i)) / col[i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            x[i] -= ManagedLu.Dot(a + (long)i * n + i + 1, x + i + 1, n - i - 1);
        }

        for (int k = n - 1; k >= 0; k--)
        {
            int p = ipiv[k] - 1;
            if (p != k)
            {
                (x[k], x[p]) = (x[p], x[k]);
            }
        }
    }

    // M z = P^T L U z = b: interchanges, then L y = P b forward and U z = y backward, column by column (contiguous
    // rows of the stored array), each an axpy.
    private static unsafe void ManagedSolveTransposed(double* a, int* ipiv, double* x, int n)
    {
        for (int k = 0; k < n; k++)
        {
            int p = ipiv[k] - 1;
            if (p != k)
            {
                (x[k], x[p]) = (x[p], x[k]);
            }
        }

        for (int j = 0; j < n; j++)
        {
            double xj = x[j];
            if (xj != 0)
            {
                ManagedLu.Axpy(-xj, a + (long)j * n + j + 1, x + j + 1, n - j - 1);
            }
        }

        for (int j = n - 1; j >= 0; j--)
        {
            double* col = a + (long)j * n;
            double xj = x[j] /= col[j];
            if (xj != 0)
            {
                ManagedLu.Axpy(-xj, col, x, j);
            }
        }
    }

    private void CheckRightHandSide(Span<double> b)
    {
        if (b.Length != N)
        {
            throw new ArgumentException($"The right-hand side has {b.Length} entries; the matrix is {N} x {N}.", nameof(b));
        }
    }
}
