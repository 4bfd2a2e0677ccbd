import { invertSpd } from './linear-solve.ts';

/**
 * Local (linearized) parameter covariance of a weighted least-squares fit: cov = s²·(JᵀJ)⁻¹ with
 * s² = Σr²/(m − p) (residual variance, Bates & Watts 1988 §2.3). J is the m×p Jacobian of the residuals (row-major).
 * Returns standard errors and the correlation matrix, or null when JᵀJ is singular (a parameter has no effect,
 * e.g. all curves outside the window) or there are no degrees of freedom.
 */
export function jacobianCovariance(
  J: Float64Array,
  m: number,
  p: number,
  cost: number,
): { stderr: number[]; correlation: number[][]; covariance: number[][] } | null {
  if (m <= p) return null;
  const JtJ = new Float64Array(p * p);
  for (let i = 0; i < m; i++)
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) JtJ[a * p + b] += J[i * p + a] * J[i * p + b];
  const inv = invertSpd(JtJ, p);
  if (!inv) return null;
  const s2 = cost / (m - p);
  const cov = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => s2 * inv[a * p + b]));
  const stderr = cov.map((row, a) => Math.sqrt(Math.max(row[a], 0)));
  const correlation = cov.map((row, a) =>
    row.map((v, b) => (stderr[a] > 0 && stderr[b] > 0 ? v / (stderr[a] * stderr[b]) : 0)),
  );
  return { stderr, correlation, covariance: cov };
}

/**
 * Heteroscedasticity-robust ("sandwich", HC1) covariance of a least-squares fit (White 1980, Econometrica 48,
 * 817; MacKinnon & White 1985): cov = m/(m−p)·(JᵀJ)⁻¹·(Σᵢ rᵢ²·Jᵢᵀ Jᵢ)·(JᵀJ)⁻¹. Used as the reported uncertainty
 * because DTG noise is rarely uniform: multiplicative noise lives at the peak, and the flat tails carry none,
 * which makes the classical s²·(JᵀJ)⁻¹ several times too optimistic (measured in test/analysis/fit-jma.test.ts).
 */
export function sandwichCovariance(
  J: Float64Array,
  r: ArrayLike<number>,
  m: number,
  p: number,
): { stderr: number[]; correlation: number[][]; covariance: number[][] } | null {
  if (m <= p) return null;
  const JtJ = new Float64Array(p * p);
  const meat = new Float64Array(p * p);
  for (let i = 0; i < m; i++) {
    const r2 = r[i] * r[i];
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        const jj = J[i * p + a] * J[i * p + b];
        JtJ[a * p + b] += jj;
        meat[a * p + b] += r2 * jj;
      }
    }
  }
  const bread = invertSpd(JtJ, p);
  if (!bread) return null;
  const scale = m / (m - p);
  const cov = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => {
      let s = 0;
      for (let k = 0; k < p; k++)
        for (let l = 0; l < p; l++) s += bread[a * p + k] * meat[k * p + l] * bread[l * p + b];
      return scale * s;
    }),
  );
  const stderr = cov.map((row, a) => Math.sqrt(Math.max(row[a], 0)));
  const correlation = cov.map((row, a) =>
    row.map((v, b) => (stderr[a] > 0 && stderr[b] > 0 ? v / (stderr[a] * stderr[b]) : 0)),
  );
  return { stderr, correlation, covariance: cov };
}
