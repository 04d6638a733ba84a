namespace LieInter.Modeling;

/// <summary>A contiguous block of a flat vector.</summary>
public readonly record struct Segment(string Name, int Offset, int Length)
{
    public int End => Offset + Length;

    public Range Range => Offset..End;
}
