namespace Recs.Load;

/// <summary>One limit checked against one phase (and scenario, when it concerns one): the rule, what was measured, the verdict.</summary>
internal sealed record ThresholdCheck(string Phase, string? Scenario, string Rule, string Measured, bool Passed)
{
    public string Verdict => Passed ? "pass" : "FAIL";
}
