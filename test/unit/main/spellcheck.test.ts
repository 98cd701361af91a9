import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { MenuItemConstructorOptions } from 'electron'
import { DICTIONARIES, spellCheckerLanguages, writingLanguage } from '../../../src/main/spellcheck'
import {
  contextMenuTemplate,
  MAX_SUGGESTIONS,
  type ContextMenuFacts,
} from '../../../src/main/spellcheck-menu'
import { mainTranslator } from '../../../src/main/i18n/translate'
import { LANGUAGES } from '../../../src/shared/i18n/languages'

/** What Electron 45 lists in session.availableSpellCheckerLanguages on Linux and Windows (part). */
const ELECTRON_DICTIONARIES = [
  'en-AU',
  'en-CA',
  'en-GB',
  'en-US',
  'es',
  'es-419',
  'es-AR',
  'es-ES',
  'es-MX',
  'es-US',
  'pt-BR',
  'pt-PT',
]

test('each language maps to the dictionary Electron has: en-US, pt-BR, es', () => {
  assert.deepEqual(spellCheckerLanguages('en', [], ELECTRON_DICTIONARIES), ['en-US'])
  assert.deepEqual(spellCheckerLanguages('pt-BR', [], ELECTRON_DICTIONARIES), ['pt-BR'])
  assert.deepEqual(spellCheckerLanguages('es', [], ELECTRON_DICTIONARIES), ['es'])
  for (const language of LANGUAGES) assert.ok(DICTIONARIES[language].length > 0, language)
})

test('the window’s language comes first, then the drafts’ languages, each once', () => {
  assert.deepEqual(
    spellCheckerLanguages('pt-BR', ['en', 'pt-BR', 'es', 'en'], ELECTRON_DICTIONARIES),
    ['pt-BR', 'en-US', 'es'],
  )
  assert.deepEqual(spellCheckerLanguages('es', new Set(['es'] as const), ELECTRON_DICTIONARIES), [
    'es',
  ])
})

test('the pseudo-locale writes English', () => {
  assert.equal(writingLanguage('en-XA'), 'en')
  assert.deepEqual(spellCheckerLanguages('en-XA', ['es'], ELECTRON_DICTIONARIES), ['en-US', 'es'])
})

test('a missing dictionary falls back to a neighbour, or is left out rather than thrown on', () => {
  assert.deepEqual(spellCheckerLanguages('es', ['pt-BR'], ['es-419', 'pt-PT', 'en-GB']), [
    'es-419',
    'pt-PT',
  ])
  assert.deepEqual(spellCheckerLanguages('en', ['es'], ['en-GB', 'fr']), ['en-GB'])
  assert.deepEqual(spellCheckerLanguages('pt-BR', [], ['fr']), [])
  // An empty list means Electron did not say (macOS): the first of each is taken.
  assert.deepEqual(spellCheckerLanguages('pt-BR', ['en'], []), ['pt-BR', 'en-US'])
})

const noActions = { replaceMisspelling: () => undefined, addToDictionary: () => undefined }

function facts(patch: Partial<ContextMenuFacts> = {}): ContextMenuFacts {
  return {
    misspelledWord: '',
    dictionarySuggestions: [],
    isEditable: true,
    selectionText: '',
    editFlags: { canCut: false, canCopy: false, canPaste: true },
    ...patch,
  }
}

const shape = (template: MenuItemConstructorOptions[]): string[] =>
  template.map((item) =>
    item.type === 'separator'
      ? '---'
      : `${item.role ?? ''}:${item.label}${item.enabled === false ? ' (off)' : ''}`,
  )

test('a misspelled word offers suggestions, Add to dictionary, then Cut/Copy/Paste, in Portuguese', () => {
  const replaced: string[] = []
  const added: string[] = []
  const template = contextMenuTemplate(
    facts({ misspelledWord: 'anecso', dictionarySuggestions: ['anexo', 'anexos'] }),
    mainTranslator('pt-BR'),
    {
      replaceMisspelling: (word) => replaced.push(word),
      addToDictionary: (word) => added.push(word),
    },
  )
  assert.deepEqual(shape(template), [
    ':anexo',
    ':anexos',
    '---',
    ':Adicionar ao dicionário',
    '---',
    'cut:Recortar (off)',
    'copy:Copiar (off)',
    'paste:Colar',
  ])
  ;(template[1]!.click as () => void)()
  ;(template[3]!.click as () => void)()
  assert.deepEqual(replaced, ['anexos'])
  assert.deepEqual(added, ['anecso'])
})

test('in Spanish and English, with no suggestion and too many', () => {
  assert.deepEqual(
    shape(
      contextMenuTemplate(facts({ misspelledWord: 'adjunot' }), mainTranslator('es'), noActions),
    ),
    [
      ':No hay sugerencias (off)',
      '---',
      ':Agregar al diccionario',
      '---',
      'cut:Cortar (off)',
      'copy:Copiar (off)',
      'paste:Pegar',
    ],
  )
  const many = contextMenuTemplate(
    facts({
      misspelledWord: 'teh',
      dictionarySuggestions: ['the', 'tech', 'ten', 'tea', 'Te', 'tee', 'then'],
      editFlags: { canCut: true, canCopy: true, canPaste: true },
    }),
    mainTranslator('en'),
    noActions,
  )
  assert.deepEqual(shape(many).slice(0, MAX_SUGGESTIONS + 2), [
    ':the',
    ':tech',
    ':ten',
    ':tea',
    ':Te',
    '---',
    ':Add to dictionary',
  ])
  assert.deepEqual(shape(many).slice(-3), ['cut:Cut', 'copy:Copy', 'paste:Paste'])
})

test('outside the editor: Copy for a selection, nothing otherwise; never spelling', () => {
  const en = mainTranslator('en')
  assert.deepEqual(
    shape(
      contextMenuTemplate(
        facts({
          isEditable: false,
          selectionText: 'Outbox',
          misspelledWord: 'Outbox',
          editFlags: { canCut: false, canCopy: true, canPaste: false },
        }),
        en,
        noActions,
      ),
    ),
    ['copy:Copy'],
  )
  assert.deepEqual(contextMenuTemplate(facts({ isEditable: false }), en, noActions), [])
})

test('every language words the context menu itself', () => {
  const labels = (language: (typeof LANGUAGES)[number]) =>
    contextMenuTemplate(facts({ misspelledWord: 'x' }), mainTranslator(language), noActions)
      .filter((item) => item.type !== 'separator')
      .map((item) => item.label)
  const en = labels('en')
  for (const language of ['pt-BR', 'es'] as const) {
    const words = labels(language)
    assert.equal(words.length, en.length)
    // Copy is "Copiar" in both; everything else differs from English.
    assert.ok(
      words.every((label, index) => label !== en[index]),
      `${language}: ${words.join(', ')}`,
    )
  }
})
