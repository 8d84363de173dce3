using System.Diagnostics;
using System.Numerics.Tensors;

namespace Recs.Math;

/// <summary>
/// Truncated SVD by Golub–Kahan–Lanczos bidiagonalisation with full reorthogonalisation and thick restarts
/// (after Baglama and Reichel's implicitly restarted scheme). Bases are float; the small projected problem is double.
/// </summary>
public static class LanczosSvd
{
    // Breakdown threshold relative to the largest coefficient seen: float bases carry noise near 1e-7,
    // so anything this small is a lost direction, not information.
    private const double BreakdownRatio = 1e-6;

    /// <summary>
    /// Computes the leading <see cref="LanczosSvdOptions.Rank"/> singular triplets of <paramref name="matrix"/>.
    /// The work buffers (two Krylov bases and a rotation buffer, about (3d + 2)·max(rows, columns) floats for a Krylov
    /// dimension d) are rented from <paramref name="scratch"/> and returned to it, so the runs of one training share
    /// them; without a pool the call maps its own and unmaps them before it returns.
    /// Throws ArgumentException when the matrix has no stored entries, Rank is outside [1, min(rows, columns)],
    /// the tolerance is not positive or MaxRestarts is negative. Never loops past MaxRestarts.
    /// </summary>
    public static TruncatedSvd Compute(ILinearOperator matrix, LanczosSvdOptions options, ScratchPool? scratch = null) =>
        Compute(matrix, options, scratch, Memory<float>.Empty);

    /// <summary>
    /// As <see cref="Compute(ILinearOperator, LanczosSvdOptions, ScratchPool?)"/>, but the right singular vectors are written
    /// row-major Columns×Rank into the first Columns·Rank floats of <paramref name="rightVectors"/> (e.g. a buffer of the
    /// pool, reused by a caller that runs several SVDs and keeps none of their vectors) and the result's V is empty.
    /// Throws ArgumentException as the other overload does, and when the buffer is shorter than Columns·Rank.
    /// </summary>
    public static TruncatedSvd Compute(ILinearOperator matrix, LanczosSvdOptions options, ScratchPool? scratch, Memory<float> rightVectors)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        if (!rightVectors.IsEmpty && rightVectors.Length < (long)matrix.Columns * options.Rank)
            throw new ArgumentException(
                $"The buffer holds {rightVectors.Length} floats; {matrix.Columns} × {options.Rank} are needed.", nameof(rightVectors));
        int minDim = System.Math.Min(matrix.Rows, matrix.Columns);
        if (matrix.NonZeroCount == 0)
            throw new ArgumentException("The matrix has no stored entries; its SVD is undefined.", nameof(matrix));
        if (options.Rank <= 0 || options.Rank > minDim)
            throw new ArgumentException(
                $"Rank {options.Rank} must be between 1 and min(rows, columns) = {minDim}.", nameof(options));
        if (!(options.Tolerance > 0) || !double.IsFinite(options.Tolerance))
            throw new ArgumentException($"Tolerance {options.Tolerance} must be a positive finite number.", nameof(options));
        if (options.MaxRestarts < 0)
            throw new ArgumentException($"MaxRestarts {options.MaxRestarts} must not be negative.", nameof(options));
        if (options.KrylovDimension < 0)
            throw new ArgumentException($"KrylovDimension {options.KrylovDimension} must not be negative.", nameof(options));

        int rank = options.Rank;
        int krylov = options.KrylovDimension == 0 ? rank + 16 : options.KrylovDimension;
        krylov = System.Math.Clamp(krylov, rank, minDim);
        using var owned = scratch is null ? new ScratchPool() : null;
        using var run = new LanczosRun(matrix, rank, krylov, options.Tolerance, options.Seed, options.LeftVectors, rightVectors, scratch ?? owned!);
        return run.Execute(options.MaxRestarts);
    }

    private sealed class LanczosRun : IDisposable
    {
        private readonly ILinearOperator _a;
        private readonly int _rank;
        private readonly int _d;
        private readonly int _m;
        private readonly int _n;
        private readonly double _tolerance;
        private readonly bool _leftVectors;
        private readonly Memory<float> _rightVectors; // the caller's buffer for V, or empty for a new array
        private readonly Random _random;
        private readonly Memory<float> _vBasis;   // (d + 1) vectors of length n
        private readonly Memory<float> _uBasis;   // d vectors of length m
        private readonly Memory<float> _work;     // one vector of max(m, n), for fresh directions
        private readonly Memory<float> _tiles;    // the rotations' tiles (BasisProductWork.Rotate), not a second basis
        private readonly Memory<double> _b;       // d×d column-major projected matrix
        private readonly Memory<double> _q;
        private readonly Memory<double> _sigma;
        private readonly Memory<double> _jacobiScratch;
        private readonly Memory<double> _permutationScratch;
        private readonly Memory<int> _order;
        private readonly Memory<float> _weights;  // d×d float copy of a small rotation, or orthogonalisation coefficients
        private readonly BasisProductWork _dense = new();
        private readonly ScratchPool _scratch;
        private double _scale;
        private int _products;
        private long _productTicks;
        private long _orthogonalisationTicks;
        private long _projectedSvdTicks;
        private long _rotationTicks;

        public LanczosRun(ILinearOperator a, int rank, int krylov, double tolerance, int seed, bool leftVectors, Memory<float> rightVectors,
            ScratchPool scratch)
        {
            _leftVectors = leftVectors;
            _rightVectors = rightVectors;
            _scratch = scratch;
            _a = a;
            _rank = rank;
            _d = krylov;
            _m = a.Rows;
            _n = a.Columns;
            _tolerance = tolerance;
            _random = new Random(seed);
            _vBasis = scratch.Rent<float>((_d + 1) * _n);
            _uBasis = scratch.Rent<float>(_d * _m);
            _work = scratch.Rent<float>(System.Math.Max(_m, _n));
            _tiles = scratch.Rent<float>(_dense.TileValues(_d));
            _b = scratch.Rent<double>(_d * _d);
            _q = scratch.Rent<double>(_d * _d);
            _jacobiScratch = scratch.Rent<double>(_d * _d);
            _permutationScratch = scratch.Rent<double>(_d * _d);
            _sigma = scratch.Rent<double>(_d);
            _order = scratch.Rent<int>(_d);
            _weights = scratch.Rent<float>(_d * _d);
        }

        private Span<float> V(int i) => _vBasis.Span.Slice(i * _n, _n);

        private Span<float> U(int i) => _uBasis.Span.Slice(i * _m, _m);

        public TruncatedSvd Execute(int maxRestarts)
        {
            _b.Span.Clear();
            // Starting inside the row space (v = Aᵀg) lets a full-size Krylov space span it exactly for wide matrices.
            if (!TryFreshDirection(V(0), 0, transposed: true))
                throw new ArgumentException("The matrix is numerically zero; its SVD is undefined.", "matrix");

            int start = 0;
            int restarts = 0;
            while (true)
            {
                double lastBeta = Bidiagonalise(start);
                // P overwrites a copy of B, Q receives the right factor.
                var p = _jacobiScratch.Span;
                _b.Span.CopyTo(p);
                long started = Stopwatch.GetTimestamp();
                JacobiSvd.Decompose(p, _d, _sigma.Span, _q.Span, _order.Span, _permutationScratch.Span);
                _projectedSvdTicks += Stopwatch.GetTimestamp() - started;
                bool converged = CountConverged(p, lastBeta) >= _rank;
                if (converged || restarts >= maxRestarts || _d == _rank)
                    return Finish(p, converged || _d == System.Math.Min(_m, _n), restarts);

                int keep = System.Math.Min(_d - 1, _rank + (_d - _rank) / 2);
                Restart(p, keep);
                start = keep;
                restarts++;
            }
        }

        private int CountConverged(ReadOnlySpan<double> p, double lastBeta)
        {
            double threshold = _tolerance * _sigma.Span[0];
            int count = 0;
            for (int i = 0; i < _rank; i++)
            {
                // ‖Aᵀũᵢ − σᵢṽᵢ‖ = β·|last component of the i-th left vector of B|.
                if (lastBeta * System.Math.Abs(p[i * _d + _d - 1]) <= threshold)
                    count++;
            }
            return count;
        }

        // Extends A·V = U·B from column `start` to d; returns the norm of the final residual Aᵀu − V·(…).
        // Each new vector first loses its three-term-recurrence component explicitly, so the full reorthogonalisation
        // that follows only removes rounding-level components and one pass usually passes the DGKS test.
        private double Bidiagonalise(int start)
        {
            double lastBeta = 0;
            for (int j = start; j < _d; j++)
            {
                var uj = U(j);
                long started = Stopwatch.GetTimestamp();
                _a.Multiply(V(j), uj);
                _products++;
                _productTicks += Stopwatch.GetTimestamp() - started;
                var bColumn = _b.Span.Slice(j * _d, _d);
                bColumn.Clear();
                if (j > start && lastBeta > 0)
                {
                    TensorPrimitives.MultiplyAdd(U(j - 1), (float)-lastBeta, uj, uj);
                    bColumn[j - 1] = lastBeta;
                }
                Orthogonalise(_uBasis, _m, j, bColumn);
                double alpha = TensorPrimitives.Norm<float>(uj);
                _scale = System.Math.Max(_scale, alpha);
                if (alpha <= BreakdownRatio * _scale)
                {
                    TryFreshDirection(uj, j, transposed: false);
                    alpha = 0;
                }
                else
                {
                    TensorPrimitives.Multiply(uj, (float)(1.0 / alpha), uj);
                }
                bColumn[j] = alpha;

                var next = V(j + 1);
                started = Stopwatch.GetTimestamp();
                _a.MultiplyTransposed(uj, next);
                _products++;
                _productTicks += Stopwatch.GetTimestamp() - started;
                if (alpha > 0)
                    TensorPrimitives.MultiplyAdd(V(j), (float)-alpha, next, next);
                Orthogonalise(_vBasis, _n, j + 1, default);
                double beta = TensorPrimitives.Norm<float>(next);
                _scale = System.Math.Max(_scale, beta);
                if (beta <= BreakdownRatio * _scale)
                {
                    TryFreshDirection(next, j + 1, transposed: true);
                    beta = 0;
                }
                else
                {
                    TensorPrimitives.Multiply(next, (float)(1.0 / beta), next);
                }
                lastBeta = beta;
            }
            return lastBeta;
        }

        // Classical Gram–Schmidt (all projections from one read of the basis, then one combined subtraction, both
        // spread over the cores), repeated while a pass shrinks the vector below 1/√2 of its length (the
        // Daniel–Gragg–Kaufman–Stewart test): only then can rounding have left a component along the basis that
        // matters. The vector is basis vector `count`; coefficients are added to `coefficients` unless it is empty.
        private void Orthogonalise(Memory<float> basis, int length, int count, Span<double> coefficients)
        {
            if (count == 0)
                return;
            long started = Stopwatch.GetTimestamp();
            OrthogonaliseCore(basis, length, count, coefficients);
            _orthogonalisationTicks += Stopwatch.GetTimestamp() - started;
        }

        private void OrthogonaliseCore(Memory<float> basis, int length, int count, Span<double> coefficients)
        {
            var x = basis.Span.Slice(count * length, length);
            var h = _weights.Span[..count];
            double before = TensorPrimitives.Norm<float>(x);
            for (int pass = 0; pass < 4; pass++)
            {
                _dense.Project(basis, length, count, basis, count * length, _weights);
                _dense.Subtract(basis, length, count, _weights, basis, count * length);
                if (!coefficients.IsEmpty)
                {
                    for (int i = 0; i < count; i++)
                        coefficients[i] += h[i];
                }
                double after = TensorPrimitives.Norm<float>(x);
                if (after >= 0.7071 * before)
                    return;
                before = after;
            }
        }

        // Replaces a lost direction with A·g (or Aᵀ·g) orthogonalised against the current basis, so it stays in the
        // column (row) space; once that space is exhausted a plain random vector completes the orthonormal basis, and
        // only a full basis leaves a zero vector.
        private bool TryFreshDirection(Span<float> target, int count, bool transposed)
        {
            int sourceLength = transposed ? _m : _n;
            var g = _work.Span[..sourceLength];
            for (int attempt = 0; attempt < 6; attempt++)
            {
                bool throughMatrix = attempt < 3;
                if (throughMatrix)
                {
                    FillGaussian(g);
                    if (transposed)
                        _a.MultiplyTransposed(g, target);
                    else
                        _a.Multiply(g, target);
                    _products++;
                }
                else
                {
                    FillGaussian(target);
                }
                double before = TensorPrimitives.Norm<float>(target);
                if (before == 0)
                    continue;
                Orthogonalise(transposed ? _vBasis : _uBasis, transposed ? _n : _m, count, default);
                double after = TensorPrimitives.Norm<float>(target);
                if (after > 1e-3 * before)
                {
                    TensorPrimitives.Multiply(target, (float)(1.0 / after), target);
                    return true;
                }
            }
            target.Clear();
            return false;
        }

        private void FillGaussian(Span<float> g)
        {
            for (int i = 0; i < g.Length; i++)
            {
                // Box–Muller; the (0, 1] range keeps the logarithm finite.
                double u1 = 1.0 - _random.NextDouble();
                double u2 = _random.NextDouble();
                g[i] = (float)(System.Math.Sqrt(-2.0 * System.Math.Log(u1)) * System.Math.Cos(2 * System.Math.PI * u2));
            }
        }

        // Thick restart: keep the leading `keep` Ritz vectors; the residual direction becomes basis vector `keep`.
        private void Restart(ReadOnlySpan<double> p, int keep)
        {
            RotateBasis(_uBasis, _m, p, keep);
            RotateBasis(_vBasis, _n, _q.Span, keep);
            V(_d).CopyTo(V(keep));
            var b = _b.Span;
            var sigma = _sigma.Span;
            b.Clear();
            for (int i = 0; i < keep; i++)
                b[i * _d + i] = sigma[i];
        }

        // basis[:, :keep] ← basis[:, :d] · W[:, :keep], with W column-major d×d.
        private void RotateBasis(Memory<float> basis, int length, ReadOnlySpan<double> w, int keep)
        {
            long started = Stopwatch.GetTimestamp();
            FloatWeights(w, keep);
            _dense.Rotate(basis, length, _d, _weights, keep, _tiles);
            _rotationTicks += Stopwatch.GetTimestamp() - started;
        }

        private TruncatedSvd Finish(ReadOnlySpan<double> p, bool converged, int restarts)
        {
            var sigma = new float[_rank];
            for (int i = 0; i < _rank; i++)
                sigma[i] = (float)_sigma.Span[i];
            long started = Stopwatch.GetTimestamp();
            float[] u = _leftVectors ? new float[_m * _rank] : [];
            if (_leftVectors)
                Transpose(_uBasis, _m, p, u);
            float[] v = _rightVectors.IsEmpty ? new float[_n * _rank] : [];
            Transpose(_vBasis, _n, _q.Span, _rightVectors.IsEmpty ? v : _rightVectors.Span[..(_n * _rank)]);
            _rotationTicks += Stopwatch.GetTimestamp() - started;
            var timings = new LanczosTimings(Seconds(_productTicks), Seconds(_orthogonalisationTicks),
                Seconds(_projectedSvdTicks), Seconds(_rotationTicks));
            return new TruncatedSvd(_m, _n, _rank, sigma, u, v, converged, restarts, _products, timings);
        }

        private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

        // Ritz vectors basis·W[:, i] for i < rank, written row-major length×rank into result.
        private void Transpose(Memory<float> basis, int length, ReadOnlySpan<double> w, Span<float> result)
        {
            FloatWeights(w, _rank);
            // The basis is not needed after this: the Ritz vectors overwrite its first vectors.
            _dense.Rotate(basis, length, _d, _weights, _rank, _tiles);
            var vectors = basis.Span[..(_rank * length)];
            for (int i = 0; i < _rank; i++)
            {
                var vector = vectors.Slice(i * length, length);
                for (int r = 0; r < length; r++)
                    result[r * _rank + i] = vector[r];
            }
        }

        private void FloatWeights(ReadOnlySpan<double> w, int columns)
        {
            var weights = _weights.Span[..(columns * _d)];
            for (int i = 0; i < weights.Length; i++)
                weights[i] = (float)w[i];
        }

        public void Dispose()
        {
            _scratch.Return(_vBasis);
            _scratch.Return(_uBasis);
            _scratch.Return(_work);
            _scratch.Return(_tiles);
            _scratch.Return(_b);
            _scratch.Return(_q);
            _scratch.Return(_jacobiScratch);
            _scratch.Return(_permutationScratch);
            _scratch.Return(_sigma);
            _scratch.Return(_order);
            _scratch.Return(_weights);
        }
    }
}
