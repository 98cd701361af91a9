/** The few glyphs the window draws, as stroked 20×20 paths that follow the text colour. */
const PATHS = {
  link: 'M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1',
  bulletList: 'M8 5h9M8 10h9M8 15h9M3.5 5h.01M3.5 10h.01M3.5 15h.01',
  orderedList: 'M8 5h9M8 10h9M8 15h9M3 4l1-.5V7M3 9.5h2L3 12h2M3 14h2l-1 1.2a1 1 0 1 1-1 1.3',
  quote: 'M4 5v10M8 6h8M8 10h8M8 14h5',
  paperclip:
    'M15.5 9.5l-5.8 5.8a3.5 3.5 0 0 1-5-5l6.2-6.2a2.3 2.3 0 0 1 3.3 3.3l-6.2 6.2a1.2 1.2 0 0 1-1.7-1.7L12 6',
  send: 'M3.5 10 16.5 4l-4 12.5-3-5.5zM9.5 11 16.5 4',
  close: 'M5.5 5.5l9 9M14.5 5.5l-9 9',
  keyboard: 'M2.5 5.5h15v9h-15zM5 8h.01M8 8h.01M11 8h.01M14 8h.01M5 11h.01M14 11h.01M7.5 11h5',
  file: 'M11 3H6a1.5 1.5 0 0 0-1.5 1.5v11A1.5 1.5 0 0 0 6 17h8a1.5 1.5 0 0 0 1.5-1.5V7.5zM11 3v4.5h4.5',
  compose: 'M4 16h3l8.5-8.5-3-3L4 13zM11 6l3 3',
  drafts: 'M5 3h7l3 3v11H5zM8 9h4M8 12h4',
  outbox: 'M3 11v5h14v-5M10 3v9M6.5 6.5 10 3l3.5 3.5',
  settings:
    'M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4',
} as const

/** The name of a glyph. */
export type IconName = keyof typeof PATHS

/** A decorative icon, sized with the text; the control that holds it carries the name. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="icon"
      width="1.25em"
      height="1.25em"
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
