using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// One-sided (Hestenes) Jacobi SVD of a small dense square matrix in double precision.
/// Chosen over QR iteration because it is short, needs no bidiagonal form (restarts leave an arrowhead)
/// and delivers small singular values to high relative accuracy.
/// </summary>
internal static class JacobiSvd
{
    private const int MaxSweeps = 60;

    /// <summary>
    /// Factorises the n×n column-major matrix <paramref name="a"/> as P·diag(σ)·Qᵀ with σ descending.
    /// <paramref name="a"/> is overwritten with P (column-major); <paramref name="q"/> receives Q (column-major).
    /// </summary>
    public static void Decompose(Span<double> a, int n, Span<double> sigma, Span<double> q, Span<int> order, Span<double> scratch)
    {
        q[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
            q[i * n + i] = 1.0;

        // Squared column norms live in sigma during the sweeps; each rotation updates the pair exactly
        // (α' = α − tγ, β' = β + tγ), and every sweep starts from freshly computed norms so drift cannot build up.
        var norms = sigma[..n];
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            for (int i = 0; i < n; i++)
                norms[i] = TensorPrimitives.SumOfSquares<double>(a.Slice(i * n, n));
            bool rotated = false;
            for (int i = 0; i < n - 1; i++)
            {
                var ci = a.Slice(i * n, n);
                for (int j = i + 1; j < n; j++)
                {
                    var cj = a.Slice(j * n, n);
                    double alpha = norms[i];
                    double beta = norms[j];
                    double gamma = TensorPrimitives.Dot<double>(ci, cj);
                    if (gamma == 0.0 || System.Math.Abs(gamma) <= 1e-14 * System.Math.Sqrt(alpha * beta))
                        continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2.0 * gamma);
                    double t = System.Math.Sign(zeta) / (System.Math.Abs(zeta) + System.Math.Sqrt(1.0 + zeta * zeta));
                    if (zeta == 0.0)
                        t = 1.0;
                    double c = 1.0 / System.Math.Sqrt(1.0 + t * t);
                    double s = c * t;
                    PlaneRotation.Apply(ci, cj, c, s);
                    PlaneRotation.Apply(q.Slice(i * n, n), q.Slice(j * n, n), c, s);
                    norms[i] = System.Math.Max(0.0, alpha - t * gamma);
                    norms[j] = beta + t * gamma;
                }
            }
            if (!rotated)
                break;
        }

        for (int i = 0; i < n; i++)
        {
            sigma[i] = TensorPrimitives.Norm<double>(a.Slice(i * n, n));
            order[i] = i;
        }
        SortDescending(sigma[..n], order[..n], a, q, n, scratch);

        // Columns this far below the largest are rounding residue (possibly underflowed); normalising them would
        // produce a vector that is not orthogonal to the rest, so they count as exact zeros.
        double negligible = n * 1e-15 * sigma[0];
        for (int i = 0; i < n; i++)
        {
            if (sigma[i] <= negligible)
                sigma[i] = 0;
        }
        for (int i = 0; i < n; i++)
        {
            var column = a.Slice(i * n, n);
            if (sigma[i] > 0)
                TensorPrimitives.Divide(column, sigma[i], column);
            else
                column.Clear();
        }
        for (int i = 0; i < n; i++)
        {
            if (sigma[i] == 0)
                CompleteBasis(a, n, i);
        }
    }

    private static void SortDescending(Span<double> sigma, Span<int> order, Span<double> a, Span<double> q, int n, Span<double> scratch)
    {
        // Insertion sort of indices: n is at most a few hundred and the input is usually almost sorted.
        for (int i = 1; i < n; i++)
        {
            int idx = order[i];
            double value = sigma[i];
            int j = i - 1;
            while (j >= 0 && sigma[j] < value)
            {
                sigma[j + 1] = sigma[j];
                order[j + 1] = order[j];
                j--;
            }
            sigma[j + 1] = value;
            order[j + 1] = idx;
        }
        Permute(a, order, n, scratch);
        Permute(q, order, n, scratch);
    }

    private static void Permute(Span<double> m, ReadOnlySpan<int> order, int n, Span<double> scratch)
    {
        var copy = scratch[..(n * n)];
        m[..(n * n)].CopyTo(copy);
        for (int i = 0; i < n; i++)
            copy.Slice(order[i] * n, n).CopyTo(m.Slice(i * n, n));
    }

    // A zero singular value leaves a zero column; replace it with a unit vector orthogonal to the others
    // so callers can rely on P being orthogonal.
    private static void CompleteBasis(Span<double> a, int n, int column)
    {
        var target = a.Slice(column * n, n);
        for (int e = 0; e < n; e++)
        {
            target.Clear();
            target[e] = 1.0;
            for (int pass = 0; pass < 2; pass++)
            {
                for (int other = 0; other < n; other++)
                {
                    if (other == column)
                        continue;
                    var o = a.Slice(other * n, n);
                    double dot = TensorPrimitives.Dot<double>(o, target);
                    if (dot != 0.0)
                        TensorPrimitives.MultiplyAdd<double>(o, -dot, target, target);
                }
            }
            double norm = TensorPrimitives.Norm<double>(target);
            if (norm > 0.5)
            {
                TensorPrimitives.Divide(target, norm, target);
                return;
            }
        }
    }
}
