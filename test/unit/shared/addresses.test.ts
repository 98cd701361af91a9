import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  formatMailbox,
  parseMailbox,
  splitRecipients,
  type Mailbox,
} from '../../../src/shared/addresses'

function accepted(entry: string): Mailbox {
  const result = parseMailbox(entry)
  assert.ok(result.ok, `expected ${JSON.stringify(entry)} to parse, got ${JSON.stringify(result)}`)
  return result.mailbox
}

function reason(entry: string): string {
  const result = parseMailbox(entry)
  assert.ok(!result.ok, `expected ${JSON.stringify(entry)} to be refused`)
  return result.reason
}

// splitRecipients

test('a pasted list splits on the comma outside the quoted name only', () => {
  assert.deepEqual(splitRecipients('"Name, Jr." <a@b.c>, d@e.f'), ['"Name, Jr." <a@b.c>', 'd@e.f'])
})

test('semicolons and line breaks separate entries like commas', () => {
  assert.deepEqual(splitRecipients('a@b.c; d@e.f\ng@h.i\r\nj@k.l'), [
    'a@b.c',
    'd@e.f',
    'g@h.i',
    'j@k.l',
  ])
})

test('entries are trimmed and empty ones dropped', () => {
  assert.deepEqual(splitRecipients('  a@b.c ,, ;\n\n  d@e.f  ,'), ['a@b.c', 'd@e.f'])
})

test('text with only separators and spaces gives no entries', () => {
  assert.deepEqual(splitRecipients(' ,; \n '), [])
})

test('a comma inside angle brackets does not split', () => {
  assert.deepEqual(splitRecipients('Name <a,b@c.d>, e@f.g'), ['Name <a,b@c.d>', 'e@f.g'])
})

test('an escaped quote inside a quoted name does not end the quote', () => {
  assert.deepEqual(splitRecipients('"Zoë \\"Z, the first\\"" <z@b.c>; y@b.c'), [
    '"Zoë \\"Z, the first\\"" <z@b.c>',
    'y@b.c',
  ])
})

test('a line break inside quotes stays in its entry so that parsing refuses it', () => {
  const entries = splitRecipients('"Name\r\nBcc: evil@x.com" <a@b.c>')
  assert.equal(entries.length, 1)
  assert.equal(parseMailbox(entries[0]!).ok, false)
})

test('an injection attempt typed on one line splits into entries that are refused', () => {
  const entries = splitRecipients('a@b.c\r\nBcc: evil@x.com')
  assert.deepEqual(entries, ['a@b.c', 'Bcc: evil@x.com'])
  assert.equal(parseMailbox(entries[1]!).ok, false)
})

// parseMailbox: accepted forms

test('a bare address parses with an empty name', () => {
  assert.deepEqual(accepted('a@b.c'), { name: '', address: 'a@b.c' })
})

test('a name with an address in angle brackets parses', () => {
  assert.deepEqual(accepted('Ada Lovelace <ada@example.com>'), {
    name: 'Ada Lovelace',
    address: 'ada@example.com',
  })
})

test('a quoted name keeps its comma', () => {
  assert.deepEqual(accepted('"Name, Jr." <a@b.c>'), { name: 'Name, Jr.', address: 'a@b.c' })
})

test('escaped quotes in a quoted Unicode name are unescaped', () => {
  assert.deepEqual(accepted('"Zoë \\"Z\\" Ångström" <z@b.c>'), {
    name: 'Zoë "Z" Ångström',
    address: 'z@b.c',
  })
})

test('an address in angle brackets without a name parses', () => {
  assert.deepEqual(accepted('<a@b.c>'), { name: '', address: 'a@b.c' })
})

test('unquoted Unicode names in several scripts parse', () => {
  assert.equal(accepted('Łukasz Żółć <l@b.c>').name, 'Łukasz Żółć')
  assert.equal(accepted('山田 太郎 <taro@example.jp>').name, '山田 太郎')
  assert.equal(accepted('Ζωή 👋 <z@b.c>').name, 'Ζωή 👋')
})

test('an IDN domain is kept as typed', () => {
  assert.equal(accepted('José <jose@bücher.de>').address, 'jose@bücher.de')
})

test('a Unicode local part is accepted (RFC 6531)', () => {
  assert.equal(accepted('θσερ@example.gr').address, 'θσερ@example.gr')
})

test('whitespace around and inside the name is collapsed', () => {
  assert.deepEqual(accepted('  Ada \t  Lovelace   < ada@example.com >  '), {
    name: 'Ada Lovelace',
    address: 'ada@example.com',
  })
})

test('a name made of quoted and unquoted parts is joined', () => {
  assert.equal(accepted('"Ada" Lovelace <ada@example.com>').name, 'Ada Lovelace')
})

test('plus tags, percent signs and other atext characters are legal in the local part', () => {
  assert.equal(accepted("o'brien+tag%x{y}@example.com").address, "o'brien+tag%x{y}@example.com")
})

test('literal percent-encoded line breaks in a local part are plain text and accepted', () => {
  assert.equal(accepted('a%0d%0a@b.c').address, 'a%0d%0a@b.c')
})

test('a local part of 64 characters is accepted', () => {
  assert.equal(accepted(`${'a'.repeat(64)}@b.co`).address.length, 69)
})

test('an address of 254 characters is accepted', () => {
  const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(10)}`
  const address = `${'a'.repeat(254 - domain.length - 1)}@${domain}`
  assert.equal(address.length, 254)
  assert.equal(accepted(address).address, address)
})

// parseMailbox: refused forms

test('a CR LF followed by a Bcc header is refused as a line break', () => {
  assert.equal(reason('a@b.c\r\nBcc: evil@x.com'), 'Line breaks are not allowed in an address.')
})

test('a lone LF in a name is refused, not stripped', () => {
  assert.equal(
    reason('Ada\nLovelace <ada@example.com>'),
    'Line breaks are not allowed in an address.',
  )
})

test('a lone CR inside a quoted name is refused', () => {
  assert.equal(
    reason('"Ada\rBcc: x@y.z" <ada@example.com>'),
    'Line breaks are not allowed in an address.',
  )
})

test('Unicode line separators are refused like line breaks', () => {
  assert.equal(reason('a@b.c\u2028Bcc: e@x.com'), 'Line breaks are not allowed in an address.')
})

test('a NUL or other control character is refused', () => {
  assert.match(reason('a\u0000@b.c'), /control characters/)
  assert.match(reason('Ada\u001b <a@b.c>'), /control characters/)
})

test('percent-encoded line breaks after the domain are refused by the domain check', () => {
  assert.equal(reason('a@b.c%0d%0a'), 'The character “%” is not allowed in a domain.')
})

test('an address without an @ is refused', () => {
  assert.match(reason('ada.example.com'), /needs an @/)
})

test('nothing before the @ is refused', () => {
  assert.equal(reason('@example.com'), 'Nothing comes before the @.')
})

test('nothing after the @ is refused', () => {
  assert.equal(reason('ada@'), 'Nothing comes after the @.')
})

test('two @ signs are refused', () => {
  assert.equal(reason('a@b@c.d'), 'An address can contain only one @.')
})

test('spaces inside an address are refused', () => {
  assert.match(reason('ada lovelace@example.com'), /^Spaces are not allowed/)
  assert.match(reason('Ada <ada lovelace@example.com>'), /^Spaces are not allowed/)
})

test('a domain without a dot is refused since Gmail will not deliver to it', () => {
  assert.equal(reason('a@localhost'), 'The domain needs a dot, like example.com.')
})

test('consecutive dots are refused in the local part and in the domain', () => {
  assert.match(reason('a..b@c.d'), /two dots in a row/)
  assert.match(reason('a@c..d'), /two dots in a row/)
})

test('a dot at the start or end of either part is refused', () => {
  assert.match(reason('.a@b.c'), /cannot start or end with a dot/)
  assert.match(reason('a.@b.c'), /cannot start or end with a dot/)
  assert.match(reason('a@.b.c'), /cannot start or end with a dot/)
  assert.match(reason('a@b.c.'), /cannot start or end with a dot/)
})

test('a hyphen at the edge of a domain label is refused', () => {
  assert.match(reason('a@-b.c'), /hyphen/)
  assert.match(reason('a@b-.c'), /hyphen/)
})

test('a domain ending in digits or given as an IP literal is refused', () => {
  assert.match(reason('a@1.2.3.4'), /not a number/)
  assert.match(reason('a@[1.2.3.4]'), /IP address/)
})

test('special characters outside quotes are refused in the local part', () => {
  assert.equal(reason('<a(b)@c.d>'), 'The character “(” is not allowed in an address.')
})

test('a local part over 64 characters is refused', () => {
  assert.match(reason(`${'a'.repeat(65)}@b.co`), /longer than 64/)
})

test('an address over 254 characters is refused', () => {
  const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(11)}`
  assert.match(reason(`${'a'.repeat(254 - domain.length)}@${domain}`), /longer than 254/)
})

test('lengths are counted in UTF-8 bytes as RFC 5321 counts octets', () => {
  assert.match(reason(`${'é'.repeat(33)}@b.co`), /longer than 64/)
})

test('a domain label over 63 characters is refused', () => {
  assert.match(reason(`a@${'d'.repeat(64)}.com`), /longer than 63/)
})

test('a name without an address is refused', () => {
  assert.equal(reason('Ada Lovelace'), 'This has a name but no email address.')
  assert.equal(reason('"Name, Jr."'), 'This has a name but no email address.')
})

test('two addresses in one entry are refused', () => {
  assert.match(reason('a@b.c d@e.f'), /^Only one address per entry/)
  assert.match(reason('Ada <a@b.c> <d@e.f>'), /^Only one address per entry/)
  assert.match(reason('<a@b.c> d@e.f'), /^Only one address per entry/)
})

test('a quoted name followed by an address without brackets is refused with a hint', () => {
  assert.match(reason('"Ada" ada@example.com'), /angle brackets/)
})

test('text after the address in angle brackets is refused', () => {
  assert.equal(reason('<a@b.c> Ada'), 'Nothing may follow the address in angle brackets.')
})

test('unbalanced quotes and brackets are refused', () => {
  assert.equal(reason('"Ada <a@b.c>'), 'A quotation mark is not closed.')
  assert.equal(reason('Ada <a@b.c'), 'An angle bracket < is not closed.')
  assert.equal(reason('Ada a@b.c>'), 'There is a > without a matching <.')
})

test('empty angle brackets and an empty entry are refused', () => {
  assert.equal(reason('Ada <>'), 'The angle brackets hold no address.')
  assert.equal(reason('   '), 'The entry is empty.')
})

test('a display name over 256 characters is refused', () => {
  assert.match(reason(`${'n'.repeat(257)} <a@b.c>`), /name is longer than 256/)
  assert.equal(accepted(`${'n'.repeat(256)} <a@b.c>`).name.length, 256)
})

// formatMailbox

test('a mailbox without a name formats as the bare address', () => {
  assert.equal(formatMailbox({ name: '', address: 'a@b.c' }), 'a@b.c')
})

test('a plain name formats as Name <address>', () => {
  assert.equal(formatMailbox({ name: 'Zoë Ångström', address: 'z@b.c' }), 'Zoë Ångström <z@b.c>')
})

test('a name with a comma or quotes is quoted and escaped', () => {
  assert.equal(formatMailbox({ name: 'Name, Jr.', address: 'a@b.c' }), '"Name, Jr." <a@b.c>')
  assert.equal(
    formatMailbox({ name: 'Zoë "Z" Ångström', address: 'z@b.c' }),
    '"Zoë \\"Z\\" Ångström" <z@b.c>',
  )
})

test('a formatted mailbox parses back to the same mailbox', () => {
  for (const mailbox of [
    { name: '', address: 'a@b.c' },
    { name: 'Name, Jr.', address: 'a@b.c' },
    { name: 'Zoë "Z" Ångström', address: 'z@bücher.de' },
    { name: 'back\\slash; <angle> (paren) a@b.c', address: 'x@y.zz' },
  ]) {
    assert.deepEqual(accepted(formatMailbox(mailbox)), mailbox)
  }
})
