namespace LieInter.Economics;

/// <summary>How <see cref="InputOutputTable.LeadingBlock"/> sets final demand for the kept sectors.</summary>
public enum SubBlockDemand
{
    /// <summary>
    /// Deliveries from kept sectors to dropped ones become final demand (a category of their own), so the kept sectors'
    /// output is unchanged: x_k = (I - A_kk)^-1 y_k reproduces the full table's output of those sectors.
    /// </summary>
    PreserveOutput,

    /// <summary>Final demand is cut to the kept sectors; the reported output is dropped because it no longer balances.</summary>
    Truncate,
}
