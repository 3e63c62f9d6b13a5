import { percentile } from './statistics';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('gives the nearest-rank value: the one at or below which the share of samples lies', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile([10, 20, 30], 0.5)).toBe(20);
  });

  it('stays within the samples at the edges', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('is NaN for no samples, so an empty run never reads as zero latency', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});
