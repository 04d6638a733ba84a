using LieInter.Economics;

namespace LieInter.Cli.Tables;

/// <summary>One table to work on, with the labels the outputs use.</summary>
/// <param name="Group">What plots group by: the country or region ("FRA", "USA", "R2", "all regions").</param>
/// <param name="Label">The table in one phrase: "FRA 2014", "USEEIO v2.0.1 2012", "pymrio R2".</param>
/// <param name="Year">The reference year, when the table has one.</param>
public sealed record LoadedTable(string Group, string Label, int? Year, InputOutputTable Table);
