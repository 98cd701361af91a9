import { test } from 'node:test'
import assert from 'node:assert/strict'
import { acceptLanguageTags, languageOf, matchLanguage } from '../../../src/shared/i18n/languages'
import { createTranslator, quickFormat } from '../../../src/shared/i18n/translator'

const catalogs = {
  en: {
    'common.bytes': '{count, plural, one {# byte} other {# bytes}}',
    'x.files': '{count, plural, one {# attachment} other {# attachments}}',
    'x.hello': 'Hello, {name}',
    'x.onlyEnglish': 'Only in English',
  },
  'pt-BR': {
    'common.bytes': '{count, plural, one {# byte} other {# bytes}}',
    'x.files': '{count, plural, one {# anexo} other {# anexos}}',
    'x.hello': 'Olá, {name}',
  },
  es: {
    'common.bytes': '{count, plural, one {# byte} other {# bytes}}',
    'x.files': '{count, plural, one {# archivo adjunto} other {# archivos adjuntos}}',
    'x.hello': 'Hola, {name',
  },
}

test('system languages fall back as people expect', () => {
  assert.equal(matchLanguage(['pt-PT']), 'pt-BR')
  assert.equal(matchLanguage(['pt']), 'pt-BR')
  assert.equal(matchLanguage(['es-MX', 'en-US']), 'es')
  assert.equal(matchLanguage(['es_419']), 'es')
  assert.equal(matchLanguage(['fr-FR', 'de']), 'en')
  assert.equal(matchLanguage(['fr-FR', 'es-AR']), 'es')
  assert.equal(matchLanguage([]), 'en')
  assert.equal(languageOf('EN-gb'), 'en')
  assert.equal(languageOf('ptx'), null)
})

test('Accept-Language is read by weight, and q=0 is a refusal', () => {
  assert.deepEqual(acceptLanguageTags('pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7'), [
    'pt-BR',
    'pt',
    'en-US',
    'en',
  ])
  assert.deepEqual(acceptLanguageTags('en;q=0.5, es-MX'), ['es-MX', 'en'])
  assert.deepEqual(acceptLanguageTags('es;q=0, *'), [])
  assert.deepEqual(acceptLanguageTags(undefined), [])
  assert.equal(matchLanguage(acceptLanguageTags('de-DE,de;q=0.9,pt;q=0.1')), 'pt-BR')
})

test('plurals, numbers and sizes follow the locale', () => {
  const pt = createTranslator('pt-BR', catalogs)
  assert.equal(pt.t('x.files', { count: 1 }), '1 anexo')
  assert.equal(pt.t('x.files', { count: 3 }), '3 anexos')
  assert.equal(pt.bytes(4.2 * 1024 * 1024), '4,2 MB')
  assert.equal(pt.bytes(812), '812 bytes')
  const es = createTranslator('es', catalogs)
  assert.equal(es.t('x.files', { count: 1 }), '1 archivo adjunto')
  assert.equal(es.bytes(1536), '1,5 KB')
  const en = createTranslator('en', catalogs)
  assert.equal(en.bytes(1536), '1.5 KB')
  assert.equal(en.bytes(1), '1 byte')
  assert.equal(en.list(['a', 'b', 'c']), 'a, b, and c')
  assert.equal(pt.list(['a', 'b', 'c']), 'a, b e c')
})

test('a missing key falls back to English, a broken message to English, and each is reported', () => {
  const problems: string[] = []
  const es = createTranslator('es', catalogs, (p) => problems.push(`${p.key}:${p.reason}`))
  assert.equal(es.t('x.onlyEnglish'), 'Only in English')
  assert.equal(es.t('x.hello', { name: 'Ana' }), 'Hello, Ana')
  assert.equal(es.t('x.nowhere'), 'x.nowhere')
  assert.deepEqual(problems, ['x.onlyEnglish:missing', 'x.hello:format', 'x.nowhere:missing'])
})

test('the pseudo-locale accents the text, keeps placeholders and grows it by 40%', () => {
  const pseudo = createTranslator('en-XA', catalogs)
  const out = pseudo.t('x.hello', { name: 'Ada' })
  assert.match(out, /^⟦Hé[lL]+õ, Ada·+⟧$/)
  assert.ok(out.length >= Math.ceil('Hello, Ada'.length * 1.4), out)
  assert.match(pseudo.t('x.files', { count: 2 }), /2 åttåçhméñtš/)
})

test('a message without ICU syntax, or with string arguments only, reads exactly as intl-messageformat formats it', async () => {
  const { IntlMessageFormat } = await import('intl-messageformat')
  const { CATALOGS: windowCatalogs } = await import('../../../src/shared/i18n/window-catalogs')
  const { CATALOGS: mainCatalogs } = await import('../../../src/shared/i18n/main-catalogs')
  let quick = 0
  let parsed = 0
  for (const catalogs of [windowCatalogs, mainCatalogs]) {
    for (const [language, catalog] of Object.entries(catalogs)) {
      for (const [key, pattern] of Object.entries(catalog)) {
        // Every argument given as a string with characters ICU would quote or escape.
        const names = [...pattern.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!)
        const params = Object.fromEntries(names.map((name) => [name, `${name} {x} 'y' #1 <b>`]))
        const fast = quickFormat(pattern, params)
        if (fast === null) {
          parsed++
          continue
        }
        quick++
        const full = String(new IntlMessageFormat(pattern, language).format(params))
        assert.equal(fast, full, `${language} ${key}`)
      }
    }
  }
  assert.ok(quick > 1000, `${quick} messages read without parsing`)
  assert.ok(parsed > 50, `${parsed} messages go through intl-messageformat`)
  // A number or a missing argument is intl-messageformat's to format.
  assert.equal(quickFormat('{count} files', { count: 1234 }), null)
  assert.equal(quickFormat('Hello, {name}', {}), null)
  assert.equal(quickFormat("It''s {name}", { name: 'x' }), null)
  assert.equal(quickFormat("Don''t", {}), "Don't")
})
