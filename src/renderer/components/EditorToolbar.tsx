import { useEditorState, type ChainedCommands, type Editor } from '@tiptap/react'
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { Icon } from './Icon'

type ToolId = 'bold' | 'italic' | 'underline' | 'link' | 'bulletList' | 'orderedList' | 'blockquote'

/** One formatting button: what it shows, what it is called, what it does. */
interface Tool {
  readonly id: ToolId
  readonly label: string
  /** After the modifier: `B` is Ctrl+B (⌘B on a Mac). */
  readonly keys: string
  readonly face: ReactNode
  /** The editor command; the link tool has none, it opens the link form. */
  readonly command?: (chain: ChainedCommands) => ChainedCommands
}

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Meta' : 'Control'

/** The tools in their order; a group starts at the link and at the lists. */
const TOOLS: readonly Tool[] = [
  { id: 'bold', label: 'Bold', keys: 'B', face: <b>B</b>, command: (c) => c.toggleBold() },
  { id: 'italic', label: 'Italic', keys: 'I', face: <i>I</i>, command: (c) => c.toggleItalic() },
  {
    id: 'underline',
    label: 'Underline',
    keys: 'U',
    face: <u>U</u>,
    command: (c) => c.toggleUnderline(),
  },
  { id: 'link', label: 'Link', keys: 'K', face: <Icon name="link" /> },
  {
    id: 'bulletList',
    label: 'Bulleted list',
    keys: 'Shift+8',
    face: <Icon name="bulletList" />,
    command: (c) => c.toggleBulletList(),
  },
  {
    id: 'orderedList',
    label: 'Numbered list',
    keys: 'Shift+7',
    face: <Icon name="orderedList" />,
    command: (c) => c.toggleOrderedList(),
  },
  {
    id: 'blockquote',
    label: 'Quote',
    keys: 'Shift+B',
    face: <Icon name="quote" />,
    command: (c) => c.toggleBlockquote(),
  },
]
const GROUP_STARTS: ReadonlySet<ToolId> = new Set(['link', 'bulletList'])

/** Where an arrow, Home or End key moves the focus in a toolbar of `count` buttons, or null. */
export function toolbarFocusTarget(key: string, index: number, count: number): number | null {
  const last = count - 1
  if (key === 'ArrowRight') return index === last ? 0 : index + 1
  if (key === 'ArrowLeft') return index === 0 ? last : index - 1
  if (key === 'Home') return 0
  if (key === 'End') return last
  return null
}

/** One Tab stop for a row of buttons; arrows, Home and End move between them (roving tabindex). */
function useRovingFocus(count: number) {
  const [focusIndex, setFocusIndex] = useState(0)
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const next = toolbarFocusTarget(event.key, focusIndex, count)
    if (next === null) return
    event.preventDefault()
    setFocusIndex(next)
    buttons.current[next]?.focus()
  }
  return { focusIndex, setFocusIndex, buttons, onKeyDown }
}

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one Tab stop, arrow keys move between
 * buttons, each toggle says whether it is on with `aria-pressed`.
 */
export function EditorToolbar({ editor, onLink }: { editor: Editor; onLink(): void }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      Object.fromEntries(TOOLS.map((tool) => [tool.id, current.isActive(tool.id)])) as Record<
        ToolId,
        boolean
      >,
  })
  const { focusIndex, setFocusIndex, buttons, onKeyDown } = useRovingFocus(TOOLS.length)
  const run = (tool: Tool) => (tool.command ? tool.command(editor.chain().focus()).run() : onLink())

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={onKeyDown}>
      {TOOLS.map((tool, index) => {
        const shortcut = `${MOD}+${tool.keys}`
        return (
          <button
            key={tool.id}
            ref={(element) => {
              buttons.current[index] = element
            }}
            type="button"
            className={`tool${GROUP_STARTS.has(tool.id) ? ' tool-group-start' : ''}`}
            tabIndex={index === focusIndex ? 0 : -1}
            aria-pressed={active[tool.id]}
            aria-label={tool.label}
            aria-keyshortcuts={shortcut}
            title={`${tool.label} (${shortcut.replace('Control', 'Ctrl').replace('Meta', '⌘')})`}
            onFocus={() => setFocusIndex(index)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => run(tool)}
          >
            {tool.face}
          </button>
        )
      })}
    </div>
  )
}
