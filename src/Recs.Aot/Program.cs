using Recs.Aot.Commands;

// One binary, every command: `recs serve` (the default), `recs import`, `recs train`, `recs eval`, `recs generate`.
return await RecsCommandLine.RunAsync(args);
