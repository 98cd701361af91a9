import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  dedupeRecipients,
  extractRecipients,
  parseMailbox,
  type RecipientNote,
} from '../../../src/shared/addresses'
import { loadRenderer } from '../renderer/load-renderer'

/** The notes as the window words them in English (src/renderer/recipient-notes.ts). */
let noteSentence: (note: RecipientNote) => string
let noteIn: (language: 'pt-BR' | 'es', note: RecipientNote) => string

before(async () => {
  const { translatorFor } = await loadRenderer<{
    translatorFor(language: 'en' | 'pt-BR' | 'es'): unknown
  }>('i18n/I18n.tsx')
  const { noteText } = await loadRenderer<{
    noteText(t: unknown, note: RecipientNote): string
  }>('recipient-notes.ts')
  const english = translatorFor('en')
  noteSentence = (note) => noteText(english, note)
  noteIn = (language, note) => noteText(translatorFor(language), note)
})

/** The entries a paste becomes, and the notes said about it as sentences. */
function paste(text: string): { entries: readonly string[]; notes: string[] } {
  const found = extractRecipients(text)
  return { entries: found.entries, notes: found.notes.map(noteSentence) }
}

function entries(text: string): readonly string[] {
  return paste(text).entries
}

// Spreadsheets (Google Sheets, Excel, LibreOffice Calc copy cells as TAB-separated rows)

test('two spreadsheet columns give one named recipient per row', () => {
  assert.deepEqual(entries('Ann Lee\tann@lee.com\r\nBob Roe\tbob@roe.com\r\n'), [
    'Ann Lee <ann@lee.com>',
    'Bob Roe <bob@roe.com>',
  ])
})

test('first and last name in their own columns are joined into the name', () => {
  assert.deepEqual(entries('Ann\tLee\tann@lee.com\nRick\tRoe\trick@roe.com'), [
    'Ann Lee <ann@lee.com>',
    'Rick Roe <rick@roe.com>',
  ])
})

test('a header row without addresses is left out with a note', () => {
  const result = paste('Name\tEmail\nAnn Lee\tann@lee.com')
  assert.deepEqual(result.entries, ['Ann Lee <ann@lee.com>'])
  assert.deepEqual(result.notes, ['Left out “Name Email”: it holds no address.'])
})

test('an address column before the name column still takes the name', () => {
  assert.deepEqual(entries('ann@lee.com\tAnn Lee'), ['Ann Lee <ann@lee.com>'])
})

test('a row with an empty name cell gives the bare address', () => {
  assert.deepEqual(entries('\tann@lee.com\nBob Roe\tbob@roe.com'), [
    'ann@lee.com',
    'Bob Roe <bob@roe.com>',
  ])
})

test('a name with a comma from a spreadsheet cell is quoted', () => {
  assert.deepEqual(entries('Lee, Ann\tann@lee.com'), ['"Lee, Ann" <ann@lee.com>'])
})

// mailto: links

test('a mailto link becomes its address, its query dropped', () => {
  assert.deepEqual(entries('mailto:x@y.com?subject=Hello%20there&body=Hi'), ['x@y.com'])
})

test('a mailto link in angle brackets, as some browsers copy it, becomes its address', () => {
  assert.deepEqual(entries('<mailto:x@y.com>'), ['x@y.com'])
})

test('a mailto link with two percent-encoded addresses gives both', () => {
  assert.deepEqual(entries('MAILTO:a@b.com,c%40d.com?cc=e@f.com'), ['a@b.com', 'c@d.com'])
})

test('a named address whose angle brackets hold a mailto link keeps its name', () => {
  assert.deepEqual(entries('Ann Lee <mailto:ann@lee.com>'), ['Ann Lee <ann@lee.com>'])
})

// Old and odd forms

test('the old comment form takes the comment as the name', () => {
  assert.deepEqual(entries('old@style.com (Old Style)'), ['Old Style <old@style.com>'])
})

test('Word’s curly quotes around a name with a comma make one chip', () => {
  assert.deepEqual(entries('“Roe, Rick” <rick@roe.com>'), ['"Roe, Rick" <rick@roe.com>'])
})

test('German low-high quotes and guillemets are quotes too', () => {
  assert.deepEqual(entries('„Müller, Jörg“ <joerg@mueller.de>; «Dupont, Zoé» <zoe@dupont.fr>'), [
    '"Müller, Jörg" <joerg@mueller.de>',
    '"Dupont, Zoé" <zoe@dupont.fr>',
  ])
})

test('Outlook’s unquoted “Last, First <address>” keeps the whole name', () => {
  assert.deepEqual(entries('Lee, Ann <ann@lee.com>; Roe, Rick <rick@roe.com>'), [
    '"Lee, Ann" <ann@lee.com>',
    '"Roe, Rick" <rick@roe.com>',
  ])
})

test('a name followed by a bare address takes that name', () => {
  assert.deepEqual(entries('Ann Lee ann@lee.com'), ['Ann Lee <ann@lee.com>'])
})

test('single quotes around an address, as Outlook writes them, go', () => {
  assert.deepEqual(entries("'ann@lee.com'"), ['ann@lee.com'])
})

test('a full stop after an address at the end of a sentence is not part of it', () => {
  assert.deepEqual(entries('ann@lee.com.'), ['ann@lee.com'])
})

// Free text and mixed lists

test('addresses inside a sentence come out, the other words are left out with a note', () => {
  const result = paste('Please write to ann@lee.com or bob@roe.com before Friday.')
  assert.deepEqual(result.entries, ['ann@lee.com', 'bob@roe.com'])
  assert.equal(result.notes.length, 1)
  assert.match(result.notes[0]!, /^Left out “Please write to or before Friday\.”/)
})

test('words on both sides of one address are not taken as its name', () => {
  assert.deepEqual(entries('Write to ann@lee.com today'), ['ann@lee.com'])
})

test('a mixed list of every form gives each address once, with its name', () => {
  const text = [
    '"Hopper, Grace" <grace@example.org>, alan@turing.org; “Roe, Rick” <rick@roe.com>',
    'Ann Lee\tann@lee.com',
    'mailto:x@y.com?subject=Hi',
    'old@style.com (Old Style)',
  ].join('\n')
  assert.deepEqual(entries(text), [
    '"Hopper, Grace" <grace@example.org>',
    'alan@turing.org',
    '"Roe, Rick" <rick@roe.com>',
    'Ann Lee <ann@lee.com>',
    'x@y.com',
    'Old Style <old@style.com>',
  ])
})

test('an entry with no address is kept as typed so that its chip says why', () => {
  assert.deepEqual(entries('Ann Lee, ann@lee, ann@'), ['Ann Lee', 'ann@lee', 'ann@'])
  assert.equal(parseMailbox('ann@lee').ok, false)
})

test('a broken address next to a good one keeps the whole entry, nothing is lost', () => {
  assert.deepEqual(entries('ann@lee.com ann@'), ['ann@lee.com ann@'])
})

test('an empty paste gives nothing and says nothing', () => {
  assert.deepEqual(paste(' \n\t ,; '), { entries: [], notes: [] })
})

test('a line break inside a pasted entry never reaches an address', () => {
  for (const entry of entries('"Evil\r\nBcc: x@y.com" <a@b.com>')) {
    assert.doesNotMatch(entry, /[\r\n]/)
  }
})

// Invisible and bidi control characters

test('a zero-width space in an address is removed, with a note naming it', () => {
  const result = paste('ja\u200bne@doe.com')
  assert.deepEqual(result.entries, ['jane@doe.com'])
  assert.deepEqual(result.notes, ['Removed an invisible character (U+200B) from jane@doe.com.'])
})

test('several invisible characters are all named', () => {
  const result = paste('an\ufeffn\u2060@lee\u00ad.com')
  assert.deepEqual(result.entries, ['ann@lee.com'])
  assert.deepEqual(result.notes, [
    'Removed 3 invisible characters (U+FEFF, U+2060, U+00AD) from ann@lee.com.',
  ])
})

test('a right-to-left override in a name cannot disguise the address', () => {
  const result = paste('"\u202emoc.evil@nna" <x@evil.com>')
  assert.deepEqual(result.entries, ['"moc.evil@nna" <x@evil.com>'])
  assert.deepEqual(result.notes, [
    'Removed an invisible character (U+202E) from the name of x@evil.com.',
  ])
})

test('a joiner inside a name is kept, one inside the address goes', () => {
  assert.deepEqual(entries('مهسا\u200cی <ma\u200chsa@example.ir>'), [
    'مهسا\u200cی <mahsa@example.ir>',
  ])
})

test('parsing refuses invisible characters in an address and bidi controls in a name', () => {
  const address = parseMailbox('ja\u200bne@doe.com')
  assert.ok(!address.ok)
  assert.match(address.reason, /invisible character \(U\+200B\)/)
  const name = parseMailbox('"\u202eAnn" <ann@lee.com>')
  assert.ok(!name.ok)
  assert.match(name.reason, /U\+202E/)
  assert.ok(parseMailbox('"\u200fשרה" <sara@example.co.il>').ok, 'an RLM in a name is fine')
})

// Duplicates

test('duplicates go across To, Cc and Bcc, whatever their case, first one kept', () => {
  const box = (address: string, name = '') => ({ name, address })
  const result = dedupeRecipients({
    to: [box('a1@x.com'), box('jane@doe.com'), box('a1@x.com')],
    cc: [box('A1@x.com'), box('bob@roe.com')],
    bcc: [box('Jane@Doe.com', 'Jane Doe'), box('BOB@roe.com')],
  })
  assert.deepEqual(result, {
    to: [box('a1@x.com'), box('jane@doe.com', 'Jane Doe')],
    cc: [box('bob@roe.com')],
    bcc: [],
  })
})

test('the notes read in Portuguese (Brazil) and Spanish, with their plurals', () => {
  const [one] = extractRecipients('ja\u200bne@doe.com').notes
  const [three] = extractRecipients('an\ufeffn\u2060@lee\u00ad.com').notes
  assert.equal(
    noteIn('pt-BR', one!),
    'Um caractere invisível foi removido (U+200B) de jane@doe.com.',
  )
  assert.equal(
    noteIn('es', three!),
    'Se quitaron 3 caracteres invisibles (U+FEFF, U+2060, U+00AD) de ann@lee.com.',
  )
  const merged: RecipientNote = { kind: 'merged', address: 'a1@x.com', field: 'Cc' }
  assert.equal(noteIn('pt-BR', merged), 'a1@x.com já está em Cc, então não foi adicionado de novo.')
  assert.equal(noteIn('es', merged), 'a1@x.com ya está en Cc, así que no se volvió a añadir.')
})
