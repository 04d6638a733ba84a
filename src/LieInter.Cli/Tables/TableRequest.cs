using System.Globalization;
using LieInter.Economics;

namespace LieInter.Cli.Tables;

/// <summary>The tables of one invocation, validated: known countries and years, folders that exist.</summary>
public sealed class TableRequest
{
    public required string Dataset { get; init; }

    public string? Folder { get; init; }

    public string? Region { get; init; }

    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<int> Years { get; init; } = [];

    public string? DataRoot { get; init; }

    public IReadOnlyList<string>? Ghg { get; init; }

    public GwpFactors? Gwp { get; init; }

    public IReadOnlyList<string>? Employment { get; init; }

    private string Root => _root ??= ResolveRoot();

    private string? _root;

    private Dictionary<string, WiodDerivedCountry>? _wiod;

    /// <summary>Checks what can be checked without loading matrices: folders, countries and years.</summary>
    public void Check()
    {
        if (Folder is not null && !Directory.Exists(Folder))
        {
            throw new UsageException($"--{Dataset} {Folder}: folder not found");
        }

        if (Dataset == "wiod")
        {
            if (Countries.Count == 0 || Years.Count == 0)
            {
                throw new UsageException("name at least one WIOD country (--countries) and one year (--years)");
            }

            string derived = Path.Combine(Root, "wiod2016", "derived");
            var known = Directory.Exists(derived)
                ? Directory.GetFiles(derived, "*_sectors.csv").Select(f => Path.GetFileName(f)[..^"_sectors.csv".Length]).Order(StringComparer.Ordinal).ToList()
                : [];
            _wiod = new Dictionary<string, WiodDerivedCountry>();
            foreach (string country in Countries.Distinct())
            {
                if (!known.Contains(country))
                {
                    throw new UsageException($"unknown WIOD country '{country}'; the data have {(known.Count > 0 ? string.Join(", ", known) : "none (no wiod2016/derived folder in " + Root + ")")}");
                }

                var wiod = WiodDerivedCountry.Load(derived, country);
                foreach (int year in Years.Distinct())
                {
                    if (!wiod.Years.Contains(year))
                    {
                        throw new UsageException($"WIOD has no year {year.ToString(CultureInfo.InvariantCulture)} for {country}; years {wiod.Years.Min()}-{wiod.Years.Max()}");
                    }
                }

                _wiod[country] = wiod;
            }
        }
        else if (Dataset == "useeio" && !Directory.Exists(UseeioFolder))
        {
            throw new UsageException($"the USEEIO model is not in the data root: {UseeioFolder} not found");
        }
    }

    private string UseeioFolder => Path.Combine(Root, "useeio", "USEEIOv2.0.1-411");

    /// <summary>The tables, loaded one at a time (a sweep over many years holds one matrix at once).</summary>
    public IEnumerable<LoadedTable> Load()
    {
        switch (Dataset)
        {
            case "useeio":
                yield return new LoadedTable("USA", "USEEIO v2.0.1 2012", 2012, UseeioModel.Load(UseeioFolder));
                break;
            case "csv":
                var csv = EeioCsvFolder.Load(Folder!);
                yield return new LoadedTable(Group(csv), Labelled(csv), csv.Year, csv);
                break;
            case "pymrio":
                var full = PymrioFolder.Load(Folder!);
                yield return PymrioTable(full);
                break;
            default:
                foreach (string country in Countries)
                {
                    foreach (int year in Years)
                    {
                        yield return new LoadedTable(country, $"{country} {year.ToString(CultureInfo.InvariantCulture)}", year, _wiod![country].Table(year));
                    }
                }

                break;
        }
    }

    /// <summary>How many tables <see cref="Load"/> yields.</summary>
    public int Count => Dataset == "wiod" ? Countries.Count * Years.Count : 1;

    private LoadedTable PymrioTable(InputOutputTable full)
    {
        if (Region is null || Region.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return new LoadedTable(full.Regions.Count > 1 ? "all regions" : full.Region, $"pymrio {string.Join("+", full.Regions)}", full.Year, full);
        }

        if (!full.Regions.Contains(Region))
        {
            throw new UsageException($"--region {Region}: the pymrio table has regions {string.Join(", ", full.Regions)} (or 'all')");
        }

        var block = full.RegionBlock(Region);
        return new LoadedTable(Region, $"pymrio {Region}", block.Year, block);
    }

    private static string Group(InputOutputTable t) => t.Region.Length > 0 ? t.Region : t.Name;

    private static string Labelled(InputOutputTable t) => t.Year is int y ? $"{Group(t)} {y.ToString(CultureInfo.InvariantCulture)}" : Group(t);

    private string ResolveRoot()
    {
        if (DataRoot is not null)
        {
            return Directory.Exists(DataRoot) ? Path.GetFullPath(DataRoot) : throw new UsageException($"--data {DataRoot}: folder not found");
        }

        return LieInter.Economics.DataRoot.Resolve();
    }

    /// <summary>The emissions and employment rows of a table, by name, with the dataset's defaults.</summary>
    public (InputOutputTable Table, string Ghg, string Employment) ChooseStressors(InputOutputTable table)
    {
        var added = new List<Stressor>();
        string ghg = ChooseGhg(table, added);
        string employment = ChooseEmployment(table, added);
        return (added.Count > 0 ? table.WithStressors([.. added]) : table, ghg, employment);
    }

    private string ChooseGhg(InputOutputTable table, List<Stressor> added)
    {
        var names = Ghg ?? Dataset switch
        {
            "wiod" => [WiodDerivedCountry.Co2],
            "useeio" => ["GHG"],
            _ => table.TryGetStressor("GHG", out _) ? ["GHG"] : table.TryGetStressor("CO2", out _) ? ["CO2"]
                : throw new UsageException($"{table.Name}: name the emissions row with --ghg; the table has stressors {Names(table)}"),
        };
        if (names.Count == 1 && Gwp is null && !names[0].Contains('='))
        {
            return Find(table, names[0], "--ghg").Name;
        }

        if (Gwp is null)
        {
            throw new UsageException("several --ghg rows need --gwp (ar6, ar5, ar4 or sar) to weigh them into CO2-eq");
        }

        var rows = names.Select(n =>
        {
            string[] parts = n.Split('=', 2, StringSplitOptions.TrimEntries);
            var s = Find(table, parts[0], "--ghg");
            string gas = parts.Length == 2 ? parts[1] : GasOf(s) ?? throw new UsageException($"--ghg {n}: cannot tell which gas '{s.Name}' is; write it as {s.Name}=GAS with GAS one of {string.Join(", ", Gwp.Factors.Keys)}");
            if (!Gwp.Factors.ContainsKey(gas))
            {
                throw new UsageException($"--ghg {n}: {Gwp.Name} has no factor for gas '{gas}'; it has {string.Join(", ", Gwp.Factors.Keys)}");
            }

            return (s, gas);
        });
        var ghg = GhgCharacterisation.Characterise(Gwp, rows.ToList(), "GHG", table.Source);
        added.Add(ghg);
        return ghg.Name;
    }

    /// <summary>The gas a row is named for: "CH4_air", "CO2/air" or "N2O - combustion" start with the gas.</summary>
    private string? GasOf(Stressor s)
    {
        foreach (string name in s.Aliases.Prepend(s.Name))
        {
            string upper = name.ToUpperInvariant();
            var match = Gwp!.Factors.Keys.Where(g => upper.StartsWith(g.ToUpperInvariant(), StringComparison.Ordinal)
                && (upper.Length == g.Length || !char.IsLetterOrDigit(upper[g.Length]))).OrderByDescending(g => g.Length).FirstOrDefault();
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private string ChooseEmployment(InputOutputTable table, List<Stressor> added)
    {
        var names = Employment ?? Dataset switch
        {
            "wiod" => [WiodDerivedCountry.Employment],
            "useeio" => ["JOBS"],
            _ => table.Stressors.Where(s => s.Name.Contains("employ", StringComparison.OrdinalIgnoreCase) || s.Name.Contains("job", StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToList() is { Count: 1 } one
                ? one
                : throw new UsageException($"{table.Name}: name the employment row with --employment; the table has stressors {Names(table)}"),
        };
        if (names.Count == 1)
        {
            return Find(table, names[0], "--employment").Name;
        }

        foreach (string n in names)
        {
            Find(table, n, "--employment");
        }

        var sum = table.SumStressors("employment", [.. names]);
        added.Add(sum);
        return sum.Name;
    }

    private static Stressor Find(InputOutputTable table, string name, string option) => table.TryGetStressor(name, out var s)
        ? s
        : throw new UsageException($"{option} {name}: {table.Name} has no such stressor; it has {Names(table)}");

    private static string Names(InputOutputTable table) => table.Stressors.Count == 0 ? "none" : string.Join(", ", table.Stressors.Select(s => s.Name));
}
