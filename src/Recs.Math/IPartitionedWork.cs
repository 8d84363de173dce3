namespace Recs.Math;

/// <summary>
/// Work cut into numbered parts that may run on any thread, in any order, each at most once; when a part throws,
/// <see cref="CoreTeam.Run"/> may skip the parts not yet started and rethrows the exception to its caller.
/// </summary>
internal interface IPartitionedWork
{
    void RunPart(int part);
}
