import type { MenuItemConstructorOptions } from 'electron'
import type { MainTranslator } from './i18n/translate'
import { editItems } from './menu-template'

/** What the editor's context menu needs of Electron's `context-menu` event (its `params`). */
export interface ContextMenuFacts {
  /** The word under the pointer the spell checker does not know, or ''. */
  readonly misspelledWord: string
  /** The spell checker's suggestions for it. */
  readonly dictionarySuggestions: readonly string[]
  readonly isEditable: boolean
  readonly selectionText: string
  readonly editFlags: {
    readonly canCut: boolean
    readonly canCopy: boolean
    readonly canPaste: boolean
  }
}

/** What the menu's own items do; window.ts wires them to the webContents and the session. */
export interface ContextMenuActions {
  /** Replaces the misspelled word with a suggestion (webContents.replaceMisspelling). */
  replaceMisspelling(word: string): void
  /** Teaches the spell checker the word (session.addWordToSpellCheckerDictionary). */
  addToDictionary(word: string): void
}

/** How many suggestions the menu offers (Chromium's own menu shows up to five). */
export const MAX_SUGGESTIONS = 5

/**
 * The context menu of the editor in the app's language: the spell checker's suggestions for a
 * misspelled word and "Add to dictionary", then Cut, Copy and Paste (what the place allows).
 * Empty when there is nothing to offer (the window then shows no menu). Pure: tested under Node.
 */
export function contextMenuTemplate(
  facts: ContextMenuFacts,
  t: MainTranslator,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const spelling: MenuItemConstructorOptions[] = []
  const word = facts.misspelledWord.trim()
  if (facts.isEditable && word !== '') {
    const suggestions = facts.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    if (suggestions.length === 0) {
      spelling.push({ label: t.t('menu.context.noSuggestions'), enabled: false })
    }
    for (const suggestion of suggestions) {
      spelling.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) })
    }
    spelling.push(
      { type: 'separator' },
      { label: t.t('menu.context.addToDictionary'), click: () => actions.addToDictionary(word) },
    )
  }
  const [cut, copy, paste] = editItems(t) as [
    MenuItemConstructorOptions,
    MenuItemConstructorOptions,
    MenuItemConstructorOptions,
  ]
  const editing: MenuItemConstructorOptions[] = facts.isEditable
    ? [
        { ...cut, enabled: facts.editFlags.canCut },
        { ...copy, enabled: facts.editFlags.canCopy },
        { ...paste, enabled: facts.editFlags.canPaste },
      ]
    : facts.selectionText.trim() !== ''
      ? [{ ...copy, enabled: facts.editFlags.canCopy }]
      : []
  if (spelling.length > 0 && editing.length > 0) spelling.push({ type: 'separator' })
  return [...spelling, ...editing]
}
