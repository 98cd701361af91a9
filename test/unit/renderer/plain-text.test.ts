// The rich/plain conversions on the editor's own schema (StarterKit as the editor configures it,
// the text style, the table and picture nodes, the signature block), documents built from JSON.
import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { getSchema, Node, type AnyExtension, type JSONContent } from '@tiptap/core'
import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'
import { Color, TextStyle } from '@tiptap/extension-text-style'
import { loadRenderer } from './load-renderer'

interface PlainText {
  formattingIn(doc: ProseMirrorNode): string[]
  plainHtmlFromRich(doc: ProseMirrorNode): string
  richHtmlFromPlain(doc: ProseMirrorNode): string
  plainTextOf(doc: ProseMirrorNode): string
}

/*
 * The editor's table and picture nodes by their names and content (editor-nodes.ts loads the
 * sanitiser, which needs a DOM): the conversions read nothing else of them.
 */
const EDITOR_NODES = [
  Node.create({ name: 'table', group: 'block', content: 'tableRow+' }),
  Node.create({ name: 'tableRow', content: '(tableCell | tableHeader)+' }),
  Node.create({ name: 'tableCell', content: 'block+' }),
  Node.create({ name: 'tableHeader', content: 'block+' }),
  Node.create({
    name: 'image',
    group: 'inline',
    inline: true,
    atom: true,
    addAttributes: () => ({ src: { default: null }, alt: { default: null } }),
  }),
]

let plain: PlainText
let schema: Schema

before(async () => {
  plain = await loadRenderer<PlainText>('plain-text.ts')
  const { SignatureNode } = await loadRenderer<{ SignatureNode: AnyExtension }>('signature-node.ts')
  schema = getSchema([
    StarterKit.configure({ code: false, codeBlock: false, horizontalRule: false }),
    TextStyle,
    Color,
    ...EDITOR_NODES,
    SignatureNode,
  ])
})

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
})
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const br: JSONContent = { type: 'hardBreak' }
const signature: JSONContent = {
  type: 'signature',
  content: [p(text('-- '), br, text('Ada Lovelace'), br, text('Analytical Engines'))],
}
const doc = (...content: JSONContent[]) => schema.nodeFromJSON({ type: 'doc', content })
const SIGNATURE_HTML =
  '<div data-postline-signature=""><p>-- <br>Ada Lovelace<br>Analytical Engines</p></div>'

test('the formatting a body has, and only that, in the warning’s order', () => {
  assert.deepEqual(plain.formattingIn(doc(p(text('Hello')), signature)), [])
  const body = doc(
    p(
      text('see', [{ type: 'link', attrs: { href: 'https://example.com' } }]),
      text(' Ada', [{ type: 'bold' }]),
      { type: 'image', attrs: { src: 'data:image/png;base64,AAAA' } },
    ),
    {
      type: 'table',
      content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('a'))] }] }],
    },
  )
  assert.deepEqual(plain.formattingIn(body), ['bold', 'links', 'tables', 'images'])
  const coloured = doc(p(text('red', [{ type: 'textStyle', attrs: { color: '#ff0000' } }])))
  assert.deepEqual(plain.formattingIn(coloured), ['colour'])
  const styleWithoutColour = doc(p(text('x', [{ type: 'textStyle', attrs: { color: null } }])))
  assert.deepEqual(plain.formattingIn(styleWithoutColour), [])
  const structure = doc(
    { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('one'))] }] },
    { type: 'blockquote', content: [p(text('q', [{ type: 'italic' }]))] },
  )
  assert.deepEqual(plain.formattingIn(structure), ['italic', 'headings', 'lists', 'quotes'])
})

test('rich → plain: one paragraph per line, blank lines between blocks, nothing typed lost', () => {
  const body = doc(
    p(
      text('Hello '),
      text('Ada', [{ type: 'bold' }]),
      text(', see '),
      text('the notes', [{ type: 'link', attrs: { href: 'https://example.com/notes' } }]),
      text('.'),
    ),
    p(),
    { type: 'heading', attrs: { level: 1 }, content: [text('Agenda')] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [p(text('cards'))] },
        { type: 'listItem', content: [p(text('columns'), br, text('and gears'))] },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [{ type: 'listItem', content: [p(text('third'))] }],
    },
    { type: 'blockquote', content: [p(text('quoted')), p(text('twice'))] },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [p(text('a1'))] },
            { type: 'tableCell', content: [p(text('b1'))] },
          ],
        },
      ],
    },
    p(text('mail me', [{ type: 'link', attrs: { href: 'mailto:ada@example.com' } }])),
    signature,
    p(text('P.S. <soon> & later')),
  )
  assert.equal(
    plain.plainHtmlFromRich(body),
    [
      '<p>Hello Ada, see the notes (https://example.com/notes).</p>',
      '<p></p>',
      '<p>Agenda</p>',
      '<p></p>',
      '<p>- cards</p>',
      '<p>- columns</p>',
      '<p>  and gears</p>',
      '<p></p>',
      '<p>3. third</p>',
      '<p></p>',
      '<p>&gt; quoted</p>',
      '<p>&gt;</p>',
      '<p>&gt; twice</p>',
      '<p></p>',
      '<p>a1\tb1</p>',
      '<p></p>',
      '<p>mail me (ada@example.com)</p>',
      SIGNATURE_HTML,
      '<p>P.S. &lt;soon&gt; &amp; later</p>',
    ].join(''),
  )
})

test('rich → plain: a new message (an empty line and the signature) stays that', () => {
  assert.equal(plain.plainHtmlFromRich(doc(p(), signature)), `<p></p>${SIGNATURE_HTML}`)
  assert.equal(plain.plainHtmlFromRich(doc(p())), '<p></p>')
  // A formatted signature keeps its lines, not its formatting.
  const bold = doc(p(), {
    type: 'signature',
    content: [p(text('-- '), br, text('Ada', [{ type: 'bold' }]))],
  })
  assert.equal(
    plain.plainHtmlFromRich(bold),
    '<p></p><div data-postline-signature=""><p>-- <br>Ada</p></div>',
  )
})

test('plain → rich: blank lines separate paragraphs, lines become breaks, spaces kept', () => {
  const body = doc(
    p(text('Hi Grace,')),
    p(),
    p(text('line one')),
    p(text('line two')),
    p(text('  indented  twice')),
    p(),
    p(),
    p(text('a < b & c')),
    signature,
  )
  assert.equal(
    plain.richHtmlFromPlain(body),
    '<p>Hi Grace,</p>' +
      '<p>line one<br>line two<br>\u00a0 indented \u00a0twice</p>' +
      '<p>a &lt; b &amp; c</p>' +
      SIGNATURE_HTML,
  )
  assert.equal(plain.richHtmlFromPlain(doc(p(), signature)), `<p></p>${SIGNATURE_HTML}`)
  assert.equal(plain.richHtmlFromPlain(doc(signature)), `<p></p>${SIGNATURE_HTML}`)
})

test('the plain text as sent: a line per paragraph, breaks kept, the signature as "-- " lines', () => {
  assert.equal(
    plain.plainTextOf(doc(p(text('Hi')), p(), p(text(' From me'), br, text('> x')), signature)),
    'Hi\n\n From me\n> x\n-- \nAda Lovelace\nAnalytical Engines',
  )
})
