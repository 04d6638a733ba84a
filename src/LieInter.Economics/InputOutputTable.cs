using System.Globalization;
using System.Text;
using LieInter.LinearAlgebra;

namespace LieInter.Economics;

/// <summary>
/// An environmentally extended input-output table: sectors, technical coefficients A (row i = supplying sector,
/// column j = using sector: A[i, j] is the input from i per unit of output of j), final demand y (total and by
/// category), optionally the reported gross output x, and satellite accounts (stressors) as intensities per unit of
/// output. Immutable; validated on construction (shapes, finite values, nonnegative output, rho(A) &lt; 1).
/// </summary>
public sealed class InputOutputTable
{
    private readonly double[] _a;
    private readonly double[] _y;
    private readonly double[]? _x;
    private readonly Stressor[] _stressors;
    private readonly FinalDemandCategory[] _categories;
    private readonly Lazy<LeontiefSolver> _solver;
    private readonly Lazy<double[]> _output;
    private readonly Lazy<string[]> _regions;
    private readonly Lazy<string?[]> _categoryRegions;
    private SpectralRadiusEstimate? _spectralRadius;

    /// <param name="name">Human-readable name, e.g. "WIOD 2016 NIOT DEU 2014".</param>
    /// <param name="region">Region or regions, e.g. "DEU" or "US-CA + RoUS".</param>
    /// <param name="year">Reference year, when there is one.</param>
    /// <param name="sectors">Sectors in matrix order.</param>
    /// <param name="technicalCoefficients">A as a row-major n x n array (index i * n + j).</param>
    /// <param name="finalDemand">Total final demand by sector (same order as the rows of A).</param>
    /// <param name="monetaryUnit">Unit of monetary flows and output, e.g. "million USD".</param>
    /// <param name="priceBasis">Price concept, e.g. "current prices, basic prices".</param>
    /// <param name="stressors">Satellite rows; names must be unique and their output unit must be <paramref name="monetaryUnit"/>.</param>
    /// <param name="finalDemandCategories">Categories of final demand; they must add up to <paramref name="finalDemand"/>.</param>
    /// <param name="reportedOutput">Gross output as published, when the source has it.</param>
    /// <param name="source">File or folder the data came from; used in error messages.</param>
    /// <param name="notes">Provenance notes and data caveats found while loading.</param>
    /// <param name="checkSpectralRadius">Certify rho(A) &lt; 1 (on by default; loaders always check).</param>
    public InputOutputTable(
        string name,
        string region,
        int? year,
        IReadOnlyList<Sector> sectors,
        double[] technicalCoefficients,
        double[] finalDemand,
        string monetaryUnit,
        string priceBasis,
        IReadOnlyList<Stressor>? stressors = null,
        IReadOnlyList<FinalDemandCategory>? finalDemandCategories = null,
        double[]? reportedOutput = null,
        string? source = null,
        IReadOnlyList<string>? notes = null,
        bool checkSpectralRadius = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(sectors);
        ArgumentNullException.ThrowIfNull(technicalCoefficients);
        ArgumentNullException.ThrowIfNull(finalDemand);
        ArgumentNullException.ThrowIfNull(monetaryUnit);
        ArgumentNullException.ThrowIfNull(priceBasis);
        Name = name;
        Region = region;
        Year = year;
        Source = source ?? name;
        MonetaryUnit = monetaryUnit;
        PriceBasis = priceBasis;
        Sectors = sectors.ToArray();
        Notes = notes?.ToArray() ?? Array.Empty<string>();
        int n = Sectors.Count;
        _a = (double[])technicalCoefficients.Clone();
        _y = (double[])finalDemand.Clone();
        _x = reportedOutput is null ? null : (double[])reportedOutput.Clone();
        _stressors = stressors?.ToArray() ?? Array.Empty<Stressor>();
        _categories = finalDemandCategories?.ToArray() ?? Array.Empty<FinalDemandCategory>();
        Validate(n);
        _spectralRadius = checkSpectralRadius ? CheckSpectralRadius(n) : null;
        _solver = new Lazy<LeontiefSolver>(() => new LeontiefSolver(_a, n));
        _output = new Lazy<double[]>(() => _x ?? Leontief.SolveQuantities(_y));
        _regions = new Lazy<string[]>(() => Enumerable.Range(0, n).Select(SectorRegion).Distinct(StringComparer.Ordinal).ToArray());
        _categoryRegions = new Lazy<string?[]>(() => _categories.Select(ResolveCategoryRegion).ToArray());
    }

    public string Name { get; }

    public string Region { get; }

    public int? Year { get; }

    public IReadOnlyList<Sector> Sectors { get; }

    public int SectorCount => Sectors.Count;

    /// <summary>Unit of flows, final demand and output, e.g. "million USD".</summary>
    public string MonetaryUnit { get; }

    public string PriceBasis { get; }

    /// <summary>The file or folder the table was loaded from (or its name when built in code).</summary>
    public string Source { get; }

    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The certified bound on rho(A) and the method used: found at construction, or on first use when the
    /// constructor was told not to check (then it is not guaranteed to be below 1).
    /// </summary>
    public SpectralRadiusEstimate SpectralRadius => _spectralRadius ??= LieInter.LinearAlgebra.SpectralRadius.Certify(_a, SectorCount);

    /// <summary>A in row-major order: entry (i, j) at i * n + j.</summary>
    public ReadOnlySpan<double> TechnicalCoefficients => _a;

    /// <summary>A[i, j]: input from sector <paramref name="supplier"/> per unit of output of sector <paramref name="user"/>.</summary>
    public double Coefficient(int supplier, int user) => _a[supplier * SectorCount + user];

    public double[,] TechnicalCoefficientsArray()
    {
        int n = SectorCount;
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                r[i, j] = _a[i * n + j];
            }
        }

        return r;
    }

    public ReadOnlySpan<double> FinalDemand => _y;

    public IReadOnlyList<FinalDemandCategory> FinalDemandCategories => _categories;

    public bool HasReportedOutput => _x is not null;

    /// <summary>Gross output as published; empty when the source has none (see <see cref="HasReportedOutput"/>).</summary>
    public ReadOnlySpan<double> ReportedOutput => _x;

    /// <summary>Reported output when available, else x = (I - A)^-1 y.</summary>
    public ReadOnlySpan<double> Output => _output.Value;

    public LeontiefSolver Leontief => _solver.Value;

    public IReadOnlyList<Stressor> Stressors => _stressors;

    /// <summary>
    /// The regions of the sectors, each once, in order of first appearance (one entry for a single-region table). A
    /// sector with a blank region belongs to <see cref="Region"/>.
    /// </summary>
    public IReadOnlyList<string> Regions => _regions.Value;

    /// <summary>
    /// The region whose final demand category <paramref name="category"/> (an index into
    /// <see cref="FinalDemandCategories"/>) is: the category's own <see cref="FinalDemandCategory.Region"/> when the
    /// source gave one; else, on a table with one region, that region; else the part of a "region/category" name before
    /// the first '/' when it is one of <see cref="Regions"/> (pymrio's naming, for tables built in code).
    /// </summary>
    /// <exception cref="InputOutputDataException">A multi-region table's category has no region and no such name.</exception>
    public string FinalDemandRegion(int category)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(category);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(category, _categories.Length);
        return _categoryRegions.Value[category]
            ?? throw new InputOutputDataException($"final-demand category '{_categories[category].Name}' has no region, and the table has several ({InputOutputDataException.ListNames(Regions)}); give the category a region or name it 'region/category'.", Source);
    }

    /// <summary>
    /// The regions of final demand, each once, in order of first appearance among the categories (see
    /// <see cref="FinalDemandRegion"/>). A single-region table without categories has its one region.
    /// </summary>
    /// <exception cref="InputOutputDataException">Final demand of a multi-region table cannot be attributed to regions.</exception>
    public IReadOnlyList<string> FinalDemandRegions()
    {
        if (_categories.Length == 0)
        {
            return Regions.Count == 1
                ? Regions
                : throw new InputOutputDataException($"final demand is not split into categories, so it cannot be attributed to the table's regions ({InputOutputDataException.ListNames(Regions)}).", Source);
        }

        return Enumerable.Range(0, _categories.Length).Select(FinalDemandRegion).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The region of sector <paramref name="i"/>: its own, or the table's when blank.</summary>
    internal string SectorRegion(int i) => Sectors[i].Region.Length > 0 ? Sectors[i].Region : Region;

    /// <summary>The region of final demand of a category, or null when it cannot be told (see <see cref="FinalDemandRegion"/>).</summary>
    internal string? TryFinalDemandRegion(int category) => _categoryRegions.Value[category];

    /// <summary>x = (I - A)^-1 y for the table's own final demand.</summary>
    public double[] SolveOutput() => Leontief.SolveQuantities(_y);

    public double[] SolveOutput(ReadOnlySpan<double> finalDemand) => Leontief.SolveQuantities(finalDemand);

    /// <summary>Prices p = (I - A^T)^-1 v for primary-input cost v per unit of output (all 1 when v = value-added shares).</summary>
    public double[] SolvePrices(ReadOnlySpan<double> valueAddedPerUnit) => Leontief.SolvePrices(valueAddedPerUnit);

    /// <summary>
    /// L = (I - A)^-1 as an n x n array (L[i, j] = output of i per unit of final demand for j), one solve per column
    /// with the table's LU. It holds n^2 numbers: meant for small tables and checks; footprints and block solves apply L
    /// by solving and never form it.
    /// </summary>
    public double[,] LeontiefInverse()
    {
        int n = SectorCount;
        var l = new double[n, n];
        var unit = new double[n];
        for (int j = 0; j < n; j++)
        {
            unit[j] = 1;
            var column = Leontief.SolveQuantities(unit);
            unit[j] = 0;
            for (int i = 0; i < n; i++)
            {
                l[i, j] = column[i];
            }
        }

        return l;
    }

    /// <summary>Index of a sector by region-qualified key ("US-CA/111CA") or by code when the code is unique.</summary>
    public int IndexOfSector(string codeOrKey)
    {
        for (int i = 0; i < Sectors.Count; i++)
        {
            if (Sectors[i].Key == codeOrKey)
            {
                return i;
            }
        }

        int found = -1;
        for (int i = 0; i < Sectors.Count; i++)
        {
            if (Sectors[i].Code == codeOrKey)
            {
                if (found >= 0)
                {
                    throw new InputOutputDataException($"sector code '{codeOrKey}' occurs in more than one region; use a region-qualified key such as '{Sectors[found].Key}'.", Source);
                }

                found = i;
            }
        }

        return found >= 0
            ? found
            : throw new InputOutputDataException($"no sector '{codeOrKey}'. Available: {InputOutputDataException.ListNames(Sectors.Select(s => s.Code))}.", Source);
    }

    /// <summary>
    /// The stressor with this name: exact match on name or alias first, then a unique case-insensitive match (also on
    /// "group:name"). The error lists the available names.
    /// </summary>
    public Stressor GetStressor(string name) => TryGetStressor(name, out var s)
        ? s
        : throw new InputOutputDataException($"no stressor named '{name}'. Available: {InputOutputDataException.ListNames(_stressors.Select(x => x.Name))}.", Source);

    public bool TryGetStressor(string name, out Stressor stressor)
    {
        var exact = _stressors.Where(s => s.Matches(name)).ToList();
        if (exact.Count == 0)
        {
            exact = _stressors.Where(s => s.MatchesIgnoreCase(name)).ToList();
        }

        if (exact.Count > 1)
        {
            throw new InputOutputDataException($"stressor name '{name}' is ambiguous: {InputOutputDataException.ListNames(exact.Select(s => s.Group is null ? s.Name : $"{s.Group}:{s.Name}"))}.", Source);
        }

        stressor = exact.Count == 1 ? exact[0] : null!;
        return exact.Count == 1;
    }

    /// <summary>Intensity vector (per unit of output) of the named stressor, as a copy.</summary>
    public double[] Intensity(string stressorName) => GetStressor(stressorName).ToArray();

    /// <summary>Total of the named stressor at the table's output (reported, else solved): R x.</summary>
    public Quantity StressorTotal(string stressorName) => GetStressor(stressorName).Total(Output);

    public Quantity StressorTotal(string stressorName, ReadOnlySpan<double> output) => GetStressor(stressorName).Total(output);

    /// <summary>R x for every stressor, at the table's output.</summary>
    public IReadOnlyList<(Stressor Stressor, Quantity Total)> StressorTotals() => _stressors.Select(s => (s, s.Total(Output))).ToList();

    /// <summary>
    /// GHG in CO2 equivalents from named stressor rows and explicit GWP factors: sum over rows of GWP(gas) times the
    /// row, converted to the mass unit of the first row. The result's unit is "(mass) CO2-eq" and its description
    /// prints the factors used.
    /// </summary>
    /// <param name="gwp">The factors (e.g. <see cref="GwpFactors.Ar5Gwp100"/>).</param>
    /// <param name="rows">Pairs (stressor name, gas key in <paramref name="gwp"/>), e.g. ("CH4_emission", "CH4").</param>
    /// <param name="resultName">Name of the new stressor.</param>
    public Stressor CharacteriseGhg(GwpFactors gwp, IEnumerable<(string Stressor, string Gas)> rows, string resultName = "GHG")
    {
        ArgumentNullException.ThrowIfNull(rows);
        return GhgCharacterisation.Characterise(gwp, rows.Select(r => (GetStressor(r.Stressor), r.Gas)), resultName, Source);
    }

    /// <summary>Sum of named stressor rows that share one unit (e.g. employees + self-employed = employment).</summary>
    public Stressor SumStressors(string resultName, params string[] names)
    {
        if (names.Length == 0)
        {
            throw new ArgumentException("Name at least one stressor row to sum.", nameof(names));
        }

        var rows = names.Select(GetStressor).ToList();
        var units = rows.Select(r => r.Unit.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (units.Count > 1)
        {
            throw new InputOutputDataException($"cannot sum stressors with different units: {string.Join(", ", rows.Select(r => $"'{r.Name}' [{r.Unit}]"))}.", Source);
        }

        var sum = new double[SectorCount];
        foreach (var r in rows)
        {
            var v = r.Intensity;
            for (int j = 0; j < sum.Length; j++)
            {
                sum[j] += v[j];
            }
        }

        return new Stressor(resultName, rows[0].Unit, MonetaryUnit, sum, $"sum of {string.Join(" + ", rows.Select(r => r.Name))}", "derived");
    }

    /// <summary>A copy of this table with extra stressors (names must stay unique).</summary>
    public InputOutputTable WithStressors(params Stressor[] added) => new(
        Name, Region, Year, Sectors, _a, _y, MonetaryUnit, PriceBasis, _stressors.Concat(added).ToList(), _categories, _x, Source, Notes);

    /// <summary>
    /// The leading principal sub-table of the first <paramref name="k"/> sectors (for dimension sweeps).
    /// </summary>
    public InputOutputTable LeadingBlock(int k, SubBlockDemand demand = SubBlockDemand.PreserveOutput)
    {
        int n = SectorCount;
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and {n}, got {k}.");
        }

        var keep = Enumerable.Range(0, k).ToArray();
        var categories = _categories.Select(c => c.WithValues(Restrict(c.Values, keep))).ToList();
        double[] a, y;
        double[]? x;
        string note;
        if (demand == SubBlockDemand.PreserveOutput)
        {
            (a, x, y, var moved) = PreserveOutputBlock(keep);
            if (categories.Count > 0)
            {
                categories.Add(new FinalDemandCategory($"deliveries to sectors {k + 1}..{n} (dropped)", moved));
            }

            note = $"leading block of the first {k} of {n} sectors; deliveries to the dropped sectors were moved to final demand, so output is preserved";
        }
        else
        {
            a = RestrictSquare(keep);
            y = Restrict(_y, keep);
            x = null;
            note = $"leading block of the first {k} of {n} sectors; final demand truncated, reported output dropped";
        }

        return new InputOutputTable(
            $"{Name} [first {k} sectors]", Region, Year, Sectors.Take(k).ToList(), a, y, MonetaryUnit, PriceBasis, RestrictStressors(keep), categories, x, Source, Notes.Append(note).ToList());
    }

    /// <summary>
    /// The single-region table of one region's domestic block, as a multi-regional table is studied one country at a
    /// time: A_rr, the region's sectors, its output x_r (as reported output), and final demand y_r = x_r - A_rr x_r, so
    /// the block reproduces x_r. That is the <see cref="SubBlockDemand.PreserveOutput"/> convention of
    /// <see cref="LeadingBlock"/>: every delivery to another region, intermediate or final, becomes final demand.
    /// Categories: the region's own final-demand categories (see <see cref="FinalDemandRegion"/>) restricted to its
    /// sectors, plus one "exports" category with the rest, so they add up to y_r. Stressor intensities are restricted to
    /// the region's sectors, so the block's stressor totals are the region's production-based totals.
    /// </summary>
    /// <param name="region">One of <see cref="Regions"/>.</param>
    /// <exception cref="InputOutputDataException">Unknown region (the message lists the known ones), or final demand that
    /// cannot be attributed to regions.</exception>
    public InputOutputTable RegionBlock(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (!Regions.Contains(region, StringComparer.Ordinal))
        {
            throw new InputOutputDataException($"no region '{region}'. Regions: {InputOutputDataException.ListNames(Regions)}.", Source);
        }

        int n = SectorCount;
        var keep = Enumerable.Range(0, n).Where(i => SectorRegion(i) == region).ToArray();
        var (a, x, y, moved) = PreserveOutputBlock(keep);
        var categories = new List<FinalDemandCategory>();
        if (_categories.Length > 0)
        {
            var exports = moved;
            for (int c = 0; c < _categories.Length; c++)
            {
                var values = Restrict(_categories[c].Values, keep);
                if (FinalDemandRegion(c) == region)
                {
                    categories.Add(new FinalDemandCategory(_categories[c].Name, values, region));
                    continue;
                }

                for (int i = 0; i < values.Length; i++)
                {
                    exports[i] += values[i];
                }
            }

            // No region: the consumers are abroad and mixed; as a single-region table the block has one final-demand region.
            categories.Add(new FinalDemandCategory("exports (deliveries to other regions, intermediate and final)", exports));
        }

        string note = $"domestic block of region {region} ({keep.Length} of {n} sectors); deliveries to other regions, intermediate and final, were moved to final demand as exports, so output is preserved";
        return new InputOutputTable(
            $"{Name} [{region} block]", region, Year, keep.Select(i => Sectors[i]).ToList(), a, y, MonetaryUnit, PriceBasis, RestrictStressors(keep), categories, x, Source, Notes.Append(note).ToList());
    }

    /// <summary>
    /// The inputs of the intervention-design job: A, y, output, the GHG intensity c and the employment intensity e,
    /// each selected by stressor name, with units.
    /// </summary>
    public LeontiefProblemData ToProblemData(string ghgStressor, string employmentStressor)
    {
        var c = GetStressor(ghgStressor);
        var e = GetStressor(employmentStressor);
        return new LeontiefProblemData(
            Name, Sectors, TechnicalCoefficientsArray(), _y.ToArray(), Output.ToArray(), c.Name, c.ToArray(), c.IntensityUnit, e.Name, e.ToArray(), e.IntensityUnit, MonetaryUnit);
    }

    /// <summary>A printable summary: sizes, units, stressors with their totals, spectral radius and notes.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{Name}");
        sb.AppendLine($"  region {Region}, year {(Year?.ToString(CultureInfo.InvariantCulture) ?? "n/a")}, {SectorCount} sectors, {MonetaryUnit}, {PriceBasis}");
        sb.AppendLine($"  source: {Source}");
        sb.AppendLine($"  final demand: {_y.Sum().ToString("G6", CultureInfo.InvariantCulture)} {MonetaryUnit}" + (_categories.Length > 0 ? $" in {_categories.Length} categories ({string.Join(", ", _categories.Select(c => c.Name))})" : string.Empty));
        sb.AppendLine($"  output: {Output.ToArray().Sum().ToString("G6", CultureInfo.InvariantCulture)} {MonetaryUnit} ({(HasReportedOutput ? "reported" : "solved from A and y")})");
        sb.AppendLine($"  {SpectralRadius}");
        foreach (var s in _stressors)
        {
            sb.AppendLine($"  stressor {s}: total {s.Total(Output)}");
        }

        foreach (var note in Notes)
        {
            sb.AppendLine($"  note: {note}");
        }

        return sb.ToString();
    }

    public override string ToString() => $"{Name} ({SectorCount} sectors, {MonetaryUnit})";

    /// <summary>
    /// A restricted to the kept sectors, their output x_k, and final demand y_k plus <c>Moved</c>, the deliveries from
    /// kept sectors to all the others at the table's output (Moved_i = sum over dropped j of A_ij x_j). Then
    /// y_k + Moved = x_k - A_kk x_k whenever the table balances, so the block reproduces x_k.
    /// </summary>
    private (double[] A, double[] X, double[] Y, double[] Moved) PreserveOutputBlock(int[] keep)
    {
        int n = SectorCount;
        var kept = new bool[n];
        foreach (int i in keep)
        {
            kept[i] = true;
        }

        var full = Output;
        var x = Restrict(full, keep);
        var y = Restrict(_y, keep);
        var moved = new double[keep.Length];
        for (int r = 0; r < keep.Length; r++)
        {
            int i = keep[r];
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                if (!kept[j])
                {
                    s += _a[i * n + j] * full[j];
                }
            }

            moved[r] = s;
            y[r] += s;
        }

        return (RestrictSquare(keep), x, y, moved);
    }

    private double[] RestrictSquare(int[] keep)
    {
        int n = SectorCount;
        int k = keep.Length;
        var a = new double[k * k];
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < k; c++)
            {
                a[r * k + c] = _a[keep[r] * n + keep[c]];
            }
        }

        return a;
    }

    private List<Stressor> RestrictStressors(int[] keep) => _stressors.Select(s => s.WithIntensity(Restrict(s.Intensity, keep))).ToList();

    private static double[] Restrict(ReadOnlySpan<double> v, int[] keep)
    {
        var r = new double[keep.Length];
        for (int k = 0; k < keep.Length; k++)
        {
            r[k] = v[keep[k]];
        }

        return r;
    }

    private string? ResolveCategoryRegion(FinalDemandCategory c)
    {
        if (c.Region is not null)
        {
            return c.Region;
        }

        var regions = Regions;
        if (regions.Count == 1)
        {
            return regions[0];
        }

        // The one place a region is read from a name: "region/category" as pymrio's loader names multi-region columns.
        int slash = c.Name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && regions.Contains(c.Name[..slash], StringComparer.Ordinal) ? c.Name[..slash] : null;
    }

    private void Validate(int n)
    {
        if (n == 0)
        {
            throw new InputOutputDataException("the table has no sectors.", Source);
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Sectors)
        {
            if (!keys.Add(s.Key))
            {
                throw new InputOutputDataException($"sector '{s.Key}' appears twice.", Source, rowLabel: s.Code);
            }
        }

        if (_a.Length != n * n)
        {
            int side = (int)Math.Round(Math.Sqrt(_a.Length));
            string shape = side * side == _a.Length ? $"{side} x {side}" : $"{_a.Length} entries";
            throw new InputOutputDataException($"A has {shape} but there are {n} sectors; A must be {n} x {n}.", Source);
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(_a[i * n + j]))
                {
                    throw new InputOutputDataException($"A[{Sectors[i].Code}, {Sectors[j].Code}] = {_a[i * n + j]} is not finite.", Source, i + 1, Sectors[j].Code, Sectors[i].Code);
                }
            }
        }

        CheckVector(_y, n, "final demand y");
        if (_x is not null)
        {
            // Negative output is legal here (USEEIO's used-goods sector has one); loaders reject it where they divide by it.
            CheckVector(_x, n, "reported output x");
        }

        foreach (var c in _categories)
        {
            CheckVector(c.Values, n, $"final-demand category '{c.Name}'");
        }

        if (_categories.Length > 0)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                double mag = Math.Abs(_y[i]);
                foreach (var c in _categories)
                {
                    sum += c.Values[i];
                    mag += Math.Abs(c.Values[i]);
                }

                if (Math.Abs(sum - _y[i]) > 1e-9 * Math.Max(mag, 1e-300) && Math.Abs(sum - _y[i]) > 1e-12)
                {
                    throw new InputOutputDataException($"final-demand categories add up to {sum} but total final demand is {_y[i]}.", Source, i + 1, rowLabel: Sectors[i].Code);
                }
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _stressors)
        {
            // Names are unique within a group; the same name in two groups (pymrio extensions) is looked up as "group:name".
            if (!names.Add((s.Group ?? string.Empty) + ":" + s.Name))
            {
                throw new InputOutputDataException($"stressor '{s.Name}' appears twice.", Source, rowLabel: s.Name);
            }

            if (s.Length != n)
            {
                throw new InputOutputDataException($"stressor '{s.Name}' has {s.Length} values but there are {n} sectors.", Source, rowLabel: s.Name);
            }

            if (!string.Equals(s.OutputUnit, MonetaryUnit, StringComparison.Ordinal))
            {
                throw new InputOutputDataException($"stressor '{s.Name}' is per '{s.OutputUnit}' but the table's output is in '{MonetaryUnit}'.", Source, rowLabel: s.Name);
            }

            var v = s.Intensity;
            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(v[j]))
                {
                    throw new InputOutputDataException($"stressor '{s.Name}' intensity {v[j]} is not finite.", Source, column: Sectors[j].Code, rowLabel: s.Name);
                }
            }
        }
    }

    private void CheckVector(ReadOnlySpan<double> v, int n, string what)
    {
        if (v.Length != n)
        {
            throw new InputOutputDataException($"{what} has {v.Length} entries but there are {n} sectors.", Source);
        }

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(v[i]))
            {
                throw new InputOutputDataException($"{what} = {v[i]} is not finite.", Source, i + 1, rowLabel: Sectors[i].Code);
            }
        }
    }

    private SpectralRadiusEstimate CheckSpectralRadius(int n)
    {
        var estimate = LieInter.LinearAlgebra.SpectralRadius.Certify(_a, n);
        if (!estimate.IsProductive)
        {
            string problem = estimate.Lower >= 1.0 || estimate.Lower == estimate.Upper
                ? string.Create(CultureInfo.InvariantCulture, $"the spectral radius of A is {(estimate.Lower == estimate.Upper ? "=" : ">=")} {estimate.Lower:G6} (>= 1), so I - A has no nonnegative inverse and x = (I - A)^-1 y is not an economy ({estimate.Method}).")
                : string.Create(CultureInfo.InvariantCulture, $"cannot certify that the spectral radius of A is below 1: upper bound {estimate.Upper:G6} ({estimate.Method}).");
            throw new InputOutputDataException(problem, Source);
        }

        return estimate;
    }
}
