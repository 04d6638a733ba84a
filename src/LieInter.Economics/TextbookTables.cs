using System.Globalization;

namespace LieInter.Economics;

/// <summary>
/// The small German example tables in <c>textbook/</c> (from the iotables R package): the Eurostat Manual's
/// Germany 1995 6x6 SIOT (table 15.4, million EUR) with air emissions (table 15.3, 1000 t), and the UN Handbook's
/// "Germany 2009" 6x6 SIOT (bn EUR) with employment and emission rows. Both are domestic product-by-product tables:
/// x is the row total (output_bp / total_output_bp), A = Z / x, y = the final-demand columns plus a balancing
/// item for the handbooks' rounding (reported in the notes).
/// </summary>
public static class TextbookTables
{
    /// <summary>Eurostat Manual of Supply, Use and Input-Output Tables (2008), Germany 1995, tables 15.4 and 15.3.</summary>
    public static InputOutputTable LoadEurostatManualGermany1995(string folder)
    {
        string siot = Path.Combine(folder, "Beutel_15_4_germany_1995_siot_6x6.csv");
        string airpol = Path.Combine(folder, "germany_15_3_airpol.csv");
        var parsed = ParseSiot(siot, codeColumn: "t_rows2", labelColumn: "t_rows2_lab", outputColumn: "output_bp", totalColumn: null, columnTotalRow: "P1");
        var stressors = new List<Stressor>();
        foreach (var code in new[] { "EMP-WS", "EMP-FTE", "EMP" })
        {
            stressors.Add(parsed.RowStressor(code, "1000 persons", "million EUR"));
        }

        // Table 15.3 names the industries differently from table 15.4; this is the correspondence, by meaning.
        var airpolToSiot = new Dictionary<string, string>
        {
            ["agriculture_group"] = "agriculture_group",
            ["industry_group"] = "manufacturing_group",
            ["construction"] = "construction_group",
            ["trade_group"] = "trade_group",
            ["business_services_group"] = "business_services_group",
            ["other_services_group"] = "other_services_group",
        };
        stressors.AddRange(ReadEmissionRows(airpol, parsed, airpolToSiot, "million EUR", "Eurostat Manual table 15.3 (industries only; households excluded)"));
        return parsed.Build("Eurostat Manual Germany 1995 (6 product groups)", 1995, "million EUR", "basic prices, domestic product by product", stressors, siot);
    }

    /// <summary>
    /// UN Handbook on Supply, Use and Input-Output Tables with Extensions and Applications (2018), "Germany 2009"
    /// example: employment rows EMP-WS, EMP-FTE, EMP and emission rows CO2, CH4, N2O (industries; households
    /// excluded). Units as printed: bn EUR; employment and emissions are taken as 1000 persons and 1000 t (the
    /// handbook's example is illustrative; see the data README).
    /// </summary>
    public static InputOutputTable LoadUnHandbookGermany2009(string folder)
    {
        string siot = Path.Combine(folder, "germany_2009.csv");
        var parsed = ParseSiot(siot, codeColumn: "prod_na", labelColumn: "prod_na_lab", outputColumn: "total_output_bp", totalColumn: "TOTAL", columnTotalRow: "P1");
        var stressors = new List<Stressor>();
        foreach (var code in new[] { "EMP-WS", "EMP-FTE", "EMP" })
        {
            stressors.Add(parsed.RowStressor(code, "1000 persons", "bn EUR"));
        }

        foreach (var gas in new[] { "CO2", "CH4", "N2O" })
        {
            stressors.Add(parsed.RowStressor(gas, $"kt {gas}", "bn EUR"));
        }

        return parsed.Build("UN Handbook Germany 2009 (6 product groups)", 2009, "bn EUR", "basic prices, domestic product by product", stressors, siot);
    }

    /// <summary>
    /// Reads header-less coefficient rows "long name,code,v1,...,vk" (the handbook's per-unit tables) as stressors
    /// named by code. Every row must have exactly <paramref name="values"/> numbers.
    /// </summary>
    public static IReadOnlyList<Stressor> ReadCoefficientRows(string path, int values, string unitPrefix, string outputUnit)
    {
        var text = DelimitedText.Read(path, ',');
        var result = new List<Stressor>();
        foreach (var r in text.Records)
        {
            if (r.Fields.Length != values + 2)
            {
                throw new InputOutputDataException($"has {r.Fields.Length - 2} values, expected {values} (one per sector).", path, r.Line, rowLabel: r.Fields[0]);
            }

            var v = new double[values];
            for (int j = 0; j < values; j++)
            {
                v[j] = DelimitedText.ParseNumber(r.Fields[j + 2], path, r.Line, (j + 1).ToString(CultureInfo.InvariantCulture), r.Fields[1]);
            }

            result.Add(new Stressor(r.Fields[1], $"{unitPrefix} {r.Fields[1]}", outputUnit, v, r.Fields[0].Replace('_', ' ')));
        }

        return result;
    }

    private static IEnumerable<Stressor> ReadEmissionRows(string path, ParsedSiot siot, IReadOnlyDictionary<string, string> columnToSector, string outputUnit, string description)
    {
        var text = DelimitedText.Read(path, ',');
        var header = text.Records[0].Fields;
        var columnOf = new int[siot.Codes.Count];
        for (int j = 0; j < columnOf.Length; j++)
        {
            string sector = siot.Columns[j];
            string? column = columnToSector.FirstOrDefault(kv => kv.Value == sector).Key;
            columnOf[j] = column is null ? -1 : Array.IndexOf(header, column);
            if (columnOf[j] < 0)
            {
                throw new InputOutputDataException($"no column for sector '{sector}'. Columns: {InputOutputDataException.ListNames(header)}.", path, text.Records[0].Line);
            }
        }

        foreach (var r in text.Records.Skip(1))
        {
            string pollutant = r.Fields[0];
            if (pollutant == "Total")
            {
                continue; // a sum over pollutants of different kinds, not a stressor
            }

            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line, rowLabel: pollutant);
            }

            var totals = columnOf.Select(c => DelimitedText.ParseNumber(r.Fields[c], path, r.Line, header[c], pollutant)).ToArray();
            yield return new Stressor(pollutant, $"kt {pollutant}", outputUnit, siot.Divide(totals, path, r.Line, pollutant), description, "air emissions");
        }
    }

    private static ParsedSiot ParseSiot(string path, string codeColumn, string labelColumn, string outputColumn, string? totalColumn, string columnTotalRow)
    {
        var text = DelimitedText.Read(path, ',');
        var header = text.Records[0].Fields;
        int Col(string name)
        {
            int c = Array.IndexOf(header, name);
            return c >= 0 ? c : throw new InputOutputDataException($"no column '{name}'. Columns: {InputOutputDataException.ListNames(header)}.", path, text.Records[0].Line, name);
        }

        int codeCol = Col(codeColumn), labelCol = Col(labelColumn), quadrantCol = Col("quadrant"), rowNameCol = Col(header[4]), outputCol = Col(outputColumn);
        foreach (var r in text.Records.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", path, r.Line, rowLabel: r.Fields[0]);
            }
        }

        // Product rows: quadrant 10, except the total row. The sector columns follow the five label columns, in row order.
        var productRows = text.Records.Skip(1).Where(r => r.Fields[quadrantCol] == "10" && r.Fields[rowNameCol] != "total").ToList();
        const int firstSectorColumn = 5;
        var sectorCols = Enumerable.Range(firstSectorColumn, productRows.Count).ToArray();
        if (sectorCols[^1] >= outputCol)
        {
            throw new InputOutputDataException($"{productRows.Count} product rows but only {outputCol - firstSectorColumn} columns before '{outputColumn}'; the table must be square.", path, text.Records[0].Line);
        }

        var columns = sectorCols.Select(c => header[c]).ToList();
        int lastSector = sectorCols.Max();
        int firstDemand = totalColumn is null ? lastSector + 1 : Col(totalColumn) + 1;
        var demandCols = Enumerable.Range(firstDemand, outputCol - firstDemand).ToArray();
        int n = productRows.Count;
        var z = new double[n * n];
        var x = new double[n];
        var demand = demandCols.Select(_ => new double[n]).ToArray();
        for (int i = 0; i < n; i++)
        {
            var r = productRows[i];
            string code = r.Fields[codeCol];
            x[i] = DelimitedText.ParseNumber(r.Fields[outputCol], path, r.Line, outputColumn, code);
            for (int j = 0; j < n; j++)
            {
                z[i * n + j] = DelimitedText.ParseNumber(r.Fields[sectorCols[j]], path, r.Line, columns[j], code);
            }

            for (int k = 0; k < demandCols.Length; k++)
            {
                demand[k][i] = DelimitedText.ParseNumber(r.Fields[demandCols[k]], path, r.Line, header[demandCols[k]], code);
            }
        }

        var rows = text.Records.Skip(1).ToDictionary(r => r.Fields[codeCol], r => r, StringComparer.Ordinal);
        var notes = new List<string>();
        if (!rows.TryGetValue(columnTotalRow, out var p1))
        {
            throw new InputOutputDataException($"no output row '{columnTotalRow}'. Rows: {InputOutputDataException.ListNames(rows.Keys)}.", path, rowLabel: columnTotalRow);
        }

        // Output is the column total (P1): the denominator of the technical coefficients. Where the source's output
        // column disagrees with it, that is reported; row discrepancies become the balancing final-demand item.
        var diffs = new List<string>();
        for (int j = 0; j < n; j++)
        {
            double columnTotal = DelimitedText.ParseNumber(p1.Fields[sectorCols[j]], path, p1.Line, columns[j], columnTotalRow);
            if (columnTotal != x[j])
            {
                diffs.Add($"{columns[j]}: {columnTotalRow} {columnTotal.ToString(CultureInfo.InvariantCulture)} vs {outputColumn} {x[j].ToString(CultureInfo.InvariantCulture)}");
            }

            x[j] = columnTotal;
        }

        if (diffs.Count > 0)
        {
            notes.Add($"the output column '{outputColumn}' disagrees with the output row '{columnTotalRow}' in the source; the row (column totals) is used: {string.Join("; ", diffs)}");
        }

        return new ParsedSiot(path, productRows.Select(r => r.Fields[codeCol]).ToList(), productRows.Select(r => r.Fields[labelCol]).ToList(), columns, sectorCols, z, x,
            demandCols.Select(c => header[c]).ToList(), demand, rows, notes);
    }

    private sealed record ParsedSiot(
        string Path, List<string> Codes, List<string> Labels, List<string> Columns, int[] SectorColumns, double[] Z, double[] X,
        List<string> DemandNames, double[][] Demand, Dictionary<string, TextRecord> Rows, List<string> Notes)
    {
        public double[] Divide(double[] totals, string file, int line, string what)
        {
            var r = new double[X.Length];
            for (int j = 0; j < r.Length; j++)
            {
                if (X[j] > 0)
                {
                    r[j] = totals[j] / X[j];
                }
                else if (totals[j] != 0)
                {
                    throw new InputOutputDataException($"output of '{Codes[j]}' is {X[j]}; cannot divide {what} = {totals[j]} by it.", file, line, Columns[j], what);
                }
            }

            return r;
        }

        public Stressor RowStressor(string code, string unit, string outputUnit)
        {
            if (!Rows.TryGetValue(code, out var row))
            {
                throw new InputOutputDataException($"no row '{code}'. Rows: {InputOutputDataException.ListNames(Rows.Keys)}.", Path, rowLabel: code);
            }

            var totals = Columns.Select((c, j) => DelimitedText.ParseNumber(row.Fields[SectorColumns[j]], Path, row.Line, c, code)).ToArray();
            string label = row.Fields[1];
            return new Stressor(code, unit, outputUnit, Divide(totals, Path, row.Line, code), label);
        }

        public InputOutputTable Build(string name, int year, string monetaryUnit, string priceBasis, List<Stressor> stressors, string source)
        {
            int n = X.Length;
            var a = new double[n * n];
            var rowTotals = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double z = Z[i * n + j];
                    rowTotals[i] += z;
                    a[i * n + j] = X[j] > 0 ? z / X[j]
                        : z == 0 ? 0 : throw new InputOutputDataException($"output of '{Codes[j]}' is {X[j]}; cannot compute A = Z / x.", Path, Rows[Codes[i]].Line, Columns[j], Codes[i]);
                }
            }

            var categories = DemandNames.Select((d, k) => new FinalDemandCategory(d, Demand[k])).ToList();
            var balancing = new double[n];
            double worst = 0;
            for (int i = 0; i < n; i++)
            {
                balancing[i] = X[i] - rowTotals[i] - Demand.Sum(d => d[i]);
                worst = Math.Max(worst, Math.Abs(balancing[i]) / Math.Max(X[i], 1e-300));
            }

            var notes = new List<string>(Notes);
            if (balancing.Any(b => b != 0))
            {
                categories.Add(new FinalDemandCategory("balancing item (rounding in the source)", balancing));
                notes.Add($"rows do not add up exactly in the source; a balancing final-demand item of at most {worst.ToString("E2", CultureInfo.InvariantCulture)} of output makes x = (I - A)^-1 y exact");
            }

            var y = new double[n];
            foreach (var c in categories)
            {
                for (int i = 0; i < n; i++)
                {
                    y[i] += c.Values[i];
                }
            }

            var sectors = Codes.Select((c, i) => new Sector(c, Labels[i], "DEU")).ToList();
            return new InputOutputTable(name, "DEU", year, sectors, a, y, monetaryUnit, priceBasis, stressors, categories, X, source, notes);
        }
    }
}
