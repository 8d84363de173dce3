namespace Recs.Math;

/// <summary>Argument checks shared by the numerics entry points.</summary>
internal static class InputValidation
{
    public static void ThrowIfNotFinite(ReadOnlySpan<float> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"Value at index {i} is {values[i]}; only finite numbers are accepted.", paramName);
        }
    }
}
