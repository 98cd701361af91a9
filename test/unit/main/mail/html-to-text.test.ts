import { test } from 'node:test'
import assert from 'node:assert/strict'
import { htmlToText } from '../../../../src/main/mail/html-to-text'

test('paragraphs are separated by a blank line and <br> breaks a line', () => {
  assert.equal(
    htmlToText('<p>Hi Bob,</p><p></p><p>First<br>second</p>'),
    'Hi Bob,\n\nFirst\nsecond',
  )
})

test('whitespace in the HTML source collapses as in a browser', () => {
  assert.equal(
    htmlToText('\n  <p>  Hello\n   <b>bold</b>   world  </p>\n\n  <p>again</p>\n'),
    'Hello bold world\n\nagain',
  )
})

test('unordered list items start with a dash, nested ones indented', () => {
  assert.equal(
    htmlToText('<ul><li><p>One</p></li><li><p>Two</p><ul><li><p>Inner</p></li></ul></li></ul>'),
    '- One\n- Two\n  - Inner',
  )
})

test('ordered list items are numbered from their start attribute', () => {
  assert.equal(htmlToText('<ol start="3"><li>Three</li><li>Four</li></ol>'), '3. Three\n4. Four')
  assert.equal(htmlToText('<ol><li>a</li><li>b</li></ol>'), '1. a\n2. b')
})

test('a list is separated from the paragraphs around it', () => {
  assert.equal(htmlToText('<p>Before</p><ul><li>x</li></ul><p>After</p>'), 'Before\n\n- x\n\nAfter')
})

test('a link shows its text then its address in parentheses', () => {
  assert.equal(
    htmlToText('<p>See <a href="https://example.com/x?a=1&amp;b=2">the page</a>.</p>'),
    'See the page (https://example.com/x?a=1&b=2).',
  )
})

test('a link whose text is its address is shown once', () => {
  assert.equal(
    htmlToText(
      '<a href="https://example.com/">https://example.com</a> <a href="mailto:a@b.c">a@b.c</a>',
    ),
    'https://example.com a@b.c',
  )
})

test('blockquote lines are prefixed with "> ", nested quotes twice', () => {
  assert.equal(
    htmlToText(
      '<p>Reply</p><blockquote><p>One</p><p>Two<br>three</p><blockquote><p>Older</p></blockquote></blockquote><p>End</p>',
    ),
    'Reply\n\n> One\n>\n> Two\n> three\n>\n> > Older\n\nEnd',
  )
})

test('named, decimal and hexadecimal entities are decoded', () => {
  assert.equal(
    htmlToText(
      '<p>&lt;b&gt; &amp; &quot;q&quot; caf&eacute; &mdash; &#128075;&#x1F44B; a&nbsp;b</p>',
    ),
    '<b> & "q" café — 👋👋 a b',
  )
})

test('unknown entities are kept as written and invalid code points become U+FFFD', () => {
  assert.equal(htmlToText('&bogus; &#0; &#xD800;'), '&bogus; \ufffd \ufffd')
})

test('scripts, styles, comments and tags are dropped', () => {
  assert.equal(
    htmlToText(
      '<style>p{}</style><script>alert(1)</script><!-- note --><div class="x">a</div><span>b</span>',
    ),
    'a\nb',
  )
})

test('preformatted text keeps its spaces and line breaks', () => {
  assert.equal(htmlToText('<pre>  one\n    two</pre>'), '  one\n    two')
})

test('an empty body gives an empty text', () => {
  assert.equal(htmlToText(''), '')
  assert.equal(htmlToText('<p></p>'), '')
})

test('a table reads as lines of tab-separated cells, paragraphs inside cells included', () => {
  assert.equal(
    htmlToText(
      '<p>Totals:</p><table border="1"><tbody><tr><th><p>Quarter</p></th><th><p>Revenue</p></th></tr>' +
        '<tr><td><p>Q1</p></td><td><p>12,000</p></td></tr>' +
        '<tr><td><p>Q2</p><p>(est.)</p></td><td><p>13,400</p></td></tr></tbody></table><p>Thanks</p>',
    ),
    'Totals:\n\nQuarter\tRevenue\nQ1\t12,000\nQ2 (est.)\t13,400\n\nThanks',
  )
})

test('a picture is its alternative text, and nothing without one', () => {
  assert.equal(
    htmlToText('<p>Logo <img src="cid:a@x" alt="Example logo"> and <img src="cid:b@x" alt=""></p>'),
    'Logo Example logo and',
  )
})
