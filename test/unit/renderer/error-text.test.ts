import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { SetAsideFile } from '../../../src/shared/domain'
import {
  ERROR_CODES,
  ERROR_DETAILS,
  KEPT,
  type ErrorDetail,
  type PostlineError,
} from '../../../src/shared/errors'
import { LANGUAGES, type Language } from '../../../src/shared/i18n/languages'
import { createTranslator, type Translator } from '../../../src/shared/i18n/translator'
import { CATALOGS } from '../../../src/shared/i18n/window-catalogs'
import { loadRenderer } from './load-renderer'

type Context = 'account' | 'draft' | 'attachment' | 'send' | 'outbox' | 'settings'
type ErrorText = (
  t: Translator,
  error: PostlineError,
  context?: Context,
) => { title: string; detail: string } | null
interface ErrorTextModule {
  errorText: ErrorText
  errorSentence(t: Translator, error: PostlineError): string
  setAsideReason(t: Translator, file: Pick<SetAsideFile, 'reason' | 'moved'>): string
}
let words: ErrorTextModule

before(async () => {
  words = await loadRenderer<ErrorTextModule>('error-text.ts')
})

const CONTEXTS: (Context | undefined)[] = [
  undefined,
  'account',
  'draft',
  'attachment',
  'send',
  'outbox',
  'settings',
]

/** A translator that fails the test on any missing key or message that does not format. */
function strictTranslator(language: Language): Translator {
  return createTranslator(language, CATALOGS, (problem) => {
    assert.fail(`${problem.language} ${problem.key}: ${problem.reason}`)
  })
}

/**
 * Words that only English has: a pt-BR or es sentence holding one was left in English. (The
 * sample params below hold no English words, so whatever matches came from a catalog.)
 */
const ENGLISH = new RegExp(
  `(?<![\\p{L}-])(${[
    ...['the', 'an', 'is', 'isn', 'was', 'were', 'be', 'been', 'has', 'have', 'it', 'its', 'of'],
    ...['to', 'in', 'on', 'at', 'for', 'or', 'and', 'by', 'up', 'out', 'with', 'from', 'than'],
    ...['you', 'your', 'we', 'this', 'that', 'which', 'there', 'here', 'now', 'only', 'more'],
    ...['after', 'before', 'when', 'while', 'not', 'can', 'cannot', 'could', 'please'],
    ...['nothing', 'try', 'again', 'sent', 'send', 'file', 'name', 'message', 'account'],
    ...['attachment', 'disk', 'folder', 'draft', 'outbox', 'choose', 'remove', 'sign'],
  ].join('|')})(?![\\p{L}-])`,
  'iu',
)

/** Every value a detail may name, in several variants, none of them English words. */
const SAMPLES: readonly Record<string, string | number>[] = [
  {
    email: 'ana@exemplo.com.br',
    signedInAs: 'bea@exemplo.com.br',
    file: 'relatório-2026.pdf',
    size: 38_900_000,
    limit: 36_700_160,
    count: 1,
    folder: '/home/ana/.config/Postline/drafts',
    errno: 'EROFS',
    googleReason: 'invalid_grant',
    status: 503,
    minutes: 5,
    seconds: 1,
    url: 'https://myaccount.google.com/permissions',
    entry: 'ana@',
    field: 'to',
    max: 255,
    kind: 'missing',
    platform: 'linux',
    change: 'link',
    kept: 'draft',
    reason: 'notJson',
    name: 'Relatório semanal',
  },
  {
    email: 'ana@exemplo.com.br',
    signedInAs: 'bea@exemplo.com.br',
    file: 'foto.png',
    size: 812,
    limit: 36_700_160,
    count: 3,
    folder: 'C:\\Dados\\Postline',
    errno: 'EIO',
    googleReason: 'X-42',
    status: 500,
    minutes: 0,
    seconds: 30,
    url: 'https://myaccount.google.com/permissions',
    entry: '"Bea" <bea@',
    field: 'from',
    max: 255,
    kind: 'refused',
    platform: 'darwin',
    change: 'unreadable',
    kept: 'nothing',
    reason: 'unreadable',
    offer: 'session-only',
    name: 'Boas-vindas',
  },
]

test('every error code has a title and advice in every language and context', () => {
  for (const language of LANGUAGES) {
    const t = strictTranslator(language)
    const english = strictTranslator('en')
    for (const code of ERROR_CODES) {
      for (const context of CONTEXTS) {
        const where = `${language} ${code} in ${context ?? 'no context'}`
        const text = words.errorText(t, { code, message: 'MAIN ENGLISH' }, context)
        if (code === 'cancelled') {
          assert.equal(text, null, 'a cancel the person chose shows nothing')
          continue
        }
        assert.ok(text, where)
        for (const part of [text.title, text.detail]) {
          assert.match(part, /^[A-ZÀ-Ú¿¡“].*[.!)]$/u, `${where}: a sentence: ${part}`)
          assert.doesNotMatch(part, /[{}]|MAIN ENGLISH|errors\./, `${where}: ${part}`)
        }
        if (language !== 'en') {
          const inEnglish = words.errorText(english, { code, message: '' }, context)!
          assert.notEqual(text.title, inEnglish.title, `${where}: title not translated`)
          assert.notEqual(text.detail, inEnglish.detail, `${where}: advice not translated`)
          assert.doesNotMatch(`${text.title} ${text.detail}`, ENGLISH, `${where}: English left`)
        }
      }
    }
  }
})

test('every detail main can name reads in every language with the params it needs', () => {
  for (const language of LANGUAGES) {
    const t = strictTranslator(language)
    const english = strictTranslator('en')
    for (const detail of ERROR_DETAILS) {
      for (const sample of SAMPLES) {
        const error: PostlineError = {
          code: 'internal',
          message: 'MAIN ENGLISH',
          params: { ...sample, detail },
        }
        const where = `${language} ${detail}`
        const sentence = words.errorSentence(t, error)
        assert.ok(sentence.length > 10, `${where}: ${sentence}`)
        assert.doesNotMatch(sentence, /[{}]|MAIN ENGLISH|errors\./, `${where}: ${sentence}`)
        if (language !== 'en') {
          assert.notEqual(sentence, words.errorSentence(english, error), `${where}: same as en`)
          const withoutParams = Object.values(sample).reduce<string>(
            (text, value) => text.split(String(value)).join(' '),
            sentence,
          )
          assert.doesNotMatch(withoutParams, ENGLISH, `${where}: English left: ${sentence}`)
        }
      }
    }
  }
})

test('each catalog message a detail names exists, and nothing in the catalog names an unknown one', () => {
  const known = new Set<string>(ERROR_DETAILS)
  for (const key of Object.keys(CATALOGS.en)) {
    const match = /^errors\.detail\.(.+)$/.exec(key)
    if (match) assert.ok(known.has(match[1]!), `${key} is not in ERROR_DETAILS`)
  }
  for (const detail of ERROR_DETAILS) assert.ok(`errors.detail.${detail}` in CATALOGS.en, detail)
})

test('an error raised in main reads in Portuguese with its file, size and limit in the locale’s format', () => {
  const error: PostlineError = {
    code: 'too-large',
    message: '“foto.png” was not attached. This message would be about 38.9 MB; …',
    params: {
      detail: 'tooLargeToAttach',
      file: 'foto.png',
      count: 1,
      size: 40_800_000,
      limit: 36_700_160,
    },
  }
  const pt = words.errorText(strictTranslator('pt-BR'), error, 'attachment')!
  assert.equal(pt.title, 'É coisa demais para anexar.')
  assert.equal(
    pt.detail,
    '“foto.png” não foi anexado. A mensagem teria cerca de 39,0 MB; o Gmail aceita até 35 MB. Remova um anexo e envie de novo.',
  )
  const es = words.errorText(strictTranslator('es'), {
    ...error,
    params: { ...error.params, count: 2 },
  })!
  assert.equal(
    es.detail,
    'No se adjuntaron estos 2 archivos. El mensaje pesaría unos 39,0 MB; Gmail acepta hasta 35 MB. Quita un archivo adjunto y vuelve a enviarlo.',
  )
})

test('what was kept is a code each language words, not English from main', () => {
  const t = strictTranslator('pt-BR')
  const sentences = new Set(
    KEPT.map((kept) =>
      words.errorSentence(t, {
        code: 'disk-full',
        message: '',
        params: { detail: 'diskFull', folder: '/dados', errno: 'ENOSPC', kept },
      }),
    ),
  )
  assert.equal(sentences.size, KEPT.length, 'each kept code has its own words')
  assert.ok(
    sentences.has(
      'O disco onde fica /dados está cheio. Seu rascunho foi mantido; nada foi enviado. Libere espaço e tente de novo.',
    ),
  )
})

test('without a detail the code’s advice is shown, never main’s message', () => {
  const t = strictTranslator('es')
  const text = words.errorText(t, { code: 'offline', message: 'Postline could not reach Google.' })
  assert.deepEqual(text, {
    title: 'Postline no puede conectarse con Google.',
    detail: 'Revisa tu conexión a internet y vuelve a intentarlo.',
  })
})

test('a detail this version does not know, or missing params, still read as sentences', () => {
  const t = strictTranslator('pt-BR')
  const unknown = words.errorText(t, {
    code: 'gmail-refused',
    message: '',
    params: { detail: 'fromANewerVersion' as ErrorDetail },
  })
  assert.equal(unknown?.detail, 'Nada foi enviado. Altere a mensagem e envie de novo.')
  const bare = words.errorSentence(t, {
    code: 'attachment-changed',
    message: '',
    params: { detail: 'attachmentChanged' },
  })
  assert.doesNotMatch(bare, /[{}]/)
  assert.match(bare, /^O anexo “” não pôde ser lido/)
})

test('an address that cannot be used says why, in the composer’s words for the parser’s code', () => {
  const error: PostlineError = {
    code: 'invalid-address',
    message: '',
    params: { detail: 'badRecipient', entry: 'bob@', field: 'cc', problem: 'nothingAfter' },
  }
  const pt = words.errorText(strictTranslator('pt-BR'), error, 'send')!
  assert.equal(pt.title, 'Um endereço não é válido.')
  assert.match(pt.detail, /^Corrija ou remova “bob@” em Cc\. \S/)
  assert.equal(
    pt.detail,
    `Corrija ou remova “bob@” em Cc. ${strictTranslator('pt-BR').t('composer.address.nothingAfter')}`,
  )
  const tooLong = words.errorSentence(strictTranslator('es'), {
    ...error,
    params: { ...error.params, problem: 'tooLong', max: 254 },
  })
  assert.match(tooLong, /254/)
})

test('the same code reads differently for a draft than for an account', () => {
  const t = strictTranslator('en')
  const error: PostlineError = { code: 'not-found', message: '' }
  assert.notEqual(
    words.errorText(t, error, 'draft')?.title,
    words.errorText(t, error, 'account')?.title,
  )
})

test('the keychain’s advice carries the session-only offer when main makes it', () => {
  const t = strictTranslator('es')
  const sentence = words.errorSentence(t, {
    code: 'keychain-unavailable',
    message: '',
    params: { detail: 'keychain', kind: 'refused', platform: 'win32', offer: 'session-only' },
  })
  assert.equal(
    sentence,
    'El llavero del sistema está bloqueado o no disponible, así que Postline no puede leer ni guardar inicios de sesión. Comprueba que el Administrador de credenciales de Windows esté funcionando y vuelve a intentarlo. No se agregó nada; también puedes usar la cuenta solo durante esta sesión.',
  )
})

test('why a file was set aside is worded from its reason code', () => {
  const file = { reason: 'wrongFields', moved: true } as const
  assert.equal(
    words.setAsideReason(strictTranslator('en'), file),
    'it does not have the expected fields',
  )
  assert.equal(
    words.setAsideReason(strictTranslator('pt-BR'), { ...file, moved: false }),
    'não tem os campos esperados; não foi possível movê-lo',
  )
  assert.equal(
    words.setAsideReason(strictTranslator('es'), { reason: 'notJson', moved: true }),
    'no es un JSON válido',
  )
})
