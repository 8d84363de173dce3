using BenchmarkDotNet.Running;

// Run all or some benchmarks: dotnet run -c Release --project bench/Recs.Bench -- --filter '*'
// Named by a type of its own: with the service's internals visible, `Program` would be ambiguous.
BenchmarkSwitcher.FromAssembly(typeof(Recs.Bench.Data.BenchData).Assembly).Run(args);
