namespace Recs.Math;

/// <summary>Work cut into numbered parts that may run on any thread, in any order, each exactly once; parts must not throw.</summary>
internal interface IPartitionedWork
{
    void RunPart(int part);
}
