using System.CommandLine;
using System.Globalization;
using LieInter.Economics;

namespace LieInter.Cli.Tables;

/// <summary>One table to work on, with the labels the outputs use.</summary>
/// <param name="Group">What plots group by: the country or region ("FRA", "USA", "R2", "all regions").</param>
/// <param name="Label">The table in one phrase: "FRA 2014", "USEEIO v2.0.1 2012", "pymrio R2".</param>
/// <param name="Year">The reference year, when the table has one.</param>
public sealed record LoadedTable(string Group, string Label, int? Year, InputOutputTable Table);

/// <summary>
/// The options that choose tables and their stressors, shared by <c>design</c>, <c>solve</c> and <c>list</c>:
/// a WIOD country and year, USEEIO, a CSV layout folder, or a pymrio text folder (one region's block or all regions).
/// </summary>
public sealed class TableOptions
{
    public Option<string> Dataset { get; } = new("--dataset") { Description = "Shipped tables: wiod (WIOD 2016 national tables, 2000-2014) or useeio (USEEIO v2.0.1, US 2012); ignored with --csv or --pymrio", DefaultValueFactory = _ => "wiod" };

    public Option<string[]> Countries { get; } = new("--countries") { Description = "WIOD countries (ISO3)", DefaultValueFactory = _ => ["FRA", "DEU"], AllowMultipleArgumentsPerToken = true };

    public Option<int[]> Years { get; } = new("--years") { Description = "WIOD years", DefaultValueFactory = _ => [2000, 2005, 2010, 2014], AllowMultipleArgumentsPerToken = true };

    public Option<string?> Csv { get; } = new("--csv") { Description = "A table folder in LieInter's CSV layout (docs/data.md)" };

    public Option<string?> Pymrio { get; } = new("--pymrio") { Description = "A pymrio text folder (IOSystem.save_all, table_format 'txt')" };

    public Option<string?> Region { get; } = new("--region") { Description = "With --pymrio: one region's domestic block (as the paper cut EXIOBASE), or 'all' for the multi-regional model (default)" };

    public Option<string?> Data { get; } = new("--data") { Description = "Data root for wiod and useeio (default: $LIEINTER_DATA, else the repository's data/)" };

    public Option<string[]?> Ghg { get; } = new("--ghg") { Description = "Emission stressor(s) by name; several rows (NAME or NAME=GAS) are weighed with --gwp. Default: CO2 (wiod), GHG (useeio), else a stressor named GHG or CO2", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Gwp { get; } = new("--gwp") { Description = "GWP100 preset to weigh gas rows into CO2-eq: ar6, ar5, ar4 or sar" };

    public Option<string[]?> Employment { get; } = new("--employment") { Description = "Employment stressor(s) by name (several are summed). Default: EMP (wiod), JOBS (useeio), else a stressor whose name contains 'employ' or 'job'", AllowMultipleArgumentsPerToken = true };

    public void AddTo(Command command, bool stressors = true)
    {
        foreach (var o in new Option[] { Dataset, Countries, Years, Csv, Pymrio, Region, Data })
        {
            command.Options.Add(o);
        }

        if (stressors)
        {
            command.Options.Add(Ghg);
            command.Options.Add(Gwp);
            command.Options.Add(Employment);
        }
    }

    /// <summary>What was asked, checked against the data before anything is computed.</summary>
    public TableRequest Read(ParseResult parse)
    {
        string? csv = parse.GetValue(Csv), pymrio = parse.GetValue(Pymrio), region = parse.GetValue(Region);
        if (csv is not null && pymrio is not null)
        {
            throw new UsageException("--csv and --pymrio name two tables; give one");
        }

        if (region is not null && pymrio is null)
        {
            throw new UsageException("--region applies to a --pymrio folder");
        }

        string dataset = (csv is not null ? "csv" : pymrio is not null ? "pymrio" : parse.GetValue(Dataset)!).ToLowerInvariant();
        if (dataset is not ("wiod" or "useeio" or "csv" or "pymrio"))
        {
            throw new UsageException($"unknown dataset '{parse.GetValue(Dataset)}'; use wiod or useeio, or --csv DIR or --pymrio DIR for your own table");
        }

        string? gwp = parse.GetValue(Gwp);
        var request = new TableRequest
        {
            Dataset = dataset,
            Folder = csv ?? pymrio,
            Region = region,
            Countries = parse.GetValue(Countries)!.Select(c => c.ToUpperInvariant()).ToList(),
            Years = parse.GetValue(Years)!,
            DataRoot = parse.GetValue(Data),
            Ghg = parse.GetValue(Ghg) is { Length: > 0 } ghg ? ghg : null,
            Gwp = gwp is null ? null : GwpPreset(gwp),
            Employment = parse.GetValue(Employment) is { Length: > 0 } employment ? employment : null,
        };
        request.Check();
        return request;
    }

    private static GwpFactors GwpPreset(string name) => name.ToLowerInvariant() switch
    {
        "ar6" => GwpFactors.Ar6Gwp100,
        "ar5" => GwpFactors.Ar5Gwp100,
        "ar4" => GwpFactors.Ar4Gwp100,
        "sar" => GwpFactors.SarGwp100,
        _ => throw new UsageException($"unknown GWP preset '{name}'; use ar6, ar5, ar4 or sar"),
    };
}

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
