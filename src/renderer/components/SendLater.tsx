import {
  forwardRef,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import {
  laterPresets,
  laterProblem,
  parseWallInput,
  wallInput,
  type LaterPreset,
} from '../../shared/send-later'
import { ariaKeyShortcuts, shortcutLabel } from '../../shared/shortcuts'
import { MAC } from '../editor-keys'
import { useT, type WindowTranslator } from '../i18n/I18n'
import { currentZone } from '../outbox-text'
import { actionLabel } from './ShortcutsSheet'
import '../send-later.css'
import { useModalDialog } from '../hooks/use-modal-dialog'

const PRESET_WORDS: Record<
  LaterPreset,
  'composer.later.laterToday' | 'composer.later.tomorrowMorning' | 'composer.later.nextMonday'
> = {
  laterToday: 'composer.later.laterToday',
  tomorrowMorning: 'composer.later.tomorrowMorning',
  nextMonday: 'composer.later.nextMonday',
}

/** Opens the Send menu from outside (the Ctrl+Shift+Enter shortcut). */
export interface SendLaterHandle {
  open(): void
}

/** When a preset goes, in the person's words: the time today, else the day and time. */
function presetTime(t: WindowTranslator, preset: LaterPreset, at: number, zone: string): string {
  return t.dateTime(at, {
    ...(preset === 'laterToday' ? {} : { weekday: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  })
}

/**
 * The ▾ half of the split Send button: a menu of send-later presets in the person's time zone
 * (later today, tomorrow morning, next Monday morning) and "Pick date & time…", which opens a
 * dialog with a date and a time field that refuses a time already past.
 */
export const SendLaterButton = forwardRef<
  SendLaterHandle,
  { disabled: boolean; onSchedule(at: number, zone: string): void }
>(function SendLaterButton({ disabled, onSchedule }, handle) {
  const t = useT()
  const [open, setOpen] = useState(false)
  const [picking, setPicking] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const menuId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  // Read only while the menu or the picker is open: a page's first Intl.DateTimeFormat loads
  // ICU's date and zone data (15-25 ms in a fresh page), which the composer's start can skip.
  const zone = open || picking ? currentZone() : ''

  const show = () => {
    if (disabled) return
    setNow(Date.now())
    setOpen(true)
  }
  useImperativeHandle(handle, () => ({ open: show }))

  useEffect(() => {
    if (!open) return
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const outside = (event: MouseEvent) => {
      const target = event.target as Node
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('mousedown', outside)
    return () => document.removeEventListener('mousedown', outside)
  }, [open])

  const close = (focusButton = true) => {
    setOpen(false)
    if (focusButton) buttonRef.current?.focus()
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>): void {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const index = items.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => items[(to + items.length) % items.length]?.focus()
    if (event.key === 'ArrowDown') move(index + 1)
    else if (event.key === 'ArrowUp') move(index - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(items.length - 1)
    else if (event.key === 'Escape' || event.key === 'Tab') close(event.key === 'Escape')
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  const choose = (at: number) => {
    close(false)
    onSchedule(at, zone)
  }

  return (
    <span className="send-later">
      <button
        ref={buttonRef}
        type="button"
        className="button primary send-more"
        disabled={disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t.t('composer.later.menu')}
        aria-keyshortcuts={ariaKeyShortcuts('sendLater')}
        title={t.t('composer.shortcut.title', {
          action: t.t(actionLabel('sendLater')),
          shortcut: shortcutLabel('sendLater', MAC),
        })}
        onClick={() => (open ? close() : show())}
      >
        <svg width="0.75em" height="0.75em" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          className="send-later-menu"
          aria-label={t.t('composer.later.heading')}
          onKeyDown={onMenuKey}
        >
          <p className="send-later-heading" aria-hidden="true">
            {t.t('composer.later.heading')}
          </p>
          {laterPresets(now, zone).map(({ preset, at }) => (
            <button
              key={preset}
              type="button"
              role="menuitem"
              className="send-later-item"
              data-preset={preset}
              onClick={() => choose(at)}
            >
              <span>{t.t(PRESET_WORDS[preset])}</span>
              <span className="send-later-time">{presetTime(t, preset, at, zone)}</span>
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            className="send-later-item"
            data-preset="pick"
            onClick={() => {
              close(false)
              setPicking(true)
            }}
          >
            <span>{t.t('composer.later.pick')}</span>
          </button>
        </div>
      )}
      <LaterPicker
        open={picking}
        zone={zone}
        onCancel={() => {
          setPicking(false)
          buttonRef.current?.focus()
        }}
        onPick={(at) => {
          setPicking(false)
          onSchedule(at, zone)
        }}
      />
    </span>
  )
})

/** The date and time dialog; a time past (or within the minute) is refused in place. */
function LaterPicker({
  open,
  zone,
  onCancel,
  onPick,
}: {
  open: boolean
  zone: string
  onCancel(): void
  onPick(at: number): void
}) {
  const t = useT()
  const titleId = useId()
  const errorId = useId()
  const [date, setDate] = useState('')
  const [time, setTime] = useState('')
  const [problem, setProblem] = useState<
    'composer.later.past' | 'composer.later.tooFar' | 'composer.later.incomplete' | null
  >(null)

  const ref = useModalDialog(open, (dialog) => {
    // Starts an hour from now, on the quarter hour.
    const start = Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000
    const initial = wallInput(start, zone)
    setDate(initial.date)
    setTime(initial.time)
    setProblem(null)
    dialog.querySelector<HTMLInputElement>('input[type="date"]')?.focus()
  })

  function submit(): void {
    const at = parseWallInput(date, time, zone)
    if (at === null) {
      setProblem('composer.later.incomplete')
      return
    }
    const refused = laterProblem(at, Date.now())
    if (refused !== null) {
      setProblem(refused === 'past' ? 'composer.later.past' : 'composer.later.tooFar')
      return
    }
    onPick(at)
  }

  const described = problem === null ? undefined : errorId
  return (
    <dialog
      ref={ref}
      className="dialog later-picker"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {open && (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          <h2 id={titleId} className="dialog-title">
            {t.t('composer.later.pickTitle')}
          </h2>
          <div className="later-fields">
            <label className="later-field">
              <span>{t.t('composer.later.date')}</span>
              <input
                type="date"
                value={date}
                aria-invalid={problem !== null}
                aria-describedby={described}
                onChange={(event) => {
                  setDate(event.target.value)
                  setProblem(null)
                }}
              />
            </label>
            <label className="later-field">
              <span>{t.t('composer.later.time')}</span>
              <input
                type="time"
                value={time}
                aria-invalid={problem !== null}
                aria-describedby={described}
                onChange={(event) => {
                  setTime(event.target.value)
                  setProblem(null)
                }}
              />
            </label>
          </div>
          <p className="later-zone">
            {t.t('composer.later.zone', { zone })} {t.t('composer.later.whileRunning')}
          </p>
          {problem !== null && (
            <p id={errorId} className="field-error later-problem" role="alert">
              {t.t(problem)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onCancel}>
              {t.t('composer.later.cancel')}
            </button>
            <button type="submit" className="button primary">
              {t.t('composer.later.schedule')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}
