using System.CommandLine;
using System.Globalization;
using LieInter.Economics;

namespace LieInter.Cli.Tables;

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
