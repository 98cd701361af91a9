/** Postline's mark: an envelope on a rounded tile, drawn inline so it follows the theme. */
export function PostlineMark({ size = 28 }: { size?: number }) {
  return (
    <svg
      className="postline-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" className="postline-mark-tile" />
      <path
        d="M8 11.5a1.5 1.5 0 0 1 1.5-1.5h13a1.5 1.5 0 0 1 1.5 1.5v9a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 8 20.5z"
        className="postline-mark-envelope"
      />
      <path d="m8.6 10.8 7.4 5.7 7.4-5.7" className="postline-mark-flap" />
    </svg>
  )
}
