import { useEditorState, type Editor } from '@tiptap/react'
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { Icon } from './Icon'

/** One formatting button: what it shows, what it is called, what it does. */
interface Tool {
  readonly id: string
  readonly label: string
  readonly shortcut: string
  readonly face: ReactNode
  readonly active: boolean
  run(): void
}

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Meta' : 'Control'

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern): one Tab stop, arrow keys move between
 * buttons, each toggle says whether it is on with `aria-pressed`.
 */
export function EditorToolbar({ editor, onLink }: { editor: Editor; onLink(): void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      underline: current.isActive('underline'),
      link: current.isActive('link'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      blockquote: current.isActive('blockquote'),
    }),
  })
  const [focusIndex, setFocusIndex] = useState(0)
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const chain = () => editor.chain().focus()

  const tools: Tool[] = [
    {
      id: 'bold',
      label: 'Bold',
      shortcut: `${MOD}+B`,
      face: <b>B</b>,
      active: state.bold,
      run: () => chain().toggleBold().run(),
    },
    {
      id: 'italic',
      label: 'Italic',
      shortcut: `${MOD}+I`,
      face: <i>I</i>,
      active: state.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      id: 'underline',
      label: 'Underline',
      shortcut: `${MOD}+U`,
      face: <u>U</u>,
      active: state.underline,
      run: () => chain().toggleUnderline().run(),
    },
    {
      id: 'link',
      label: 'Link',
      shortcut: `${MOD}+K`,
      face: <Icon name="link" />,
      active: state.link,
      run: onLink,
    },
    {
      id: 'bulletList',
      label: 'Bulleted list',
      shortcut: `${MOD}+Shift+8`,
      face: <Icon name="bulletList" />,
      active: state.bulletList,
      run: () => chain().toggleBulletList().run(),
    },
    {
      id: 'orderedList',
      label: 'Numbered list',
      shortcut: `${MOD}+Shift+7`,
      face: <Icon name="orderedList" />,
      active: state.orderedList,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      id: 'blockquote',
      label: 'Quote',
      shortcut: `${MOD}+Shift+B`,
      face: <Icon name="quote" />,
      active: state.blockquote,
      run: () => chain().toggleBlockquote().run(),
    },
  ]

  function move(event: KeyboardEvent<HTMLDivElement>): void {
    const last = tools.length - 1
    const next =
      event.key === 'ArrowRight'
        ? focusIndex === last
          ? 0
          : focusIndex + 1
        : event.key === 'ArrowLeft'
          ? focusIndex === 0
            ? last
            : focusIndex - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (next === null) return
    event.preventDefault()
    setFocusIndex(next)
    buttons.current[next]?.focus()
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={move}>
      {tools.map((tool, index) => (
        <button
          key={tool.id}
          ref={(element) => {
            buttons.current[index] = element
          }}
          type="button"
          className={`tool${index === 3 || index === 4 ? ' tool-group-start' : ''}`}
          tabIndex={index === focusIndex ? 0 : -1}
          aria-pressed={tool.active}
          aria-label={tool.label}
          aria-keyshortcuts={tool.shortcut}
          title={`${tool.label} (${tool.shortcut.replace('Control', 'Ctrl').replace('Meta', '⌘')})`}
          onFocus={() => setFocusIndex(index)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={tool.run}
        >
          {tool.face}
        </button>
      ))}
    </div>
  )
}
