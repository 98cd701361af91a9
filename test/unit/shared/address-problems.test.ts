import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseMailbox } from '../../../src/shared/addresses'
import { createTranslator } from '../../../src/shared/i18n/translator'
import { CATALOGS } from '../../../src/shared/i18n/window-catalogs'

/** One entry for each way an address can be wrong. */
const BAD = [
  '   ',
  'a@b.c\nBcc: x@y.z',
  'a\u0000@b.c',
  '"Ada Lovelace <ada@example.com>',
  'Ada <ada@example.com',
  'ada@example.com>',
  'Ada <a@b.cc> <c@d.ee>',
  'Ada <ada@example.com> later',
  'Ada <>',
  'Ada Lovelace',
  '"Ada" ada@example.com',
  'ada lovelace@example.com',
  'ada.example.com',
  'a@b@c.d',
  '@example.com',
  'ada@',
  `${'a'.repeat(250)}@b.cd`,
  `${'a'.repeat(65)}@b.cd`,
  `${'N'.repeat(257)} <a@b.cd>`,
  'a..b@c.d',
  '.a@c.d',
  'a@.c.d',
  'a@localhost',
  'a@[127.0.0.1]',
  'a@-c.d',
  `a@${'c'.repeat(64)}.d`,
  'a@c.123',
  'a(b@c.d',
  'a@c%.d',
  'ja\u200bne@doe.com',
  '"\u202emoc.eel@nna" <x@evil.example>',
]

const en = createTranslator('en', CATALOGS)
const pt = createTranslator('pt-BR', CATALOGS)
const es = createTranslator('es', CATALOGS)

test('every way an address is wrong has a code, and the window words it in each language', () => {
  const codes = new Set<string>()
  for (const entry of BAD) {
    const parsed = parseMailbox(entry)
    assert.equal(parsed.ok, false, entry)
    if (parsed.ok) continue
    codes.add(parsed.problem.code)
    const key = `composer.address.${parsed.problem.code}` as const
    // The English catalog says what the parser's English sentence (main's log) says.
    assert.equal(en.t(key, parsed.problem.params), parsed.reason, entry)
    for (const other of [pt, es]) {
      const text = other.t(key, parsed.problem.params)
      assert.notEqual(text, parsed.reason, `${other.language}: ${entry}`)
      assert.doesNotMatch(text, /[{}]/, `${other.language}: ${entry}`)
    }
  }
  // Every code of the parser is met by one of the entries above.
  const allCodes = Object.keys(CATALOGS.en).filter((key) => key.startsWith('composer.address.'))
  const missing = allCodes.map((key) => key.slice(17)).filter((code) => !codes.has(code))
  assert.deepEqual(missing, [])
  assert.deepEqual([...codes].sort(), allCodes.map((key) => key.slice(17)).sort())
})

test('params reach the sentence: the character and the limits', () => {
  const parsed = parseMailbox('a@c%.d')
  assert.ok(!parsed.ok)
  assert.deepEqual(parsed.problem, { code: 'badDomainChar', params: { char: '“%”' } })
  assert.equal(
    pt.t(`composer.address.${parsed.problem.code}`, parsed.problem.params),
    'O caractere “%” não é permitido em um domínio.',
  )
  const long = parseMailbox(`${'a'.repeat(65)}@b.cd`)
  assert.ok(!long.ok)
  assert.equal(
    es.t(`composer.address.${long.problem.code}`, long.problem.params),
    'La parte antes de la @ tiene más de 64 caracteres.',
  )
})
