using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Recs.Math.Tests")]
[assembly: InternalsVisibleTo("Recs.Bench")]
