import type { RecipientNote } from '../shared/addresses'
import type { WindowTranslator } from './i18n/I18n'

/** Bidi controls (U+202A–U+202E, U+2066–U+2069) only matter in a name; the rest in an address. */
const BIDI_CODE = /^U\+(202[A-E]|206[6-9])$/

/** Text that stood beside addresses is quoted up to this many characters. */
const QUOTED_LENGTH = 60

/**
 * One sentence for what adding recipients did, shown next to the field it is about: a copy
 * merged into the address already there, invisible characters removed, text left out.
 */
export function noteText(t: WindowTranslator, note: RecipientNote): string {
  switch (note.kind) {
    case 'stripped': {
      const params = {
        count: note.characters.length,
        characters: note.characters.join(', '),
        address: note.address,
      }
      return note.characters.every((code) => BIDI_CODE.test(code))
        ? t.t('composer.recipients.noteStrippedName', params)
        : t.t('composer.recipients.noteStripped', params)
    }
    case 'merged':
      return t.t('composer.recipients.noteMerged', { address: note.address, field: note.field })
    case 'ignored': {
      const text =
        note.text.length > QUOTED_LENGTH ? `${note.text.slice(0, QUOTED_LENGTH - 1)}…` : note.text
      return t.t('composer.recipients.noteIgnored', { text })
    }
  }
}
