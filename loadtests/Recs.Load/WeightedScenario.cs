namespace Recs.Load;

/// <summary>A scenario's share of a phase's requests: <see cref="Weight"/> out of the phase's total weight.</summary>
internal readonly record struct WeightedScenario(Scenario Scenario, int Weight);
