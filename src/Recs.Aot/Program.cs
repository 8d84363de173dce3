using Recs.Aot.Commands;
using Recs.Aot.Hosting;

// Before any thread allocates natively: the C library's arenas are made as threads meet contention (NativeHeap).
NativeHeap.LimitArenas(2);
// One binary, every command: `recs serve` (the default), `recs import`, `recs train`, `recs eval`, `recs generate`.
return await RecsCommandLine.RunAsync(args);
