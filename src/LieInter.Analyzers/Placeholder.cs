namespace LieInter.Analyzers;

// The analyzers land with the diagnostics issue; this assembly exists so the layout is in place.
internal static class AssemblyMarker
{
}
