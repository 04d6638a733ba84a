using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace LieInter.Tests.Economics;

/// <summary>A temporary folder for test files, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lieinter-econ-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative, string content)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Writes minimal .xlsx workbooks for tests: strings go to the shared-string table or inline, numbers as numbers,
/// null cells are left out (gaps), and a double.NaN writes the text "NaN" (a spreadsheet cannot hold NaN).
/// </summary>
public static class XlsxTestWriter
{
    public static void Write(string path, IEnumerable<(string Name, object?[][] Rows)> sheets, bool sharedStrings = true, bool omitCellReferences = false)
    {
        var sheetList = sheets.ToList();
        var strings = new List<string>();
        var stringIndex = new Dictionary<string, int>();
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Entry(string name, string content)
        {
            var e = zip.CreateEntry(name);
            using var w = new StreamWriter(e.Open(), new UTF8Encoding(false));
            w.Write(content);
        }

        Entry("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        var wb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
        var rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int s = 0; s < sheetList.Count; s++)
        {
            wb.Append($"<sheet name=\"{SecurityElement.Escape(sheetList[s].Name)}\" sheetId=\"{s + 1}\" r:id=\"rId{s + 1}\"/>");
            // Alternate relative and absolute targets: both occur in real workbooks.
            string target = s % 2 == 0 ? $"worksheets/sheet{s + 1}.xml" : $"/xl/worksheets/sheet{s + 1}.xml";
            rels.Append($"<Relationship Id=\"rId{s + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"{target}\"/>");
            var sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            var rows = sheetList[s].Rows;
            for (int r = 0; r < rows.Length; r++)
            {
                sheet.Append(omitCellReferences ? "<row>" : $"<row r=\"{r + 1}\">");
                for (int c = 0; c < rows[r].Length; c++)
                {
                    object? v = rows[r][c];
                    if (v is null)
                    {
                        if (omitCellReferences)
                        {
                            sheet.Append("<c/>");
                        }

                        continue;
                    }

                    string reference = omitCellReferences ? string.Empty : $" r=\"{LieInter.Economics.XlsxWorkbook.CellReference(r + 1, c + 1)}\"";
                    if (v is double d && double.IsNaN(d))
                    {
                        v = "NaN";
                    }

                    switch (v)
                    {
                        case string text when sharedStrings:
                            if (!stringIndex.TryGetValue(text, out int k))
                            {
                                stringIndex[text] = k = strings.Count;
                                strings.Add(text);
                            }

                            sheet.Append($"<c{reference} t=\"s\"><v>{k}</v></c>");
                            break;
                        case string text:
                            sheet.Append($"<c{reference} t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>");
                            break;
                        case bool b:
                            sheet.Append($"<c{reference} t=\"b\"><v>{(b ? 1 : 0)}</v></c>");
                            break;
                        default:
                            sheet.Append($"<c{reference}><v>{Convert.ToDouble(v, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                            break;
                    }
                }

                sheet.Append("</row>");
            }

            sheet.Append("</sheetData></worksheet>");
            Entry($"xl/worksheets/sheet{s + 1}.xml", sheet.ToString());
        }

        wb.Append("</sheets></workbook>");
        rels.Append($"<Relationship Id=\"rId{sheetList.Count + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        rels.Append("</Relationships>");
        Entry("xl/workbook.xml", wb.ToString());
        Entry("xl/_rels/workbook.xml.rels", rels.ToString());
        var sst = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">");
        foreach (var text in strings)
        {
            // Every other string as rich text in two runs, the way Excel stores formatted cells.
            int mid = text.Length / 2;
            sst.Append(strings.IndexOf(text) % 2 == 1 && text.Length > 1
                ? $"<si><r><rPr><b/></rPr><t>{SecurityElement.Escape(text[..mid])}</t></r><r><t xml:space=\"preserve\">{SecurityElement.Escape(text[mid..])}</t></r></si>"
                : $"<si><t>{SecurityElement.Escape(text)}</t></si>");
        }

        sst.Append("</sst>");
        Entry("xl/sharedStrings.xml", sst.ToString());
    }
}
