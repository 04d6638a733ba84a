using System.Globalization;

namespace LieInter.Economics;

/// <summary>
/// Eurostat symmetric input-output tables (product by product, basic prices; the iotables package's CSV export of
/// naio_10_cp1700) with satellites matched by CPA code. The rows are the total use of each product (domestic output
/// plus imports), so the table is loaded as the competitive-imports model x = A x + y with
/// A = Z / P1 (P1 = domestic output, the column total) and y = final uses - imports (P7), plus a balancing item that
/// absorbs rounding and any statistical discrepancy so that x = (I - A)^-1 y holds exactly; its size is reported in
/// the notes. Products are the CPA A64 codes present as both a row and a column.
/// </summary>
public static class EurostatSiot
{
    /// <summary>CPA 2008 products of the 64-industry breakdown (65 with the imputed-rent split L68A/L68B).</summary>
    public static IReadOnlyList<string> A64Products { get; } = (
        "A01 A02 A03 B C10-12 C13-15 C16 C17 C18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C30 C31_32 C33 D E36 E37-39 F "
        + "G45 G46 G47 H49 H50 H51 H52 H53 I J58 J59_60 J61 J62_63 K64 K65 K66 L68A L68B M69_70 M71 M72 M73 M74_75 "
        + "N77 N78 N79 N80-82 O P Q86 Q87_88 R90-92 R93 S94 S95 S96 T U").Split(' ').Select(c => "CPA_" + c).ToArray();

    private static readonly (string Column, string Name)[] FinalUseColumns =
    {
        ("P3_S14", "P3_S14 household final consumption"),
        ("P3_S15", "P3_S15 NPISH final consumption"),
        ("P3_S13", "P3_S13 government final consumption"),
        ("P5", "P5 gross capital formation"),
        ("P6", "P6 exports"),
    };

    /// <summary>Loads one SIOT CSV with optional satellites.</summary>
    public static InputOutputTable Load(string siotPath, string region, int? year, string monetaryUnit, IEnumerable<EurostatSatellite>? satellites = null)
    {
        var text = DelimitedText.Read(siotPath, ',');
        if (text.Records.Count < 2)
        {
            throw new InputOutputDataException("the file has no data rows.", siotPath);
        }

        var header = text.Records[0].Fields;
        var rowsByName = new Dictionary<string, TextRecord>(StringComparer.Ordinal);
        foreach (var r in text.Records.Skip(1))
        {
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", siotPath, r.Line, rowLabel: r.Fields[0]);
            }

            if (!rowsByName.TryAdd(r.Fields[0], r))
            {
                throw new InputOutputDataException($"row '{r.Fields[0]}' appears twice.", siotPath, r.Line, rowLabel: r.Fields[0]);
            }
        }

        int Col(string name)
        {
            int c = Array.IndexOf(header, name);
            return c >= 0 ? c : throw new InputOutputDataException($"no column '{name}'. Columns: {InputOutputDataException.ListNames(header)}.", siotPath, text.Records[0].Line, name);
        }

        TextRecord Row(string name) => rowsByName.TryGetValue(name, out var r)
            ? r
            : throw new InputOutputDataException($"no row '{name}'. Rows: {InputOutputDataException.ListNames(rowsByName.Keys)}.", siotPath, rowLabel: name);

        var products = A64Products.Where(p => rowsByName.ContainsKey(p) && Array.IndexOf(header, p) >= 0).ToList();
        if (products.Count == 0)
        {
            throw new InputOutputDataException("no CPA product appears both as a row and as a column.", siotPath);
        }

        int n = products.Count;
        var productCols = products.Select(Col).ToArray();
        var output = Row("P1");
        var imports = Row("P7");
        var x = new double[n];
        var m = new double[n];
        for (int j = 0; j < n; j++)
        {
            x[j] = DelimitedText.ParseNumber(output.Fields[productCols[j]], siotPath, output.Line, products[j], "P1");
            m[j] = DelimitedText.ParseNumber(imports.Fields[productCols[j]], siotPath, imports.Line, products[j], "P7", missingAs: 0);
        }

        var a = new double[n * n];
        var rowTotals = new double[n];
        for (int i = 0; i < n; i++)
        {
            var r = Row(products[i]);
            for (int j = 0; j < n; j++)
            {
                double z = DelimitedText.ParseNumber(r.Fields[productCols[j]], siotPath, r.Line, products[j], products[i]);
                rowTotals[i] += z;
                if (x[j] > 0)
                {
                    a[i * n + j] = z / x[j];
                }
                else if (x[j] < 0)
                {
                    throw new InputOutputDataException($"output P1 of '{products[j]}' is negative ({x[j]}); cannot compute A = Z / x.", siotPath, output.Line, products[j], "P1");
                }
                else if (z != 0)
                {
                    throw new InputOutputDataException($"output P1 of '{products[j]}' is zero but it uses {z} of '{products[i]}'; A = Z / x would divide by zero.", siotPath, r.Line, products[j], products[i]);
                }
            }
        }

        var categories = new List<FinalDemandCategory>();
        var finalUse = new double[n];
        foreach (var (column, name) in FinalUseColumns)
        {
            int c = Col(column);
            var v = new double[n];
            for (int i = 0; i < n; i++)
            {
                var r = Row(products[i]);
                v[i] = DelimitedText.ParseNumber(r.Fields[c], siotPath, r.Line, column, products[i], missingAs: 0);
                finalUse[i] += v[i];
            }

            categories.Add(new FinalDemandCategory(name, v));
        }

        categories.Add(new FinalDemandCategory("-P7 imports (competitive)", m.Select(v => -v).ToArray()));
        var balancing = new double[n];
        double worstBalance = 0;
        string worstProduct = products[0];
        for (int i = 0; i < n; i++)
        {
            balancing[i] = x[i] - rowTotals[i] - (finalUse[i] - m[i]);
            double rel = x[i] > 0 ? Math.Abs(balancing[i]) / x[i] : 0;
            if (rel > worstBalance)
            {
                worstBalance = rel;
                worstProduct = products[i];
            }
        }

        categories.Add(new FinalDemandCategory("balancing item (P1 - intermediate use - final use + imports)", balancing));
        var y = new double[n];
        foreach (var c in categories)
        {
            for (int i = 0; i < n; i++)
            {
                y[i] += c.Values[i];
            }
        }

        var notes = new List<string>
        {
            "competitive-imports model: A = Z_total / P1, y = final uses - imports + balancing item",
            $"largest balancing item: {worstBalance.ToString("E2", CultureInfo.InvariantCulture)} of output ({worstProduct})",
        };
        var missing = A64Products.Where(p => !products.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            notes.Add($"CPA A64 products absent from this table: {string.Join(", ", missing)}");
        }

        var zero = products.Where((p, j) => x[j] == 0).ToList();
        if (zero.Count > 0)
        {
            notes.Add($"products with zero output (kept, with a zero A column): {string.Join(", ", zero)}");
        }

        var stressors = new List<Stressor>();
        foreach (var sat in satellites ?? Array.Empty<EurostatSatellite>())
        {
            stressors.AddRange(ReadSatellite(sat, products, x, monetaryUnit, notes));
        }

        var sectors = products.Select(p => new Sector(p, p, region)).ToList();
        return new InputOutputTable(
            $"Eurostat SIOT {region} {year}", region, year, sectors, a, y, monetaryUnit, "basic prices, product by product, total flows (domestic + imported)",
            stressors, categories, x, siotPath, notes);
    }

    /// <summary>
    /// Loads one of the shipped tables in <c>eurostat_via_iotables/</c>: "BE" (2020, million EUR, CO2/CH4/GHG air
    /// emissions in kt), "CZ" (2015, million CZK, employment) or "SK" (2015, million EUR, employment).
    /// </summary>
    public static InputOutputTable LoadShipped(string folder, string country)
    {
        string P(string file) => System.IO.Path.Combine(folder, file);
        return country switch
        {
            "BE" => Load(P("BE_2020_siot_product_x_product_MIO_EUR.csv"), "BE", 2020, "million EUR", new[]
            {
                new EurostatSatellite(P("BE_2020_air_emissions_by_NACE_THS_T.csv"), new Dictionary<string, string>
                {
                    ["CO2_emission"] = "kt CO2", ["CH4_emission"] = "kt CH4", ["GHG_emission"] = "kt CO2-eq",
                }, "Eurostat air emissions accounts (env_ac_ainah_r2), by NACE industry, matched to CPA products 1:1"),
            }),
            "CZ" => Load(P("CZ_2015_siot_product_x_product_MIO_NAC.csv"), "CZ", 2015, "million CZK", new[]
            {
                new EurostatSatellite(P("CZ_2015_employment_THS_PER.csv"), new Dictionary<string, string> { ["employment_total"] = "1000 persons" }, "Eurostat national-accounts employment"),
            }),
            "SK" => Load(P("SK_2015_siot_product_x_product_MIO_EUR.csv"), "SK", 2015, "million EUR", new[]
            {
                new EurostatSatellite(P("SK_2015_employment_THS_PER.csv"), new Dictionary<string, string> { ["employment_total"] = "1000 persons" }, "Eurostat national-accounts employment"),
            }),
            _ => throw new InputOutputDataException($"no shipped Eurostat table for '{country}'. Shipped: 'BE', 'CZ', 'SK'.", folder),
        };
    }

    private static IEnumerable<Stressor> ReadSatellite(EurostatSatellite sat, IReadOnlyList<string> products, double[] x, string monetaryUnit, List<string> notes)
    {
        var text = DelimitedText.Read(sat.Path, ',');
        if (text.Records.Count < 2)
        {
            throw new InputOutputDataException("the file has no data rows.", sat.Path);
        }

        var header = text.Records[0].Fields;
        int n = products.Count;
        // Satellite columns are NACE codes ("C10-12") or CPA codes ("CPA_C10-12"); CPA_X corresponds to NACE X.
        var columnOf = new int[n];
        for (int j = 0; j < n; j++)
        {
            string nace = products[j]["CPA_".Length..];
            columnOf[j] = Array.FindIndex(header, h => h == products[j] || h == nace);
        }

        var used = new HashSet<int>(columnOf.Where(c => c >= 0)) { 0 };
        var unused = Enumerable.Range(0, header.Length).Where(c => !used.Contains(c)).Select(c => header[c]).ToList();
        if (unused.Count > 0)
        {
            notes.Add($"{System.IO.Path.GetFileName(sat.Path)}: columns without a matching product (aggregates or products missing from the table), not loaded: {string.Join(", ", unused)}");
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in text.Records.Skip(1))
        {
            string name = r.Fields[0];
            if (!sat.UnitsByRow.TryGetValue(name, out string? unit))
            {
                continue;
            }

            found.Add(name);
            if (r.Fields.Length != header.Length)
            {
                throw new InputOutputDataException($"has {r.Fields.Length} fields, the header has {header.Length}.", sat.Path, r.Line, rowLabel: name);
            }

            var intensity = new double[n];
            var missingProducts = new List<string>();
            for (int j = 0; j < n; j++)
            {
                if (columnOf[j] < 0)
                {
                    missingProducts.Add(products[j]);
                    continue;
                }

                double total = DelimitedText.ParseNumber(r.Fields[columnOf[j]], sat.Path, r.Line, header[columnOf[j]], name);
                if (x[j] > 0)
                {
                    intensity[j] = total / x[j];
                }
                else if (total != 0)
                {
                    throw new InputOutputDataException($"product '{products[j]}' has zero output but {name} = {total}; the intensity would be infinite.", sat.Path, r.Line, header[columnOf[j]], name);
                }
            }

            if (missingProducts.Count > 0)
            {
                notes.Add($"{name}: no column for {string.Join(", ", missingProducts)} (set to 0)");
            }

            yield return new Stressor(name, unit, monetaryUnit, intensity, sat.Description, System.IO.Path.GetFileNameWithoutExtension(sat.Path));
        }

        var absent = sat.UnitsByRow.Keys.Where(k => !found.Contains(k)).ToList();
        if (absent.Count > 0)
        {
            throw new InputOutputDataException($"no row named {InputOutputDataException.ListNames(absent)}. Rows present: {InputOutputDataException.ListNames(text.Records.Skip(1).Select(r => r.Fields[0]))}.", sat.Path);
        }
    }
}
