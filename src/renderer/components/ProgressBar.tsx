/** A thin bar for upload progress, named for screen readers. */
export function ProgressBar({ label, value }: { label: string; value: number | null }) {
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      data-indeterminate={value === null}
    >
      <span style={value === null ? undefined : { width: `${value}%` }} />
    </div>
  )
}
