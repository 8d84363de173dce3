using Recs.Storage;

namespace Recs.Tests.Storage;

/// <summary>The one-pass proof that no (user, film) pair repeats holds only while it is sound.</summary>
public sealed class DistinctPairCheckTests
{
    private static bool Check(params (int User, int Film)[] pairs)
    {
        var check = new DistinctPairCheck();
        foreach (var (user, film) in pairs)
            check.Add(user, film);
        return check.Distinct;
    }

    [Fact]
    public void Runs_of_distinct_films_per_user_are_distinct()
    {
        Assert.True(Check((1, 10), (1, 11), (2, 10), (2, 11), (3, 12)), "grouped runs without a repeated film were not recognised as distinct");
        Assert.True(Check(), "an empty stream is distinct");
    }

    [Fact]
    public void A_film_repeated_within_a_run_is_not_distinct()
    {
        Assert.False(Check((1, 10), (1, 11), (1, 10)), "a repeated pair inside one user's run was missed");
    }

    [Fact]
    public void A_user_whose_run_ended_appearing_again_gives_up_the_proof()
    {
        Assert.False(Check((1, 10), (2, 10), (1, 11)), "a user reappearing after another user's run must not count as proven distinct");
    }

    [Fact]
    public void Once_given_up_the_proof_stays_given_up()
    {
        var check = new DistinctPairCheck();
        check.Add(1, 10);
        check.Add(1, 10);
        Assert.False(check.Add(2, 20), "a later distinct pair revived a proof that had failed");
        Assert.False(check.Distinct);
    }
}
