// One test over every catalog: every language has every key, every message is valid ICU, and no
// translation loses or invents a placeholder.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import {
  AREAS as MAIN_AREAS,
  CATALOGS as MAIN_CATALOGS,
} from '../../../src/shared/i18n/main-catalogs'
import {
  AREAS as WINDOW_AREAS,
  CATALOGS as WINDOW_CATALOGS,
} from '../../../src/shared/i18n/window-catalogs'
import { LANGUAGES } from '../../../src/shared/i18n/languages'
import { pseudoMessage } from '../../../src/shared/i18n/translator'

const LOCALES = path.resolve(__dirname, '../../../src/locales')

function readArea(language: string, area: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(LOCALES, language, `${area}.json`), 'utf8')) as Record<
    string,
    string
  >
}

/** The names of a message's arguments, with their kind (`count:plural`, `name:argument`). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(`${element.value}:${element.type}`)
        break
      case TYPE.plural:
      case TYPE.select:
        into.add(`${element.value}:${element.type}`)
        for (const option of Object.values(element.options)) argumentsOf(option.value, into)
        break
      case TYPE.tag:
        into.add(`<${element.value}>`)
        argumentsOf(element.children, into)
        break
      default:
        break
    }
  }
  return into
}

const ALL_AREAS = [...new Set([...WINDOW_AREAS, ...MAIN_AREAS])]

test('every language has a file for every area, and nothing else', () => {
  for (const language of LANGUAGES) {
    const files = readdirSync(path.join(LOCALES, language)).sort()
    assert.deepEqual(files, ALL_AREAS.map((area) => `${area}.json`).sort(), language)
  }
  assert.deepEqual(readdirSync(LOCALES).sort(), [...LANGUAGES].sort())
})

test('every key sits in the file of its area', () => {
  for (const language of LANGUAGES) {
    for (const area of ALL_AREAS) {
      for (const key of Object.keys(readArea(language, area))) {
        assert.ok(key.startsWith(`${area}.`), `${language}/${area}.json holds ${key}`)
      }
    }
  }
})

test('every language has exactly the English keys', () => {
  for (const area of ALL_AREAS) {
    const english = Object.keys(readArea('en', area)).sort()
    for (const language of LANGUAGES) {
      const keys = Object.keys(readArea(language, area)).sort()
      const missing = english.filter((key) => !keys.includes(key))
      const extra = keys.filter((key) => !english.includes(key))
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${language}/${area}.json`)
    }
  }
})

test('every message is valid ICU and keeps the English placeholders', () => {
  for (const area of ALL_AREAS) {
    const english = readArea('en', area)
    for (const language of LANGUAGES) {
      for (const [key, message] of Object.entries(readArea(language, area))) {
        assert.equal(typeof message, 'string', `${language} ${key}`)
        assert.ok(message.trim() !== '', `${language} ${key} is empty`)
        let elements: MessageFormatElement[]
        try {
          elements = parse(message)
        } catch (error) {
          assert.fail(`${language} ${key}: ${(error as Error).message}`)
        }
        const expected = argumentsOf(parse(english[key]!))
        assert.deepEqual(
          [...argumentsOf(elements)].sort(),
          [...expected].sort(),
          `${language} ${key} has other placeholders than English`,
        )
        for (const element of elements) {
          if (element.type === TYPE.plural) {
            assert.ok('other' in element.options, `${language} ${key}: a plural needs "other"`)
          }
        }
      }
    }
  }
})

test('the merged catalogs the window and main load are the area files', () => {
  for (const [catalogs, areas] of [
    [WINDOW_CATALOGS, WINDOW_AREAS],
    [MAIN_CATALOGS, MAIN_AREAS],
  ] as const) {
    for (const language of LANGUAGES) {
      const expected = Object.assign({}, ...areas.map((area) => readArea(language, area)))
      assert.deepEqual(catalogs[language], expected, language)
    }
  }
})

test('every English message has a pseudo-locale form', () => {
  for (const area of ALL_AREAS) {
    for (const message of Object.values(readArea('en', area))) {
      assert.doesNotThrow(() => pseudoMessage(message), message)
    }
  }
})
