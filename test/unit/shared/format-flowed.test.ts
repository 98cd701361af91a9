import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  decodeFlowed,
  encodeFlowed,
  FLOWED_MAX_LINE,
  SIGNATURE_SEPARATOR,
} from '../../../src/shared/format-flowed'

const lines = (flowed: string) => flowed.split('\r\n')
const length = (line: string) => Array.from(line).length

test('a short text passes unchanged, its lines joined by CRLF whatever they were joined by', () => {
  assert.equal(encodeFlowed('Hello Ada,\n\nSee you.'), 'Hello Ada,\r\n\r\nSee you.')
  assert.equal(encodeFlowed('one\r\ntwo\rthree'), 'one\r\ntwo\r\nthree')
  assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(encodeFlowed('a\nb\r\nc\rd')), 'no bare CR or LF')
})

test('a long line is cut after a space, the space kept at the end (a soft break), at most 78', () => {
  const words = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ')
  const flowed = encodeFlowed(words)
  const out = lines(flowed)
  assert.ok(out.length > 1)
  for (const line of out.slice(0, -1)) {
    assert.ok(line.endsWith(' '), `soft break: ${JSON.stringify(line)}`)
    assert.ok(length(line) <= FLOWED_MAX_LINE, `${length(line)} characters`)
  }
  assert.ok(!out.at(-1)!.endsWith(' '), 'the last line is a hard break')
  assert.equal(out.join(''), words, 'joining the lines gives the text back (DelSp=no)')
  assert.equal(decodeFlowed(flowed), words)
})

test('a line of exactly 78 characters is not cut; 79 is', () => {
  const line78 = `${'a'.repeat(38)} ${'b'.repeat(39)}`
  assert.equal(length(line78), 78)
  assert.equal(encodeFlowed(line78), line78)
  const line79 = `${line78}c`
  assert.deepEqual(lines(encodeFlowed(line79)), [`${'a'.repeat(38)} `, `${'b'.repeat(39)}c`])
})

test('trailing spaces before a hard break are removed, so no hard line reads as flowed', () => {
  assert.equal(encodeFlowed('trailing   \nnext '), 'trailing\r\nnext')
  assert.equal(decodeFlowed(encodeFlowed('trailing   \nnext ')), 'trailing\nnext')
})

test('the signature separator "-- " keeps its space and is never joined to what follows', () => {
  const text = `Thanks,\nAda\n${SIGNATURE_SEPARATOR}\nAda Lovelace\nAnalytical Engines`
  const flowed = encodeFlowed(text)
  assert.deepEqual(lines(flowed), ['Thanks,', 'Ada', '-- ', 'Ada Lovelace', 'Analytical Engines'])
  assert.equal(decodeFlowed(flowed), text)
  assert.equal(encodeFlowed('--  '), '--', 'only the exact separator keeps its space')
})

test('lines starting with a space or "From " are space-stuffed; ">" lines are quotes', () => {
  assert.deepEqual(lines(encodeFlowed(' indented\nFrom here on\nFromage')), [
    '  indented',
    ' From here on',
    'Fromage',
  ])
  assert.equal(decodeFlowed(encodeFlowed(' indented\nFrom here on')), ' indented\nFrom here on')
})

test('a cut line that would start with ">" or "From " is stuffed too, and still fits', () => {
  const text = `${'x'.repeat(72)} >arrow ${'y'.repeat(75)} From me`
  const out = lines(encodeFlowed(text))
  assert.equal(out[1], ' >arrow ')
  assert.equal(out[3], ' From me')
  for (const line of out) assert.ok(length(line) <= FLOWED_MAX_LINE)
  assert.equal(decodeFlowed(out.join('\r\n')), text)
  // A stuffed line of 78 characters would be 79: it is cut one character earlier.
  const stuffed = ` ${'a'.repeat(38)} ${'b'.repeat(38)}`
  assert.equal(length(stuffed), 78)
  assert.deepEqual(lines(encodeFlowed(stuffed)), [`  ${'a'.repeat(38)} `, 'b'.repeat(38)])
})

test('quoted lines keep their depth; each cut line carries the same quote marks', () => {
  const reply = `> ${'quoted words '.repeat(10).trim()}\n>> deeper\n\nMy answer`
  const out = lines(encodeFlowed(reply))
  const quotedLines = out.filter((line) => line.startsWith('> '))
  assert.ok(quotedLines.length >= 2)
  for (const line of quotedLines) assert.ok(length(line) <= FLOWED_MAX_LINE)
  assert.ok(quotedLines.slice(0, -1).every((line) => line.endsWith(' ')))
  assert.ok(out.includes('>> deeper'))
  assert.equal(decodeFlowed(out.join('\r\n')), reply)
  // ">text" (no space) is a quote too, written in the stuffed form.
  assert.equal(encodeFlowed('>text'), '> text')
  assert.equal(encodeFlowed('> -- '), '> -- ', 'a quoted signature separator is kept')
})

test('a word longer than the line is not split: it takes its own line', () => {
  const url = `https://example.com/${'a'.repeat(120)}`
  const text = `See ${url} for more`
  const out = lines(encodeFlowed(text))
  assert.deepEqual(out, ['See ', `${url} `, 'for more'])
  assert.equal(decodeFlowed(out.join('\r\n')), text)
  assert.equal(encodeFlowed(url), url)
})

test('non-ASCII text counts characters, not bytes, and survives the round trip', () => {
  const text = `${'ação '.repeat(20)}é fim 😀 ${'ñ'.repeat(10)}`.trim()
  const flowed = encodeFlowed(text)
  for (const line of lines(flowed)) assert.ok(length(line) <= FLOWED_MAX_LINE)
  // 'ação ' is 5 characters: the first line holds 15 of them (75), not fewer for the bytes.
  assert.equal(lines(flowed)[0], 'ação '.repeat(15))
  assert.equal(decodeFlowed(flowed), text)
})

test('runs of spaces inside a line stay whole at the end of a line', () => {
  const text = `${'a'.repeat(70)}     ${'b'.repeat(20)}`
  const out = lines(encodeFlowed(text))
  assert.deepEqual(out, [`${'a'.repeat(70)}     `, 'b'.repeat(20)])
  assert.equal(decodeFlowed(out.join('\r\n')), text)
})

test('empty text and blank lines stay as they are', () => {
  assert.equal(encodeFlowed(''), '')
  assert.equal(encodeFlowed('\n\n'), '\r\n\r\n')
  assert.equal(encodeFlowed('   '), '')
})
