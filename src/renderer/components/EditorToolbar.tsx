import { useEditorState, type ChainedCommands, type Editor } from '@tiptap/react'
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { MessageKey } from '../../shared/i18n/window-catalogs'
import { SHORTCUTS } from '../../shared/shortcuts'
import { FORMAT_KEYS } from '../editor-keys'
import { useT } from '../i18n/I18n'
import { Icon } from './Icon'

type ToolId = 'bold' | 'italic' | 'underline' | 'link' | 'bulletList' | 'orderedList' | 'blockquote'

/** One formatting button: what it shows, what it is called, what it does. */
interface Tool {
  readonly id: ToolId
  readonly label: MessageKey
  /**
   * After the modifier: `B` is Ctrl+B (⌘B on a Mac). None for the quote: its key (Ctrl+Shift+B)
   * shows Bcc, as in Gmail; the button quotes.
   */
  readonly keys?: string
  readonly face: ReactNode
  /** The editor command; the link tool has none, it opens the link form. */
  readonly command?: (chain: ChainedCommands) => ChainedCommands
}

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Meta' : 'Control'

/*
 * The faces B, I and U are glyphs, not words: they match the shortcuts (Ctrl+B, I, U), which stay
 * the same in every language, and each button's name and tooltip are translated.
 */
/* eslint-disable postline/no-literal-ui-text */
/** The tools in their order; a group starts at the link and at the lists. */
const TOOLS: readonly Tool[] = [
  {
    id: 'bold',
    label: 'composer.toolbar.bold',
    keys: FORMAT_KEYS[0].key,
    face: <b>B</b>,
    command: (c) => c.toggleBold(),
  },
  {
    id: 'italic',
    label: 'composer.toolbar.italic',
    keys: FORMAT_KEYS[1].key,
    face: <i>I</i>,
    command: (c) => c.toggleItalic(),
  },
  {
    id: 'underline',
    label: 'composer.toolbar.underline',
    keys: FORMAT_KEYS[2].key,
    face: <u>U</u>,
    command: (c) => c.toggleUnderline(),
  },
  {
    id: 'link',
    label: 'composer.toolbar.link',
    keys: SHORTCUTS.insertLink.key,
    face: <Icon name="link" />,
  },
  {
    id: 'bulletList',
    label: 'composer.toolbar.bulletList',
    keys: 'Shift+8',
    face: <Icon name="bulletList" />,
    command: (c) => c.toggleBulletList(),
  },
  {
    id: 'orderedList',
    label: 'composer.toolbar.orderedList',
    keys: 'Shift+7',
    face: <Icon name="orderedList" />,
    command: (c) => c.toggleOrderedList(),
  },
  {
    id: 'blockquote',
    label: 'composer.toolbar.blockquote',
    face: <Icon name="quote" />,
    command: (c) => c.toggleBlockquote(),
  },
]
/* eslint-enable postline/no-literal-ui-text */
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
  const t = useT()
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
    <div
      className="toolbar"
      role="toolbar"
      aria-label={t.t('composer.toolbar.label')}
      onKeyDown={onKeyDown}
    >
      {TOOLS.map((tool, index) => {
        const shortcut = tool.keys === undefined ? undefined : `${MOD}+${tool.keys}`
        const label = t.t(tool.label)
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
            aria-label={label}
            aria-keyshortcuts={shortcut}
            title={
              shortcut === undefined
                ? label
                : t.t('composer.toolbar.title', {
                    tool: label,
                    shortcut: shortcut.replace('Control', 'Ctrl').replace('Meta', '⌘'),
                  })
            }
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
