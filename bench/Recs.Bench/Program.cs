using BenchmarkDotNet.Running;

// Run all or some benchmarks: dotnet run -c Release --project bench/Recs.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
