/** The middle value (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Runs, median, min and max of a series, rounded for printing. */
export function summary(values: readonly number[], digits = 2) {
  return {
    runs: values.length,
    median: round(median(values), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
  }
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** `a / b`, rounded; null when there is no floor to divide by. */
export function ratio(a: number, b: number | null): number | null {
  return b === null || b === 0 ? null : round(a / b, 3)
}
