using Microsoft.CodeAnalysis;

namespace LieInter.Generators.Parsing;

/// <summary>A reason a model cannot be generated, with where it is. The analyzers turn these into diagnostics;
/// the generator only needs to know whether there are any.</summary>
internal sealed class Problem
{
    public Problem(string id, string message, Location? location)
    {
        Id = id;
        Message = message;
        Location = location;
    }

    /// <summary>A diagnostic id, LIE0001 ... LIE0204.</summary>
    public string Id { get; }

    public string Message { get; }

    public Location? Location { get; }

    /// <summary>True for problems that stop generation (errors); false for warnings the model survives.</summary>
    public bool BlocksGeneration => Id != ProblemIds.CycleWithoutSolvability && Id != ProblemIds.CompartmentLeak && Id != ProblemIds.ImpossibleInvariance;

    public override string ToString() => Id + ": " + Message;
}

internal static class ProblemIds
{
    public const string NotPartial = "LIE0001";
    public const string NodeWithoutAssignment = "LIE0002";
    public const string UnknownOrDuplicateAssignment = "LIE0003";
    public const string SignatureMismatch = "LIE0004";
    public const string NonSmooth = "LIE0101";
    public const string Impure = "LIE0102";
    public const string Unsupported = "LIE0103";
    public const string CycleWithoutSolvability = "LIE0201";
    public const string BadIntervention = "LIE0202";
    public const string ImpossibleInvariance = "LIE0203";
    public const string CompartmentLeak = "LIE0204";
}
