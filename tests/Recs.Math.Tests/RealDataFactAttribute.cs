namespace Recs.Math.Tests;

/// <summary>A fact that is skipped, with the reason, when the shared rating data sets are not on disk.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute(string relativePath)
    {
        if (RealData.Locate(relativePath) is null)
            Skip = $"Data file '{relativePath}' not found under {RealData.DescribeSearchRoot()}; set RECS_DATA_DIR to the data folder to run this test.";
    }
}
