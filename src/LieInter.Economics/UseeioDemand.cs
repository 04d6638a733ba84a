namespace LieInter.Economics;

/// <summary>One demand vector listed in demands.json.</summary>
public sealed record UseeioDemand(string Id, int Year, string Type, string System, string Location);
