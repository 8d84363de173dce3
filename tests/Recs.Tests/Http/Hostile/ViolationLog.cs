using System.Collections.Concurrent;
using System.Text;

namespace Recs.Tests.Http.Hostile;

/// <summary>Every broken rule, collected from all senders; reported once at the end, grouped by rule.</summary>
internal sealed class ViolationLog
{
    private readonly ConcurrentQueue<(long Order, string Rule, string Detail)> _entries = new();
    private long _order;

    public int Count => _entries.Count;

    public void Add(string rule, string detail) => _entries.Enqueue((Interlocked.Increment(ref _order), rule, detail));

    public void AddRange(IEnumerable<(string Rule, string Detail)> violations)
    {
        foreach (var (rule, detail) in violations)
            Add(rule, detail);
    }

    /// <summary>Writes every violation, in the order found, to <paramref name="path"/> (lone surrogates in generated text become U+FFFD).</summary>
    public void WriteAll(string path) =>
        File.WriteAllLines(path, _entries.OrderBy(e => e.Order).Select(e => $"[{e.Rule}] {e.Detail}"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>How often each rule broke, then the first <paramref name="shown"/> violations taken in turn from each rule so that one frequent rule cannot hide the others.</summary>
    public string Report(int shown)
    {
        var byRule = _entries.OrderBy(e => e.Order).GroupBy(e => e.Rule).OrderBy(g => g.First().Order).Select(g => g.ToList()).ToList();
        var text = new StringBuilder();
        foreach (var rule in byRule)
            text.Append("  ").Append(rule.Count).Append(" × ").AppendLine(rule[0].Rule);
        text.AppendLine($"first {System.Math.Min(shown, _entries.Count)} of {_entries.Count}:");
        int written = 0;
        for (int round = 0; written < shown && byRule.Any(r => r.Count > round); round++)
        {
            foreach (var rule in byRule.Where(r => r.Count > round))
            {
                if (written == shown)
                    break;
                written++;
                text.Append("  [").Append(rule[round].Rule).Append("] ").AppendLine(rule[round].Detail);
            }
        }
        return text.ToString();
    }
}
